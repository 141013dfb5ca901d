/**
 * Sums per second over a sliding window, from timestamped samples. Buckets of
 * 100 ms, so a reading costs O(buckets) and memory stays fixed.
 */
export class RateMeter {
  private readonly sums: Float64Array;
  private readonly starts: Float64Array;

  constructor(
    private readonly windowMs = 1000,
    private readonly bucketMs = 100,
  ) {
    const n = Math.ceil(windowMs / bucketMs) + 1;
    this.sums = new Float64Array(n);
    this.starts = new Float64Array(n).fill(-Infinity);
  }

  add(amount: number, nowMs: number): void {
    const start = Math.floor(nowMs / this.bucketMs) * this.bucketMs;
    const i = Math.floor(start / this.bucketMs) % this.sums.length;
    if (this.starts[i] !== start) {
      this.starts[i] = start;
      this.sums[i] = 0;
    }
    this.sums[i] += amount;
  }

  /** Amount per second over the last window. */
  perSecond(nowMs: number): number {
    let total = 0;
    for (let i = 0; i < this.sums.length; i++) {
      if (nowMs - this.starts[i] < this.windowMs + this.bucketMs && this.starts[i] <= nowMs) total += this.sums[i];
    }
    return (total * 1000) / (this.windowMs + this.bucketMs);
  }
}
