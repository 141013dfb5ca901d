/**
 * The primary's side of the embedded backend: answers a worker's store
 * requests from the one MemoryClusterStore every worker shares.
 */
import type { ChildProcess } from 'node:child_process';
import type { Logger } from '../../logger';
import type { ClusterStore } from '../clusterStore';
import { isStoreRequest, type StoreReply } from './ipcProtocol';

export function serveStore(child: ChildProcess, store: ClusterStore, log: Logger): void {
  child.on('message', (m: unknown) => {
    if (!isStoreRequest(m)) return;
    const method = store[m.op] as (...args: unknown[]) => Promise<unknown>;
    method.apply(store, m.args).then(
      (value) => reply({ kind: 'tw-store-reply', id: m.id, ok: true, value }),
      (err: unknown) => reply({ kind: 'tw-store-reply', id: m.id, ok: false, error: err instanceof Error ? err.message : String(err) }),
    );
  });
  function reply(r: StoreReply): void {
    if (!child.connected) return;
    child.send(r, (err) => {
      if (err) log.warn({ err: err.message }, 'store reply to worker failed');
    });
  }
}
