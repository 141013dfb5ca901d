/**
 * throughput: Ping/Pong as fast as the message path allows, `pipeline` pings
 * in flight per connection. With --raw the target is an echo server and any
 * reply counts (the bench's baseline).
 */
import type { RunResult } from '../report/runResult';
import { wsUrlOf } from '../target/lobbyClient';
import { scrapeMetrics } from '../target/metricsScrape';
import { baseResult, cpuFigures, runBotsWithProgress, scrapeBefore, type RunContext } from './runContext';
import { fmt } from '../report/boxTable';

export async function runThroughput(ctx: RunContext): Promise<RunResult> {
  const o = ctx.options;
  const before = await scrapeBefore(ctx);
  const run = await runBotsWithProgress(
    ctx,
    {
      kind: 'ping',
      wsUrl: o.raw ? wsUrlOf(ctx.target.url, '/') : wsUrlOf(ctx.target.url),
      bots: Array.from({ length: o.clients }, (_, index) => ({ index })),
      connectRatePerSec: 0,
      rampMs: Math.min(1000, o.clients * 2),
      hold: false,
      pipeline: o.pipeline,
      raw: o.raw,
      roomName: '',
    },
    (c) => `messages/s ${fmt(c.lastPoint()?.counters.pongs ?? 0)}  RTT p99 ${fmt(c.lastPoint()?.latency.pingRtt?.p99Ms ?? 0)} ms`,
  );
  const after = o.raw ? null : await scrapeMetrics(ctx.target.url);
  const r = baseResult(ctx, run, o.clients, before, after);
  const c = run.collector;
  // Rate over the steady part: skip the first second (ramp-up) when the run is long enough.
  const tl = r.timeline.filter((p) => p.second >= 1 && p.second < o.durationSec);
  const steady = tl.length >= 2 ? tl.reduce((a, p) => a + (p.counters.pongs ?? 0), 0) / tl.length : c.counter('pongs') / o.durationSec;
  r.latency['ping→pong RTT'] = c.latency('pingRtt');
  r.figures = {
    connections: o.clients,
    'pipeline per connection': o.pipeline,
    'pings sent': c.counter('pingsSent'),
    'answers received': c.counter('pongs'),
    'in flight at end': c.gauges.pingsInFlight ?? 0,
    'messages/s (steady)': steady,
    'messages/s (whole run)': c.counter('pongs') / o.durationSec,
    ...cpuFigures(run),
  };
  if (!o.raw && Object.keys(r.disconnects).includes('1008')) {
    r.notes.push('closed with 1008 (rate limit): start the server with a higher --max-message-rate for throughput runs');
  }
  return r;
}
