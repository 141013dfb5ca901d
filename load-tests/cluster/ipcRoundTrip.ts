/**
 * `npx tsx load-tests/cluster/ipcRoundTrip.ts [calls]`: the cost of one
 * cluster-store call from a `--workers` worker to the primary, over a forked
 * child's IPC channel (what workerPool.ts uses) vs a worker thread's
 * MessagePort — the measurement behind "processes, not threads"
 * (docs/CLUSTER.md). Both answer from a MemoryClusterStore in the parent.
 * Prints µs per round trip (sequential, and 64 in flight).
 */
import { fork } from 'node:child_process';
import { Worker } from 'node:worker_threads';
import { fileURLToPath } from 'node:url';
import { MemoryClusterStore } from '../../server/cluster/memoryClusterStore';
import type { StoreReply, StoreRequest } from '../../server/cluster/workers/ipcProtocol';

const calls = Number((process.argv[2]?.startsWith('--') ? process.argv[3] : process.argv[2]) ?? 20000);
const say = (line: string) => process.stdout.write(`${line}\n`);

/** The child side: send `calls` findSession requests, sequential then 64 at a time; report elapsed ms. */
async function childSide(send: (m: StoreRequest) => void, onMessage: (f: (m: StoreReply) => void) => void, report: (r: unknown) => void): Promise<void> {
  const waiting = new Map<number, () => void>();
  onMessage((m) => waiting.get(m.id)?.());
  let id = 0;
  const call = () => new Promise<void>((r) => {
    const n = ++id;
    waiting.set(n, () => (waiting.delete(n), r()));
    send({ kind: 'tw-store', id: n, op: 'findSession', args: ['token-xyz'] });
  });
  let t0 = performance.now();
  for (let i = 0; i < calls; i++) await call();
  const seqMs = performance.now() - t0;
  t0 = performance.now();
  let next = 0;
  await Promise.all(Array.from({ length: 64 }, async () => { while (next++ < calls) await call(); }));
  report({ seqMs, parMs: performance.now() - t0 });
}

function serve(store: MemoryClusterStore, m: StoreRequest, reply: (r: StoreReply) => void): void {
  void store.findSession(m.args[0] as string).then((value) => reply({ kind: 'tw-store-reply', id: m.id, ok: true, value }));
}

async function measureFork(store: MemoryClusterStore): Promise<{ seqMs: number; parMs: number }> {
  const child = fork(fileURLToPath(import.meta.url), ['--child-fork', String(calls)], { execArgv: process.execArgv, serialization: 'advanced' });
  return new Promise((resolve) => {
    child.on('message', (m: StoreRequest | { result: { seqMs: number; parMs: number } }) => {
      if ('result' in m) {
        child.kill();
        resolve(m.result);
      } else serve(store, m, (r) => child.send(r));
    });
  });
}

async function measureThread(store: MemoryClusterStore): Promise<{ seqMs: number; parMs: number }> {
  // tsx is registered inside the thread first (as load-tests/harness/workerPool.ts does).
  const code = `import('tsx/esm/api').then(({ register }) => { register(); return import(${JSON.stringify(import.meta.url)}); })`;
  const worker = new Worker(code, { eval: true, argv: ['--child-thread', String(calls)] });
  return new Promise((resolve) => {
    worker.on('message', (m: StoreRequest | { result: { seqMs: number; parMs: number } }) => {
      if ('result' in m) {
        void worker.terminate();
        resolve(m.result);
      } else serve(store, m, (r) => worker.postMessage(r));
    });
  });
}

async function main(): Promise<void> {
  const mode = process.argv[2];
  if (mode === '--child-fork') {
    return childSide((m) => process.send!(m), (f) => process.on('message', f as (m: unknown) => void), (r) => process.send!({ result: r }));
  }
  if (mode === '--child-thread') {
    const { parentPort } = await import('node:worker_threads');
    return childSide((m) => parentPort!.postMessage(m), (f) => parentPort!.on('message', f), (r) => parentPort!.postMessage({ result: r }));
  }
  const store = new MemoryClusterStore();
  for (const [name, run] of [['fork IPC (advanced serialization)', measureFork], ['worker thread MessagePort', measureThread]] as const) {
    const r = await run(store);
    say(`${name}: ${((r.seqMs * 1000) / calls).toFixed(1)} µs/call sequential, ${((r.parMs * 1000) / calls).toFixed(1)} µs/call with 64 in flight (${calls} calls)`);
  }
}

void main();
