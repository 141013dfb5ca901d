/**
 * What every scenario gets: the options, the target (spawned or given), and
 * helpers that run bots on the pool with a progress line and wrap the outcome
 * in a RunResult.
 */
import type { LoadOptions } from '../cliOptions';
import { runWorkers, type PoolRun, type PoolTask } from '../harness/workerPool';
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

export async function runBotsWithProgress(
  ctx: RunContext,
  task: Omit<PoolTask, 'durationMs' | 'workers'>,
  describe: (c: RunCollector) => string,
): Promise<PoolRun> {
  const line = new ProgressLine(ctx.progress, ctx.options.durationSec, describe);
  const start = performance.now();
  const run = await runWorkers({ ...task, durationMs: ctx.options.durationSec * 1000, workers: ctx.options.workers }, (c) => {
    line.update(c, performance.now() - start);
    ctx.onReport?.(c);
  });
  line.end();
  return run;
}

export async function scrapeBefore(ctx: RunContext): Promise<MetricSamples | null> {
  return ctx.options.raw ? null : scrapeMetrics(ctx.target.url);
}

export function baseResult(ctx: RunContext, run: PoolRun, clients: number, before: MetricSamples | null, after: MetricSamples | null): RunResult {
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
