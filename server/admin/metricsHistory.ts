/**
 * The last minutes of the server's own figures, one sample a second, for the
 * console's chart: tick p99 (the tick-duration summary /metrics exposes, a
 * sliding 60 s window), players, messages and bytes per second (deltas of the
 * ServerStats counters /metrics reads). A fixed ring: bounded memory.
 */
import type { Registry } from 'prom-client';
import type { ServerStats } from '../serverStats';

export interface MetricsSample {
  atMs: number;
  tickP99Ms: number;
  players: number;
  messagesInPerSec: number;
  messagesOutPerSec: number;
  bytesInPerSec: number;
  bytesOutPerSec: number;
}

const TICK_QUANTILES = 'tickwire_tick_duration_quantiles_seconds';

export class MetricsHistory {
  private readonly samples: MetricsSample[] = [];
  private last: { atMs: number; mIn: number; mOut: number; bIn: number; bOut: number } | null = null;

  constructor(
    private readonly registry: Registry,
    private readonly stats: ServerStats,
    private readonly players: () => number,
    readonly keep = 300,
  ) {}

  /** Take one sample (called every second). */
  async sample(atMs: number): Promise<MetricsSample | null> {
    const s = this.stats;
    const now = { atMs, mIn: s.messagesIn, mOut: s.messagesOut, bIn: s.bytesIn, bOut: s.bytesOut };
    const prev = this.last;
    this.last = now;
    if (!prev || atMs <= prev.atMs) return null;
    const perSec = (a: number, b: number) => Math.round(((a - b) * 1000) / (atMs - prev.atMs));
    const sample: MetricsSample = {
      atMs,
      tickP99Ms: await this.tickP99Ms(),
      players: this.players(),
      messagesInPerSec: perSec(now.mIn, prev.mIn),
      messagesOutPerSec: perSec(now.mOut, prev.mOut),
      bytesInPerSec: perSec(now.bIn, prev.bIn),
      bytesOutPerSec: perSec(now.bOut, prev.bOut),
    };
    this.samples.push(sample);
    if (this.samples.length > this.keep) this.samples.shift();
    return sample;
  }

  list(): MetricsSample[] {
    return [...this.samples];
  }

  get latest(): MetricsSample | null {
    return this.samples[this.samples.length - 1] ?? null;
  }

  private async tickP99Ms(): Promise<number> {
    const metric = this.registry.getSingleMetric(TICK_QUANTILES);
    if (!metric) return 0;
    const got = await metric.get();
    const p99 = got.values.find((v) => v.labels.quantile === 0.99);
    return p99 && Number.isFinite(p99.value) ? Math.round(p99.value * 1e6) / 1000 : 0;
  }
}
