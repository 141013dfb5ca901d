import { describe, expect, it } from 'vitest';
import { createRng, nextRandom } from '../../shared/engine/prng';
import { MetricsRecorder } from '../harness/metricsRecorder';
import { RunCollector } from './runCollector';
import { sortedPercentile } from './referencePercentile';

/** Latency-like samples in ms: mostly 1–20 ms with a long tail, seeded. */
function samples(seed: number, n: number): number[] {
  const rng = createRng(seed);
  return Array.from({ length: n }, () => {
    const u = nextRandom(rng);
    return u < 0.98 ? 1 + nextRandom(rng) * 19 : 20 + nextRandom(rng) * 480;
  });
}

describe('HDR percentiles through workers and merge', () => {
  it('agree with the sorted-array percentile on the same samples (within HDR precision)', () => {
    const all = samples(7, 20_000);
    const collector = new RunCollector();
    // Two "workers", three intervals each: exercises encode → merge.
    for (let w = 0; w < 2; w++) {
      const rec = new MetricsRecorder();
      all.forEach((ms, i) => {
        if (i % 2 !== w) return;
        rec.recordMs('rtt', ms);
        if (i % 3000 === 0) collector.add({ type: 'interval', workerId: w, second: i / 3000, ...rec.flush() });
      });
      collector.add({ type: 'done', workerId: w, gauges: {}, ...rec.flush() });
    }
    const s = collector.latency('rtt');
    expect(s.count).toBe(all.length);
    // Recorded as integer µs with 3 significant digits: ±0.1 % plus the µs rounding.
    const near = (got: number, p: number) => {
      const want = sortedPercentile(all, p);
      expect(Math.abs(got - want)).toBeLessThanOrEqual(want * 0.001 + 0.001);
    };
    near(s.p50Ms, 50);
    near(s.p90Ms, 90);
    near(s.p99Ms, 99);
    near(s.p999Ms, 99.9);
    near(s.maxMs, 100);
  });

  it('sums counters and keeps per-second points', () => {
    const c = new RunCollector();
    c.add({ type: 'interval', workerId: 0, second: 0, counters: { sent: 3, 'close:1006': 1 }, histograms: {} });
    c.add({ type: 'interval', workerId: 1, second: 0, counters: { sent: 4 }, histograms: {} });
    c.add({ type: 'interval', workerId: 1, second: 1, counters: { sent: 5, 'close:1006': 2 }, histograms: {} });
    c.add({ type: 'done', workerId: 0, counters: {}, histograms: {}, gauges: { inFlight: 2, firstConnectAtMs: 50, lastWelcomeAtMs: 90 } });
    c.add({ type: 'done', workerId: 1, counters: {}, histograms: {}, gauges: { inFlight: 1, firstConnectAtMs: 40, lastWelcomeAtMs: 80 } });
    expect(c.counter('sent')).toBe(12);
    expect(c.family('close')).toEqual({ '1006': 3 });
    expect(c.gauges).toEqual({ inFlight: 3, firstConnectAtMs: 40, lastWelcomeAtMs: 90 });
    expect(c.timeline().map((p) => p.counters.sent)).toEqual([7, 5]);
  });

  it('sortedPercentile is nearest-rank', () => {
    expect(sortedPercentile([5, 1, 4, 2, 3], 50)).toBe(3);
    expect(sortedPercentile([5, 1, 4, 2, 3], 100)).toBe(5);
    expect(sortedPercentile([5, 1, 4, 2, 3], 1)).toBe(1);
    expect(sortedPercentile([], 99)).toBe(0);
  });
});
