/**
 * Composition of the cluster layer for startServer: with a Redis URL (or a
 * store handed in, e.g. the `--workers` primary's over IPC) the local room
 * directory and session store mirror into the shared store, a ClusterNode
 * heartbeats, and a JoinRouter routes joins for other nodes' rooms. Without
 * either, nothing of this exists and the server is one process as before.
 */
import type { Logger } from '../logger';
import type { RoomHost } from '../rooms/roomHost';
import type { RoomDirectory } from '../rooms/roomDirectory';
import type { SessionStore } from '../sessions/sessionStore';
import { ClusterNode } from './clusterNode';
import type { ClusterStore } from './clusterStore';
import { ClusterStats } from './clusterStats';
import { JoinRouter } from './joinRouter';
import { MirroredRoomDirectory } from './mirroredDirectory';
import { MirroredSessionStore } from './mirroredSessionStore';
import { randomNodeId } from './nodeIdentity';
import { RedisClusterStore } from './redisClusterStore';
import { openRedisConnection, type RedisConnection } from './redisConnection';

export interface ClusterParts {
  readonly nodeId: string;
  readonly store: ClusterStore;
  readonly stats: ClusterStats;
  /** Set when the store is Redis (for the connection metrics and the mobility engineer's modules). */
  readonly redis: RedisConnection | null;
  readonly directory: RoomDirectory;
  readonly sessions: SessionStore;
  /** Set by `join`, once the public URL (listen port) is known. */
  node: ClusterNode | null;
  router: JoinRouter | null;
}

/** The cluster parts before listening, or null when this server is alone. */
export function prepareCluster(opts: { redisUrl: string; nodeId: string; store?: ClusterStore; log: Logger }): ClusterParts | null {
  if (!opts.redisUrl && !opts.store) return null;
  const redis = opts.store ? null : openRedisConnection(opts.redisUrl, opts.log);
  const parts: ClusterParts = {
    nodeId: opts.nodeId || randomNodeId(),
    store: opts.store ?? new RedisClusterStore(redis!.client),
    stats: new ClusterStats(),
    redis,
    directory: new MirroredRoomDirectory(() => parts.node),
    sessions: new MirroredSessionStore(() => parts.node),
    node: null,
    router: null,
  };
  return parts;
}

/** Join the cluster once listening: start heartbeats; resync whenever Redis (re)connects. */
export function joinCluster(
  parts: ClusterParts,
  opts: { publicUrl: string; heartbeatMs: number; host: RoomHost; log: Logger; isDraining: () => boolean },
): ClusterNode {
  const node = new ClusterNode({
    nodeId: parts.nodeId,
    publicUrl: opts.publicUrl,
    heartbeatMs: opts.heartbeatMs,
    store: parts.store,
    stats: parts.stats,
    log: opts.log,
    localRooms: () => opts.host.directory.all(),
    localSessions: () => opts.host.sessions.all(),
    isDraining: opts.isDraining,
  });
  parts.node = node;
  parts.router = new JoinRouter(node, opts.host, parts.stats, opts.log);
  parts.redis?.onReady(() => void node.resync());
  node.start();
  opts.log.info({ node: node.nodeId, url: node.publicUrl }, 'joined cluster');
  return node;
}

/** Leave: presence withdrawn, Redis closed. */
export async function leaveCluster(parts: ClusterParts): Promise<void> {
  await parts.node?.stop();
  await parts.redis?.close();
}
