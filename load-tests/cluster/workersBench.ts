/**
 * `--workers N` vs one process, the same arena workload (60 Hz, 30 snapshots/s, rooms of 10, light bots):
 * each worker gets `perWorker` players in rooms opened on it through its own lobby API, and its bots
 * connect to its own port (no routing in the measured path). One step measures, over a fixed window:
 *
 *   server CPU   — summed over every process of the set (primary + workers), from /proc
 *   tick p99     — each worker's own /metrics histogram (window only); the step holds when the worst
 *                  worker's p99 tick ≤ 16.7 ms and each client gets ≥ 90 % of 30 snapshots/s
 *   generator    — this process's CPU (all bot threads): it shares the machine with the servers
 */
import { availableParallelism } from 'node:os';
import { runWorkers } from '../harness/workerPool';
import { RunCollector } from '../stats/runCollector';
import { wsUrlOf } from '../target/lobbyClient';
import { busyShare, readCpuTotals } from '../target/machineLoad';
import { histogramQuantileDelta, scrapeMetrics, type MetricSamples } from '../target/metricsScrape';
import { openRooms, startServerSet } from './serverProcessSet';

export const TICK_BUDGET_MS = 1000 / 60;
const SNAPSHOT_RATE = 30;
const ROOM_SIZE = 10;

