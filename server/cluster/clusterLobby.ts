/**
 * The lobby's cluster-wide answers, transport-free: the public rooms of every
 * live node (this node's own read fresh from its local directory, the rest
 * from the store, up to one heartbeat old), and quick-play matchmaking that
 * names the node to connect to.
 */
import type { RoomSummary } from '../../shared/protocol/lobbyApi';
import type { RoomHost } from '../rooms/roomHost';
import type { ClusterNode } from './clusterNode';

/** A lobby room with where it lives (new fields; older clients ignore them). */
export interface ClusterRoomSummary extends RoomSummary {
  /** The holder node's id. */
  node: string;
  /** The holder node's public base URL: connect to its `/ws`. */
  url: string;
}

/** `GET /api/quickplay?game=` → where to play: connect to `url` + `/ws?quick=<game>`. */
export interface QuickPlayMatch {
  game: string;
  node: string;
  url: string;
  /** The room the node's quick play will most likely seat you in; null: it opens one. */
  room: string | null;
}

export async function clusterRooms(node: ClusterNode, host: RoomHost): Promise<ClusterRoomSummary[]> {
  const local = host.directory.listPublic().map((r) => ({ ...r, node: node.nodeId, url: node.publicUrl }));
  const remote = (await node.publicRooms())
    .filter((r) => r.node !== node.nodeId)
    .map((r) => ({ id: r.id, name: r.name, players: r.players, maxPlayers: r.maxPlayers, game: r.game, private: false, node: r.node, url: r.url }));
  return [...local, ...remote];
}

/**
 * Quick play across the cluster: a local room with a free seat first (no
 * round trip), else the cluster's fullest fitting room, else this node (its
 * quick play opens a room). The seat itself is taken by the holder when the
 * client connects, so a match never fails for want of a reservation: if the
 * room filled meanwhile, the holder seats the player in its next room.
 */
export async function matchQuickPlay(node: ClusterNode | null, host: RoomHost, game: string, selfUrl: string): Promise<QuickPlayMatch> {
  const local = host.directory.findQuickPlay(game);
  const self = { game, node: node?.nodeId ?? '', url: node?.publicUrl ?? selfUrl };
  if (local || !node) return { ...self, room: local?.id ?? null };
  const where = await node.pickQuickPlay(game);
  if (!where || where.nodeId === node.nodeId) return { ...self, room: null };
  return { game, node: where.nodeId, url: where.url, room: where.roomId };
}
