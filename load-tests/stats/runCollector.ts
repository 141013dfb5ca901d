/**
 * Merges the worker reports of one run: totals, end-of-run gauges and a
 * per-second timeline (for the live progress line and the HTML charts).
 */
import type { MetricsDelta, WorkerReport } from '../harness/workerMessages';
import { mergeEncoded, newHistogram, summarize, type Histogram, type LatencySummary } from './latencyHistogram';

export interface TimelinePoint {
  second: number;
  counters: Record<string, number>;
  latency: Record<string, LatencySummary>;
}

interface Bucket {
  counters: Record<string, number>;
  histograms: Map<string, Histogram>;
}

function addInto(bucket: Bucket, delta: MetricsDelta): void {
  for (const [k, v] of Object.entries(delta.counters)) bucket.counters[k] = (bucket.counters[k] ?? 0) + v;
  for (const [k, enc] of Object.entries(delta.histograms)) {
    let h = bucket.histograms.get(k);
    if (!h) bucket.histograms.set(k, (h = newHistogram()));
    mergeEncoded(h, enc);
  }
}

const emptyBucket = (): Bucket => ({ counters: {}, histograms: new Map() });

export class RunCollector {
  private readonly total = emptyBucket();
  private readonly seconds = new Map<number, Bucket>();
  private window: Bucket | null = null;
  readonly gauges: Record<string, number> = {};
  readonly errors: string[] = [];

  add(report: WorkerReport): void {
    if (report.type === 'started') return;
    if (report.type === 'error') {
      this.errors.push(`worker ${report.workerId}: ${report.message}`);
      return;
    }
    addInto(this.total, report);
    if (this.window) addInto(this.window, report);
    if (report.type === 'interval') {
      let b = this.seconds.get(report.second);
      if (!b) this.seconds.set(report.second, (b = emptyBucket()));
      addInto(b, report);
    } else {
      // Timestamps (`…AtMs`) take the earliest (`first…`) or latest across workers; the rest adds up.
      for (const [k, v] of Object.entries(report.gauges)) {
        const prev = this.gauges[k];
        if (!k.endsWith('AtMs')) this.gauges[k] = (prev ?? 0) + v;
        else if (prev === undefined) this.gauges[k] = v;
        else this.gauges[k] = k.startsWith('first') ? Math.min(prev, v) : Math.max(prev, v);
      }
    }
  }

  allCounters(): Record<string, number> {
    return { ...this.total.counters };
  }

  /** Start a measurement window: reports from now on also go to windowCounter()/windowLatency(). */
  startWindow(): void {
    this.window = emptyBucket();
  }

  windowCounter(name: string): number {
    return this.window?.counters[name] ?? 0;
  }

  windowLatency(name: string): LatencySummary {
    return summarize(this.window?.histograms.get(name) ?? newHistogram());
  }

  counter(name: string): number {
    return this.total.counters[name] ?? 0;
  }

  /** Counters of one family (`close`, `fail`), keyed by their suffix. */
  family(prefix: string): Record<string, number> {
    const out: Record<string, number> = {};
    for (const [k, v] of Object.entries(this.total.counters)) {
      if (k.startsWith(`${prefix}:`) && v !== 0) out[k.slice(prefix.length + 1)] = v;
    }
    return out;
  }

  latency(name: string): LatencySummary {
    return summarize(this.total.histograms.get(name) ?? newHistogram());
  }

  histogram(name: string): Histogram | undefined {
    return this.total.histograms.get(name);
  }

  /** Per-second points in order; the newest may still be filling. */
  timeline(): TimelinePoint[] {
    return [...this.seconds.entries()]
      .sort((a, b) => a[0] - b[0])
      .map(([second, b]) => ({
        second,
        counters: { ...b.counters },
        latency: Object.fromEntries([...b.histograms.entries()].map(([k, h]) => [k, summarize(h)])),
      }));
  }

  /** The newest complete second, for the progress line. */
  lastPoint(): TimelinePoint | undefined {
    const t = this.timeline();
    return t.length >= 2 ? t[t.length - 2] : t[t.length - 1];
  }
}
