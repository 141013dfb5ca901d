/**
 * connect: a connection storm. N connections opened at R per second, each
 * upgrading, joining (quick play) and waiting for its welcome.
 */
import type { RunResult } from '../report/runResult';
import { wsUrlOf } from '../target/lobbyClient';
import { listenOverflows } from '../target/listenOverflows';
import { scrapeMetrics } from '../target/metricsScrape';
import { processCpuMs } from '../target/procCpu';
import { baseResult, cpuFigures, runBotsWithProgress, scrapeBefore, type RunContext } from './runContext';
import { fmt } from '../report/boxTable';

/**
 * The server's CPU over the storm itself: summed over the worker report intervals (1 s) in which
 * welcomes arrived, divided by those welcomes. The whole-run figure also charges every welcome with
 * what its room costs afterwards (ticks of detached sessions, replay files) until the run ends.
 */
export class StormCpu {
  private lastCpuMs: number | null;
  private lastWelcomed = 0;
  private cpuMs = 0;
  private welcomed = 0;

  /** `readCpuMs`: the server's CPU time so far (null: unknown, e.g. an external server). */
  constructor(private readonly readCpuMs: () => number | null) {
    this.lastCpuMs = readCpuMs();
  }

  sample(welcomedNow: number): void {
    const cpu = this.readCpuMs();
    if (cpu === null || this.lastCpuMs === null) return;
    if (welcomedNow > this.lastWelcomed) {
      this.cpuMs += cpu - this.lastCpuMs;
      this.welcomed += welcomedNow - this.lastWelcomed;
    }
    this.lastCpuMs = cpu;
    this.lastWelcomed = welcomedNow;
  }

  get usPerWelcome(): number | null {
    return this.welcomed === 0 ? null : (this.cpuMs * 1000) / this.welcomed;
  }
}

export async function runConnect(ctx: RunContext): Promise<RunResult> {
  const o = ctx.options;
  const before = await scrapeBefore(ctx);
  const overflows0 = listenOverflows();
  const pid = ctx.target.pid;
  const stormCpu = new StormCpu(() => (pid === null ? null : processCpuMs(pid)));
  const sampling: RunContext = {
    ...ctx,
    onReport: (c) => {
      stormCpu.sample(c.counter('welcomed'));
      ctx.onReport?.(c);
    },
  };
  const run = await runBotsWithProgress(
    sampling,
    {
      kind: 'connect',
      wsUrl: wsUrlOf(ctx.target.url),
      bots: Array.from({ length: o.clients }, (_, index) => ({ index })),
      connectRatePerSec: o.rate,
      rampMs: 0,
      hold: o.hold,
      pipeline: 1,
      raw: false,
      roomName: '',
      fastClient: o.fastClient,
    },
    (c) => `welcomed ${fmt(c.counter('welcomed'))}/${o.clients}  failed ${Object.values(c.family('fail')).reduce((a, b) => a + b, 0)}`,
  );
  const overflows1 = listenOverflows();
  const after = await scrapeMetrics(ctx.target.url);
  const r = baseResult(ctx, run, o.clients, before, after);
  const c = run.collector;
  const welcomed = c.counter('welcomed');
  // The storm lasts from the first connect to the last welcome.
  const stormMs = c.gauges.lastWelcomeAtMs && c.gauges.firstConnectAtMs ? c.gauges.lastWelcomeAtMs - c.gauges.firstConnectAtMs : run.elapsedMs;
  r.latency['time to welcome'] = c.latency('timeToWelcome');
  r.figures = {
    'connections attempted': c.gauges.botsStarted ?? 0,
    'upgraded (101)': c.counter('upgraded'),
    welcomed,
    failed: Object.values(r.failures).reduce((a, b) => a + b, 0),
    'target rate (connections/s)': o.rate,
    'storm duration (s)': stormMs / 1000,
    'handshake+join+welcome per s': welcomed / Math.max(0.001, stormMs / 1000),
    'accept-queue overflows (kernel ListenOverflows, machine-wide)': overflows0 === null || overflows1 === null ? null : overflows1 - overflows0,
    ...cpuFigures(run),
    'server CPU per welcome (µs, whole run / welcomed)': run.serverCpu === null || welcomed === 0 ? null : (run.serverCpu * run.elapsedMs * 1000) / welcomed,
    'server CPU per welcome (µs, storm seconds only: 1 s intervals in which welcomes arrived)': stormCpu.usPerWelcome,
    'projected welcomes/s for one server core': run.serverCpu === null || welcomed === 0 ? null : welcomed / ((run.serverCpu * run.elapsedMs) / 1000),
  };
  if (overflows0 !== null && overflows1 !== null && overflows1 > overflows0) {
    r.notes.push(
      `${overflows1 - overflows0} connection attempts overflowed the server's accept queue; those clients retried their SYN after 1 s, 3 s, … (time to welcome)`,
    );
  }
  if (run.generatorCpu > 0.8) {
    r.notes.push(`the generator used ${(run.generatorCpu * 100).toFixed(0)} % of a core: handshakes/s is bounded by the generator; the projection from server CPU is the server's figure`);
  }
  if (welcomed < o.clients && (c.gauges.botsStarted ?? 0) < o.clients) {
    r.notes.push(`only ${c.gauges.botsStarted ?? 0} of ${o.clients} connections were started within --duration ${o.durationSec} s at --rate ${o.rate}`);
  }
  return r;
}
