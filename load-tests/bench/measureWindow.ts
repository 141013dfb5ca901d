/**
 * Bench measurement: run bots, wait until the load is in place (everyone
 * joined), then measure a fixed window: the server's CPU from /proc, the
 * generator's own CPU, and the bots' counters and latencies inside the window
 * only (ramp-up excluded). Ends the bots when the window closes.
 */
import { runWorkers, type PoolTask } from '../harness/workerPool';
import { RunCollector } from '../stats/runCollector';
import { availableParallelism } from 'node:os';
import { busyShare, readCpuTotals } from '../target/machineLoad';
import { processCpuMs } from '../target/procCpu';

export interface MeasuredWindow {
  collector: RunCollector;
  /** False when the load never got in place before readyTimeoutMs (measured anyway). */
  ready: boolean;
  seconds: number;
  /** Server CPU as a fraction of one core over the window (null without /proc). */
  serverCpu: number | null;
  serverCpuMs: number | null;
  /** This process (all bot threads) as a fraction of one core. */
  generatorCpu: number;
  /** CPU used by everything else on the machine during the window, in cores (interference). */
  otherCores: number | null;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export async function measureWindow(
  task: Omit<PoolTask, 'durationMs'>,
  serverPid: number,
  opts: {
    isReady: (c: RunCollector) => boolean;
    readyTimeoutMs: number;
    windowMs: number;
    atStart?: () => Promise<void>;
    atEnd?: () => Promise<void>;
  },
): Promise<MeasuredWindow> {
  const collector = new RunCollector();
  const abort = new AbortController();
  let finished = false;
  const run = runWorkers({ ...task, durationMs: opts.readyTimeoutMs + opts.windowMs + 10_000 }, undefined, { signal: abort.signal, collector }).then(
    (r) => {
      finished = true;
      return r;
    },
  );
  const waitStart = performance.now();
  while (!finished && !opts.isReady(collector) && performance.now() - waitStart < opts.readyTimeoutMs) await sleep(100);
  const ready = opts.isReady(collector);
  // Let one more report interval pass so the window starts in steady state.
  await sleep(1000);
  collector.startWindow();
  await opts.atStart?.();
  const cpu0 = processCpuMs(serverPid);
  const gen0 = process.cpuUsage();
  const machine0 = readCpuTotals();
  const t0 = performance.now();
  await sleep(opts.windowMs);
  const cpu1 = processCpuMs(serverPid);
  const gen1 = process.cpuUsage(gen0);
  const machine1 = readCpuTotals();
  const ms = performance.now() - t0;
  await opts.atEnd?.();
  abort.abort();
  await run;
  const serverCpuMs = cpu0 !== null && cpu1 !== null ? cpu1 - cpu0 : null;
  const generatorCpu = (gen1.user + gen1.system) / 1000 / ms;
  const machineCores = machine0 && machine1 ? busyShare(machine0, machine1) * availableParallelism() : null;
  return {
    collector,
    ready,
    seconds: ms / 1000,
    serverCpu: serverCpuMs === null ? null : serverCpuMs / ms,
    serverCpuMs,
    generatorCpu,
    otherCores: machineCores === null ? null : Math.max(0, machineCores - generatorCpu - (serverCpuMs === null ? 0 : serverCpuMs / ms)),
  };
}
