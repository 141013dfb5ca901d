/**
 * http: autocannon against the lobby API and the health check, alternating
 * GET /api/rooms and GET /healthz on every connection. Prints autocannon's own
 * tables (unless --json) and returns the usual RunResult.
 */
import autocannon from 'autocannon';
import type { RunResult } from '../report/runResult';
import type { TimelinePoint } from '../stats/runCollector';
import { scrapeMetrics, serverFigures } from '../target/metricsScrape';
import type { RunContext } from './runContext';

export async function runHttp(ctx: RunContext): Promise<RunResult & { autocannonTable: string }> {
  const o = ctx.options;
  const before = await scrapeMetrics(ctx.target.url);
  const timeline: TimelinePoint[] = [];
  let instance!: autocannon.Instance;
  const finished = new Promise<autocannon.Result>((resolve, reject) => {
    instance = autocannon(
      {
        url: ctx.target.url,
        connections: o.clients,
        pipelining: o.pipeline === 16 ? 1 : o.pipeline,
        duration: o.durationSec,
        requests: [
          { method: 'GET', path: '/api/rooms' },
          { method: 'GET', path: '/healthz' },
        ],
      },
      (err: unknown, res: autocannon.Result) => (err ? reject(err instanceof Error ? err : new Error(String(err))) : resolve(res)),
    );
  });
  // autocannon passes { counter, bytes } for the past second; its typings omit the argument.
  (instance as unknown as NodeJS.EventEmitter).on('tick', (t: { counter: number; bytes: number }) => {
    timeline.push({ second: timeline.length, counters: { requests: t.counter, bytesIn: t.bytes }, latency: {} });
    if (ctx.progress) process.stderr.write(`\r\x1b[2K[${timeline.length}/${o.durationSec} s] requests/s ${t.counter}`);
  });
  const result = await finished;
  if (ctx.progress) process.stderr.write('\n');
  const after = await scrapeMetrics(ctx.target.url);
  const l = result.latency as unknown as Record<string, number>;
  return {
    scenario: 'http',
    target: { url: ctx.target.url, spawned: ctx.target.spawned, pinning: ctx.target.pinning },
    generator: { workers: 1, pinning: ctx.generatorPinning },
    durationSec: o.durationSec,
    elapsedSec: result.duration,
    clients: o.clients,
    latency: {
      'HTTP request': {
        count: result.requests.total,
        minMs: l.min,
        meanMs: l.average,
        p50Ms: l.p50,
        p90Ms: l.p90,
        p99Ms: l.p99,
        p999Ms: l.p99_9,
        maxMs: l.max,
      },
    },
    figures: {
      'requests/s (mean)': result.requests.average,
      'requests total': result.requests.total,
      '2xx': result['2xx'],
      'non-2xx': result.non2xx,
      errors: result.errors,
      timeouts: result.timeouts,
      'throughput bytes/s (mean)': result.throughput.average,
    },
    counters: { requests: result.requests.total, errors: result.errors },
    disconnects: {},
    failures: result.errors > 0 ? { 'http-errors': result.errors } : {},
    server: after ? serverFigures(before, after) : null,
    timeline,
    notes: [],
    autocannonTable: autocannon.printResult(result),
  };
}
