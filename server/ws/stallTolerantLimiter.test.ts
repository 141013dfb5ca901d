import { describe, expect, it } from 'vitest';
import { ALLOWANCE_REFILL_SEC, RateVerdict, StallTolerantLimiter } from './stallTolerantLimiter';
import { TokenBucket } from './tokenBucket';

const limiter = (rate: number, toleranceSec: number) => new StallTolerantLimiter(new TokenBucket(rate, rate, 0), toleranceSec, 0);

/** Verdicts of `n` messages arriving at once at `nowMs`. */
function burst(l: StallTolerantLimiter, n: number, nowMs: number): Record<RateVerdict, number> {
  const out = { [RateVerdict.Admit]: 0, [RateVerdict.Drop]: 0, [RateVerdict.Abuse]: 0 };
  for (let i = 0; i < n; i++) out[l.judge(nowMs)]++;
  return out;
}

describe('StallTolerantLimiter', () => {
  it('admits the rate, drops the burst a 10 s stall piles up, and never calls it abuse', () => {
    const l = limiter(120, 15);
    // 10 s of an honest client at 60/s, delivered at once: 120 admitted, the rest dropped.
    expect(burst(l, 600, 10_000)).toEqual({ [RateVerdict.Admit]: 120, [RateVerdict.Drop]: 480, [RateVerdict.Abuse]: 0 });
    expect(l.peakSurplus).toBe(480);
    // Then 60/s again: all admitted.
    for (let s = 1; s <= 5; s++) expect(burst(l, 60, 10_000 + s * 1000)[RateVerdict.Admit]).toBe(60);
  });

  it('judges a sustained flood as abuse once the allowance (rate × tolerance) is spent', () => {
    const l = limiter(120, 15);
    const verdicts = burst(l, 120 + 120 * 15 + 1, 0);
    expect(verdicts).toEqual({ [RateVerdict.Admit]: 120, [RateVerdict.Drop]: 1800, [RateVerdict.Abuse]: 1 });
  });

  it('refills the allowance over ALLOWANCE_REFILL_SEC, so stalls spaced apart are each forgiven', () => {
    const l = limiter(100, 10);
    burst(l, 100 + 1000, 0); // everything spent
    expect(l.judge(0)).toBe(RateVerdict.Abuse);
    const later = ALLOWANCE_REFILL_SEC * 1000;
    expect(burst(l, 100 + 1000, later)).toEqual({ [RateVerdict.Admit]: 100, [RateVerdict.Drop]: 1000, [RateVerdict.Abuse]: 0 });
  });
});
