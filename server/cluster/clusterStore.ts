/**
 * The cluster seam: what nodes share (presence, room directory, resume
 * sessions), asynchronous and spoken in ids and records, never live objects.
 * Each node keeps its own rooms in its synchronous local directory (the fast
 * path); this store only answers questions about the rest of the cluster.
 *
 * Backends: Redis (redisClusterStore.ts, keys as in notes/keys.md) for many
 * machines; memory (memoryClusterStore.ts) for the primary of `--workers N`,
 * reached by its workers over IPC (ipcClusterStore.ts).
 */

/** `tw:node:<nodeId>`: one live node. */
export interface NodePresence {
  nodeId: string;
  url: string;
  startedAtMs: number;
  rooms: number;
  players: number;
  draining: boolean;
}

/** `tw:room:<roomId>`: one room and the node that holds it. */
export interface ClusterRoom {
  id: string;
  node: string;
  game: string;
  name: string;
  /** '' for a public room. */
  code: string;
  players: number;
  maxPlayers: number;
  createdAtMs: number;
}

/** `tw:session:<token>`: a resume token's player. */
export interface ClusterSession {
  roomId: string;
  playerId: number;
}

export interface ClusterStore {
  /** Write this node's presence with an expiry (`ttlMs`); missing = dead. */
  putPresence(node: NodePresence, ttlMs: number): Promise<void>;
  removePresence(nodeId: string): Promise<void>;
  /** Every node whose presence has not expired. */
  liveNodes(): Promise<NodePresence[]>;
  /** Create or refresh rooms held by this node (and their join codes). */
  putRooms(rooms: readonly ClusterRoom[]): Promise<void>;
  removeRoom(id: string, code: string): Promise<void>;
  roomById(id: string): Promise<ClusterRoom | null>;
  roomIdByCode(code: string): Promise<string | null>;
  allRooms(): Promise<ClusterRoom[]>;
  putSessions(sessions: readonly (ClusterSession & { token: string })[]): Promise<void>;
  findSession(token: string): Promise<ClusterSession | null>;
  removeSession(token: string): Promise<void>;
  /** One round trip, for the latency metric. */
  ping(): Promise<void>;
}

/** A cluster operation failed because the shared store is unreachable (HTTP 503, close 4106). */
export class ClusterUnavailableError extends Error {
  readonly code = 'cluster_unavailable';
  constructor(operation: string, cause: unknown) {
    super(`cluster store unavailable during ${operation}: ${cause instanceof Error ? cause.message : String(cause)}`);
  }
}
