/**
 * What every scenario gets: the options, the target (spawned or given), and
 * helpers that run bots on the pool with a progress line and wrap the outcome
 * in a RunResult.
 */
import type { LoadOptions } from '../cliOptions';
import { runWorkers, type PoolRun, type PoolTask } from '../harness/workerPool';
import { processCpuMs } from '../target/procCpu';
import { ProgressLine } from '../report/progressLine';
import type { RunResult } from '../report/runResult';
import type { RunCollector } from '../stats/runCollector';
import { scrapeMetrics, serverFigures, type MetricSamples } from '../target/metricsScrape';

export interface Target {
  url: string;
  spawned: boolean;
  pinning: string;
  pid: number | null;
}

export interface RunContext {
  options: LoadOptions;
  target: Target;
  generatorPinning: string;
  /** Progress line enabled (stderr is a TTY, or --progress). */
  progress: boolean;
  /** Called on every worker report (tests use it to act mid-run). */
  onReport?: (c: RunCollector) => void;
}

/** A pool run plus CPU use over it, as fractions of one core (server: null without its PID or /proc). */
export interface MeasuredRun extends PoolRun {
  serverCpu: number | null;
  generatorCpu: number;
}

export async function runBotsWithProgress(
  ctx: RunContext,
  task: Omit<PoolTask, 'durationMs' | 'workers'>,
  describe: (c: RunCollector) => string,
): Promise<MeasuredRun> {
  const line = new ProgressLine(ctx.progress, ctx.options.durationSec, describe);
  const start = performance.now();
  const serverCpu0 = ctx.target.pid === null ? null : processCpuMs(ctx.target.pid);
  const generatorCpu0 = process.cpuUsage();
  // The run's clock starts when the bots do: the first report comes 1 s after a worker starts.
  let firstReportAt: number | null = null;
  const run = await runWorkers({ ...task, durationMs: ctx.options.durationSec * 1000, workers: ctx.options.workers }, (c) => {
    firstReportAt ??= performance.now();
    line.update(c, performance.now() - firstReportAt + 1000);
    ctx.onReport?.(c);
  });
  line.end();
  const ms = performance.now() - start;
  const serverCpu1 = ctx.target.pid === null ? null : processCpuMs(ctx.target.pid);
  const gen = process.cpuUsage(generatorCpu0);
  return {
    ...run,
    serverCpu: serverCpu0 === null || serverCpu1 === null ? null : (serverCpu1 - serverCpu0) / ms,
    generatorCpu: (gen.user + gen.system) / 1000 / ms,
  };
}

export async function scrapeBefore(ctx: RunContext): Promise<MetricSamples | null> {
  return ctx.options.raw ? null : scrapeMetrics(ctx.target.url);
}

export function baseResult(ctx: RunContext, run: MeasuredRun, clients: number, before: MetricSamples | null, after: MetricSamples | null): RunResult {
  const c = run.collector;
  return {
    scenario: ctx.options.scenario,
    target: { url: ctx.target.url, spawned: ctx.target.spawned, pinning: ctx.target.pinning },
    generator: { workers: Math.min(ctx.options.workers, clients), pinning: ctx.generatorPinning },
    durationSec: ctx.options.durationSec,
    elapsedSec: run.elapsedMs / 1000,
    clients,
    latency: {},
    figures: {},
    counters: { ...c.allCounters(), ...c.gauges },
    disconnects: c.family('close'),
    failures: c.family('fail'),
    server: after ? serverFigures(before, after) : null,
    timeline: c.timeline(),
    notes: [...c.errors],
  };
}

/** CPU lines every bot scenario appends to its figures. */
export function cpuFigures(run: MeasuredRun): Record<string, number | string | null> {
  return {
    'server CPU over the run (% of a core)': run.serverCpu === null ? 'n/a (external server)' : run.serverCpu * 100,
    'generator CPU over the run (% of a core)': run.generatorCpu * 100,
  };
}