export interface WorkersStep {
  workers: number;
  perWorker: number;
  players: number;
  welcomed: number;
  /** Worst worker's p99 tick over the window, ms. */
  tickP99Ms: number | null;
  snapshotsPerClientPerSec: number;
  /** Server CPU over the window, in cores (summed over the set). */
  serverCores: number;
  /** Server CPU per player: ms of CPU per second per player. */
  cpuMsPerSecPerPlayer: number;
  /**
   * Server CPU per snapshot sent, µs: a starved server ticks less and sends fewer snapshots, so its CPU
   * per player drops with the work it skipped; per snapshot sent it does not.
   */
  cpuUsPerSnapshot: number;
  /** Everyone joined and each client got ≥ 90 % of the snapshots: the full per-player work was done. */
  served: boolean;
  generatorCores: number;
  /** Everything else on the machine during the window (other engineers' work), in cores. */
  otherCores: number | null;
  holds: boolean;
  why: string;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export async function runWorkersStep(workers: number, perWorker: number, windowMs: number): Promise<WorkersStep> {
  const players = workers * perWorker;
  // Replays off: the comparison is one process vs N workers, not disk writes (the same either way).
  const set = await startServerSet(workers, ['--max-connections', String(perWorker * 2 + 100), '--max-rooms', String(Math.ceil(perWorker / ROOM_SIZE) + 50), '--replays=false']);
  const abort = new AbortController();
  try {
    const collectors = set.workerUrls.map(() => new RunCollector());
    const runs: Promise<unknown>[] = [];
    for (const [w, url] of set.workerUrls.entries()) {
      const rooms = await openRooms(url, Math.ceil(perWorker / ROOM_SIZE), ROOM_SIZE);
      const bots = Array.from({ length: perWorker }, (_, i) => ({ index: w * perWorker + i, room: rooms[Math.floor(i / ROOM_SIZE)] }));
      const task = { kind: 'play' as const, wsUrl: wsUrlOf(url), bots, connectRatePerSec: 0, rampMs: Math.min(5000, perWorker * 5), hold: false, pipeline: 1, raw: false, roomName: 'arena', light: true, fastClient: true, workers: 1, durationMs: 60_000 + windowMs };
      runs.push(runWorkers(task, undefined, { signal: abort.signal, collector: collectors[w] }));
    }
    const settled = () => collectors.every((c) => c.counter('welcomed') + Object.values(c.family('fail')).reduce((a, b) => a + b, 0) >= perWorker);
    const waitStart = performance.now();
    while (!settled() && performance.now() - waitStart < 30_000) await sleep(100);
    await sleep(1000); // steady state
    for (const c of collectors) c.startWindow();
    const before = await Promise.all(set.workerUrls.map((u) => scrapeMetrics(u)));
    const cpu0 = set.cpuMs();
    const gen0 = process.cpuUsage();
    const machine0 = readCpuTotals();
    const t0 = performance.now();
    await sleep(windowMs);
    const cpu1 = set.cpuMs();
    const gen = process.cpuUsage(gen0);
    const machine1 = readCpuTotals();
    const ms = performance.now() - t0;
    const after = await Promise.all(set.workerUrls.map((u) => scrapeMetrics(u)));
    abort.abort();
    await Promise.all(runs);
    return summarize({ workers, perWorker, players, collectors, before, after, ms, serverCpuMs: cpu1 - cpu0, generatorCpuMs: (gen.user + gen.system) / 1000, machineCores: machine0 && machine1 ? busyShare(machine0, machine1) * availableParallelism() : null });
  } finally {
    abort.abort();
    await set.stop();
  }
}

function summarize(m: {
  workers: number; perWorker: number; players: number; collectors: RunCollector[]; before: (MetricSamples | null)[]; after: (MetricSamples | null)[];
  ms: number; serverCpuMs: number; generatorCpuMs: number; machineCores: number | null;
}): WorkersStep {
  const welcomed = m.collectors.reduce((n, c) => n + c.counter('welcomed'), 0);
  let tickP99Ms: number | null = 0;
  let snapshots = 0;
  m.after.forEach((a, i) => {
    const q = a ? histogramQuantileDelta(m.before[i], a, 'tickwire_tick_duration_seconds', 0.99) : null;
    tickP99Ms = q === null || tickP99Ms === null ? null : Math.max(tickP99Ms, q * 1000);
    snapshots += (a?.get('tickwire_snapshots_sent_total') ?? 0) - (m.before[i]?.get('tickwire_snapshots_sent_total') ?? 0);
  });
  const seconds = m.ms / 1000;
  const snapshotsPerClientPerSec = snapshots / seconds / Math.max(1, welcomed);
  const serverCores = m.serverCpuMs / m.ms;
  const generatorCores = m.generatorCpuMs / m.ms;
  const problems: string[] = [];
  if (welcomed < m.players) problems.push(`only ${welcomed}/${m.players} joined`);
  const p99: number | null = tickP99Ms;
  if (p99 === null || p99 > TICK_BUDGET_MS) problems.push(`p99 tick ${p99 === null ? 'n/a' : p99.toFixed(1)} ms > ${TICK_BUDGET_MS.toFixed(1)} ms`);
  if (snapshotsPerClientPerSec < 0.9 * SNAPSHOT_RATE) problems.push(`snapshots ${snapshotsPerClientPerSec.toFixed(1)}/s < 90 % of ${SNAPSHOT_RATE}`);
  const errors = m.collectors.flatMap((c) => c.errors);
  if (errors.length > 0) problems.push(`generator errors: ${errors[0]}`);
  return {
    workers: m.workers,
    perWorker: m.perWorker,
    players: m.players,
    welcomed,
    tickP99Ms: p99,
    snapshotsPerClientPerSec,
    serverCores,
    cpuMsPerSecPerPlayer: (serverCores * 1000) / Math.max(1, welcomed),
    cpuUsPerSnapshot: (m.serverCpuMs * 1000) / Math.max(1, snapshots),
    served: welcomed === m.players && snapshotsPerClientPerSec >= 0.9 * SNAPSHOT_RATE,
    generatorCores,
    otherCores: m.machineCores === null ? null : Math.max(0, m.machineCores - serverCores - generatorCores),
    holds: problems.length === 0,
    why: problems.join('; ') || 'holds',
  };
}

export interface WorkersResult {
  steps: WorkersStep[];
  /**
   * At each per-worker load both ran: CPU per player of N workers ÷ one process (goal ≤ 1.10), when both
   * served every player fully (else null), and CPU per snapshot sent N ÷ 1 (valid either way).
   */
  overhead: { perWorker: number; perPlayer: number | null; perSnapshot: number }[];
  held: Record<number, number>;
  /**
   * Players the machine's cores would hold at 80 % CPU, from the CPU per player of the largest
   * fully-joined step: servers alone (`cores` × 0.8 ÷ CPU per player) and with this generator's
   * CPU per player on the same cores. A projection, not a measurement.
   */
  projected: Record<number, { serverOnly: number; withGenerator: number }>;
}

export async function runWorkersBench(
  configs: readonly number[], perWorkerLoads: readonly number[], windowMs: number, onStep: (s: WorkersStep) => void,
): Promise<WorkersResult> {
  const steps: WorkersStep[] = [];
  for (const workers of configs) {
    for (const perWorker of perWorkerLoads) {
      const s = await runWorkersStep(workers, perWorker, windowMs);
      steps.push(s);
      onStep(s);
      if (!s.holds && steps.filter((x) => x.workers === workers).length >= 2) break;
    }
  }
  const full = steps.filter((s) => s.welcomed === s.players);
  const base = configs[0];
  const overhead = full
    .filter((s) => s.workers !== base)
    .flatMap((s) => {
      const b = full.find((x) => x.workers === base && x.perWorker === s.perWorker);
      if (!b) return [];
      return [{ perWorker: s.perWorker, perPlayer: s.served && b.served ? s.cpuMsPerSecPerPlayer / b.cpuMsPerSecPerPlayer : null, perSnapshot: s.cpuUsPerSnapshot / b.cpuUsPerSnapshot }];
    });
  const held: Record<number, number> = {};
  const projected: WorkersResult['projected'] = {};
  const cores = availableParallelism();
  for (const workers of configs) {
    held[workers] = Math.max(0, ...steps.filter((s) => s.workers === workers && s.holds).map((s) => s.players));
    const last = steps.filter((s) => s.workers === workers && s.served).at(-1);
    if (!last) continue;
    const usable = 0.8 * Math.min(workers, cores);
    const genPerPlayer = (last.generatorCores * 1000) / last.welcomed;
    projected[workers] = {
      serverOnly: Math.round((usable * 1000) / last.cpuMsPerSecPerPlayer),
      withGenerator: Math.round((0.8 * cores * 1000) / (last.cpuMsPerSecPerPlayer + genPerPlayer)),
    };
  }
  return { steps, overhead, held, projected };
}
