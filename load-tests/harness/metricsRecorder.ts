/**
 * Worker-side metrics: counters and latency histograms accumulated between
 * flushes. flush() hands back the delta and starts a fresh interval.
 */
import { encodeHistogram, newHistogram, recordMs, type Histogram } from '../stats/latencyHistogram';
import type { MetricsDelta } from './workerMessages';

export class MetricsRecorder {
  private counters: Record<string, number> = {};
  private histograms = new Map<string, Histogram>();

  count(name: string, by = 1): void {
    this.counters[name] = (this.counters[name] ?? 0) + by;
  }

  recordMs(name: string, ms: number): void {
    let h = this.histograms.get(name);
    if (!h) this.histograms.set(name, (h = newHistogram()));
    recordMs(h, ms);
  }

  flush(): MetricsDelta {
    const histograms: Record<string, string> = {};
    for (const [k, h] of this.histograms) {
      if (h.totalCount > 0) histograms[k] = encodeHistogram(h);
      h.destroy();
    }
    const out = { counters: this.counters, histograms };
    this.counters = {};
    this.histograms = new Map();
    return out;
  }
}
