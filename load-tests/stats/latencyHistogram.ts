/**
 * Latency recording on HDR histograms (hdr-histogram-js, pure JS build so
 * worker threads need no WebAssembly init). Values are integer microseconds;
 * 3 significant digits keep every percentile within 0.1 % of the exact one.
 * Histograms cross the worker boundary as compressed base64 and are merged.
 */
import * as hdr from 'hdr-histogram-js';

export type Histogram = hdr.Histogram;

/** Highest latency tracked: 60 s in µs. Larger samples are clamped to it. */
const HIGHEST_US = 60_000_000;

export function newHistogram(): Histogram {
  return hdr.build({
    bitBucketSize: 32,
    autoResize: false,
    lowestDiscernibleValue: 1,
    highestTrackableValue: HIGHEST_US,
    numberOfSignificantValueDigits: 3,
    useWebAssembly: false,
  });
}

/** Record a duration given in milliseconds (performance.now() deltas). */
export function recordMs(h: Histogram, ms: number): void {
  const us = Math.round(ms * 1000);
  h.recordValue(us < 0 ? 0 : us > HIGHEST_US ? HIGHEST_US : us);
}

export function encodeHistogram(h: Histogram): string {
  return hdr.encodeIntoCompressedBase64(h);
}

/** Add an encoded histogram into `into`. */
export function mergeEncoded(into: Histogram, encoded: string): void {
  const other = hdr.decodeFromCompressedBase64(encoded, 32, false);
  into.add(other);
  other.destroy();
}

/** The figures every latency line reports, in milliseconds. */
export interface LatencySummary {
  count: number;
  minMs: number;
  meanMs: number;
  p50Ms: number;
  p90Ms: number;
  p99Ms: number;
  p999Ms: number;
  maxMs: number;
}

export const PERCENTILES = [50, 90, 99, 99.9] as const;

export function summarize(h: Histogram): LatencySummary {
  const n = h.totalCount;
  const ms = (us: number) => (n === 0 ? 0 : us / 1000);
  return {
    count: n,
    minMs: ms(h.minNonZeroValue === Number.MAX_SAFE_INTEGER ? 0 : h.minNonZeroValue),
    meanMs: ms(h.mean),
    p50Ms: ms(h.getValueAtPercentile(50)),
    p90Ms: ms(h.getValueAtPercentile(90)),
    p99Ms: ms(h.getValueAtPercentile(99)),
    p999Ms: ms(h.getValueAtPercentile(99.9)),
    maxMs: ms(h.maxValue),
  };
}
