/**
 * The textbook percentile over raw samples (nearest-rank on a sorted copy),
 * used to check the HDR figures in tests and for small exact sample sets.
 */
export function sortedPercentile(samples: readonly number[], percentile: number): number {
  if (samples.length === 0) return 0;
  const sorted = [...samples].sort((a, b) => a - b);
  const rank = Math.ceil((percentile / 100) * sorted.length);
  return sorted[Math.min(sorted.length, Math.max(1, rank)) - 1];
}
