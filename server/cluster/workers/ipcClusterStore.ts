/**
 * A worker's view of the primary's cluster store: every call is a request
 * over the fork IPC channel, answered by storeServer.ts. A call the primary
 * does not answer within the timeout rejects (the primary is gone or stuck),
 * which the cluster layer treats like a Redis outage.
 */
import type { ClusterRoom, ClusterSession, ClusterStore, NodePresence } from '../clusterStore';
import { isStoreReply, type StoreOperation, type StoreRequest } from './ipcProtocol';

const REPLY_TIMEOUT_MS = 2000;

/** The IPC end of a forked child (process itself, in a worker). */
export interface IpcChannel {
  send?(message: unknown): boolean;
  on(event: 'message', listener: (m: unknown) => void): unknown;
}

export class IpcStoreError extends Error {
  readonly code = 'ipc_store_failed';
}

export class IpcClusterStore implements ClusterStore {
  private serial = 0;
  private readonly waiting = new Map<number, { resolve: (v: unknown) => void; reject: (e: Error) => void; timer: ReturnType<typeof setTimeout> }>();

  constructor(private readonly channel: IpcChannel) {
    channel.on('message', (m) => {
      if (!isStoreReply(m)) return;
      const w = this.waiting.get(m.id);
      if (!w) return;
      this.waiting.delete(m.id);
      clearTimeout(w.timer);
      if (m.ok) w.resolve(m.value);
      else w.reject(new IpcStoreError(m.error));
    });
  }

  private call<T>(op: StoreOperation, ...args: unknown[]): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      const id = ++this.serial;
      const timer = setTimeout(() => {
        this.waiting.delete(id);
        reject(new IpcStoreError(`primary did not answer ${op} within ${REPLY_TIMEOUT_MS} ms`));
      }, REPLY_TIMEOUT_MS);
      timer.unref();
      this.waiting.set(id, { resolve: resolve as (v: unknown) => void, reject, timer });
      const request: StoreRequest = { kind: 'tw-store', id, op, args };
      if (!this.channel.send || !this.channel.send(request)) {
        // send() false means queued, not lost; only a missing channel is fatal.
        if (!this.channel.send) {
          clearTimeout(timer);
          this.waiting.delete(id);
          reject(new IpcStoreError('no IPC channel to the primary'));
        }
      }
    });
  }

  putPresence(node: NodePresence, ttlMs: number): Promise<void> {
    return this.call('putPresence', node, ttlMs);
  }
  removePresence(nodeId: string): Promise<void> {
    return this.call('removePresence', nodeId);
  }
  liveNodes(): Promise<NodePresence[]> {
    return this.call('liveNodes');
  }
  putRooms(rooms: readonly ClusterRoom[]): Promise<void> {
    return this.call('putRooms', rooms);
  }
  removeRoom(id: string, code: string): Promise<void> {
    return this.call('removeRoom', id, code);
  }
  roomById(id: string): Promise<ClusterRoom | null> {
    return this.call('roomById', id);
  }
  roomIdByCode(code: string): Promise<string | null> {
    return this.call('roomIdByCode', code);
  }
  allRooms(): Promise<ClusterRoom[]> {
    return this.call('allRooms');
  }
  putSessions(sessions: readonly (ClusterSession & { token: string })[]): Promise<void> {
    return this.call('putSessions', sessions);
  }
  findSession(token: string): Promise<ClusterSession | null> {
    return this.call('findSession', token);
  }
  removeSession(token: string): Promise<void> {
    return this.call('removeSession', token);
  }
  ping(): Promise<void> {
    return this.call('ping');
  }
}
