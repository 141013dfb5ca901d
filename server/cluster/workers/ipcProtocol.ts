/** The messages between a `--workers` primary (which holds the cluster store) and its workers, over the fork IPC channel. */
import type { ClusterStore } from '../clusterStore';

export type StoreOperation = Exclude<keyof ClusterStore, never>;

export interface StoreRequest {
  kind: 'tw-store';
  id: number;
  op: StoreOperation;
  args: unknown[];
}

export type StoreReply = { kind: 'tw-store-reply'; id: number; ok: true; value: unknown } | { kind: 'tw-store-reply'; id: number; ok: false; error: string };

/** What a worker is told at fork time (env TICKWIRE_WORKER, JSON). */
export interface WorkerAssignment {
  index: number;
  /** The port every worker shares (SO_REUSEPORT: the kernel spreads connections). */
  sharedPort: number;
  /** This worker's own port: its public URL, where Moved sends clients. */
  ownPort: number;
}

export const STORE_OPERATIONS: readonly StoreOperation[] = [
  'putPresence', 'removePresence', 'liveNodes', 'putRooms', 'removeRoom', 'roomById', 'roomIdByCode', 'allRooms',
  'putSessions', 'findSession', 'removeSession', 'ping',
];

export function isStoreRequest(m: unknown): m is StoreRequest {
  const r = m as StoreRequest | null;
  return typeof r === 'object' && r !== null && r.kind === 'tw-store' && Number.isSafeInteger(r.id) && STORE_OPERATIONS.includes(r.op) && Array.isArray(r.args);
}

export function isStoreReply(m: unknown): m is StoreReply {
  const r = m as StoreReply | null;
  return typeof r === 'object' && r !== null && r.kind === 'tw-store-reply' && Number.isSafeInteger(r.id);
}
