/**
 * `--workers N`: the primary process forks N game workers (processes, not
 * threads: a worker that crashes — a native abort in uWS included — takes
 * only its own rooms down, and the primary starts a new one; see
 * docs/CLUSTER.md for the measurement). Every worker accepts on the shared
 * port (SO_REUSEPORT: the kernel spreads new connections, so quick play
 * spreads rooms over the workers) and on its own port, which is its public
 * URL: a join for a room another worker holds is Moved there. The primary
 * holds the cluster store in memory and answers the workers over IPC (no
 * extra service); with --redis the workers use Redis directly instead.
 */
import { fork, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import { availableParallelism } from 'node:os';
import type { Config } from '../../config';
import type { Logger } from '../../logger';
import { MemoryClusterStore } from '../memoryClusterStore';
import type { WorkerAssignment } from './ipcProtocol';
import { serveStore } from './storeServer';

/** A worker that dies is restarted after this long (not in a tight loop). */
const RESTART_DELAY_MS = 1000;

export function workerCount(config: Config): number {
  return config.workers === 0 ? availableParallelism() : config.workers;
}

/** Refuse to start on a port something else holds (a shared listen would silently split with it). */
function checkPortFree(host: string, port: number): Promise<void> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', (err) => reject(new Error(`port ${port} on ${host} is not free: ${err.message}`)));
    probe.listen({ host, port, exclusive: true }, () => probe.close(() => resolve()));
  });
}

export interface WorkerPool {
  readonly count: number;
  /** Resolves once every worker listens. */
  readonly ready: Promise<void>;
  /** SIGTERM every worker (each drains) and resolve when all have exited. */
  stop(): Promise<void>;
  /** SIGKILL every worker (a second Ctrl-C). */
  kill(): void;
}

export async function startWorkerPool(config: Config, argv: readonly string[], script: string, log: Logger): Promise<WorkerPool> {
  const count = workerCount(config);
  const basePort = config.port;
  await checkPortFree(config.host, basePort);
  for (let i = 0; i < count; i++) await checkPortFree(config.host, basePort + 1 + i);
  const store = config.redisUrl ? null : new MemoryClusterStore();
  const children = new Map<number, ChildProcess>();
  let stopping = false;
  let readyCount = 0;
  let markReady: () => void = () => undefined;
  const ready = new Promise<void>((r) => (markReady = r));

  const spawnWorker = (index: number): void => {
    const assignment: WorkerAssignment = { index, sharedPort: basePort, ownPort: basePort + 1 + index };
    const child = fork(script, [...argv], {
      env: { ...process.env, TICKWIRE_WORKER: JSON.stringify(assignment) },
      execArgv: process.execArgv,
      serialization: 'advanced',
    });
    children.set(index, child);
    if (store) serveStore(child, store, log);
    child.on('message', (m: unknown) => {
      if ((m as { kind?: string } | null)?.kind === 'tw-worker-ready' && ++readyCount === count) markReady();
    });
    child.once('exit', (code, signal) => {
      children.delete(index);
      if (stopping) return;
      log.error({ worker: index, code, signal }, 'worker exited; starting a new one');
      setTimeout(() => !stopping && spawnWorker(index), RESTART_DELAY_MS).unref();
    });
  };
  for (let i = 0; i < count; i++) spawnWorker(i);

  return {
    count,
    ready,
    async stop() {
      stopping = true;
      const exits = [...children.values()].map((c) => new Promise<void>((r) => (c.exitCode !== null || c.signalCode !== null ? r() : c.once('exit', () => r()))));
      for (const c of children.values()) c.kill('SIGTERM');
      await Promise.all(exits);
    },
    kill() {
      stopping = true;
      for (const c of children.values()) c.kill('SIGKILL');
    },
  };
}

/** The assignment a worker was forked with, or null in a process that is not a worker. */
export function workerAssignment(env: Record<string, string | undefined>): WorkerAssignment | null {
  const raw = env.TICKWIRE_WORKER;
  if (!raw) return null;
  const a = JSON.parse(raw) as WorkerAssignment;
  const port = (n: unknown) => Number.isInteger(n) && (n as number) > 0 && (n as number) < 65536;
  if (!Number.isInteger(a.index) || !port(a.sharedPort) || !port(a.ownPort)) throw new Error('malformed TICKWIRE_WORKER');
  return a;
}

/** A worker's config: its own port and node id; `{worker}` in --public-url becomes its index. */
export function workerConfig(config: Config, a: WorkerAssignment, nodeIdBase: string): Config {
  return {
    ...config,
    port: a.ownPort,
    workers: 1,
    nodeId: `${nodeIdBase}-w${a.index}`.slice(0, 32),
    publicUrl: config.publicUrl.replaceAll('{worker}', String(a.index)),
  };
}
