/**
 * Runs bots on worker threads so the generator is not one busy event loop.
 * Bots are dealt round-robin; every worker reports to one RunCollector. The
 * run is bounded twice: each worker stops itself at the deadline, and the pool
 * terminates any worker still alive a few seconds after it.
 */
import { Worker } from 'node:worker_threads';
import { RunCollector } from '../stats/runCollector';
import type { WorkerReport } from './workerMessages';
import type { WorkerTask } from './workerTask';

/** Past its deadline, a worker that has not reported `done` is terminated. */
const HARD_STOP_GRACE_MS = 5000;
/** A worker that has not started its bots by then (loading TypeScript on a busy machine) is terminated. */
const START_TIMEOUT_MS = 60_000;

export type PoolTask = Omit<WorkerTask, 'workerId' | 'bots' | 'connectRatePerSec'> & {
  bots: WorkerTask['bots'];
  /** Total new connections per second (split across workers). */
  connectRatePerSec: number;
  workers: number;
};

export interface PoolRun {
  collector: RunCollector;
  /** Epoch ms the workers were started (time base of the timeline). */
  startedAtMs: number;
  /** Wall time the run took, ms. */
  elapsedMs: number;
  /** Workers that had to be terminated (they missed the deadline). */
  terminated: number;
}

/** Spawns a worker running a TypeScript entry: tsx is registered inside the thread first. */
function spawnTsWorker(entry: URL, data: WorkerTask): Worker {
  const code =
    `import('tsx/esm/api').then(({ register }) => { register(); return import(${JSON.stringify(entry.href)}); })` +
    `.catch((err) => { require('node:worker_threads').parentPort.postMessage({ type: 'error', workerId: ${data.workerId}, message: String(err && err.stack || err) }); })`;
  return new Worker(code, { eval: true, workerData: data });
}

/**
 * Run the bots to the deadline. `signal` ends the run early (bench steps stop
 * once they have measured); `collector` lets the caller watch it live.
 */
export async function runWorkers(
  task: PoolTask,
  onReport?: (collector: RunCollector) => void,
  opts: { signal?: AbortSignal; collector?: RunCollector } = {},
): Promise<PoolRun> {
  const collector = opts.collector ?? new RunCollector();
  const n = Math.max(1, Math.min(task.workers, task.bots.length || 1));
  const shares: WorkerTask['bots'][] = Array.from({ length: n }, () => []);
  task.bots.forEach((b, i) => shares[i % n].push(b));
  const startedAtMs = performance.timeOrigin + performance.now();
  const entry = new URL('./botWorker.ts', import.meta.url);
  let terminated = 0;

  const runs = shares.map(
    (bots, workerId) =>
      new Promise<void>((resolve) => {
        const { workers: _workers, ...rest } = task;
        const w = spawnTsWorker(entry, { ...rest, workerId, bots, connectRatePerSec: task.connectRatePerSec / n });
        let done = false;
        opts.signal?.addEventListener('abort', () => w.postMessage({ type: 'stop' }), { once: true });
        const stopAfter = (ms: number, why: string) =>
          setTimeout(() => {
            if (done) return;
            terminated++;
            collector.add({ type: 'error', workerId, message: `${why}; terminated` });
            void w.terminate();
          }, ms);
        // The deadline counts from when the worker starts its bots; until then, only a start timeout.
        let hardStop = stopAfter(START_TIMEOUT_MS, 'did not start within 60 s');
        w.on('message', (r: WorkerReport) => {
          if (r.type === 'started') {
            clearTimeout(hardStop);
            hardStop = stopAfter(task.durationMs + HARD_STOP_GRACE_MS, 'missed its deadline');
            return;
          }
          collector.add(r);
          onReport?.(collector);
          if (r.type === 'done' || r.type === 'error') {
            done = true;
            void w.terminate();
          }
        });
        w.on('error', (err) => collector.add({ type: 'error', workerId, message: err.message }));
        w.on('exit', () => {
          clearTimeout(hardStop);
          resolve();
        });
      }),
  );
  await Promise.all(runs);
  return { collector, startedAtMs, elapsedMs: performance.timeOrigin + performance.now() - startedAtMs, terminated };
}
