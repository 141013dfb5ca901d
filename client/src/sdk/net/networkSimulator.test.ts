import { describe, expect, it } from 'vitest';
import { conditionsFromParams, SimulatedLink } from './networkSimulator';
import { seededRandom } from '../../../../shared/engine/prng';

const rng = seededRandom;

describe('SimulatedLink', () => {
  it('delays by lag plus jitter and keeps send order (TCP)', () => {
    const link = new SimulatedLink<number>({ lagMs: 100, jitterMs: 50, lossPct: 0 }, rng(1));
    for (let i = 0; i < 100; i++) link.offer(i, i * 5);
    const got: number[] = [];
    let last = 0;
    for (let now = 0; now <= 1000; now++) {
      const due = link.drain(now);
      if (due.length > 0) last = now;
      got.push(...due);
    }
    expect(got).toEqual(Array.from({ length: 100 }, (_, i) => i));
    expect(last).toBeGreaterThanOrEqual(99 * 5 + 100);
    expect(last).toBeLessThanOrEqual(99 * 5 + 150);
    expect(link.drain(0)).toEqual([]);
  });

  it('drops about lossPct percent, but never undroppable messages', () => {
    const link = new SimulatedLink<number>({ lagMs: 0, jitterMs: 0, lossPct: 5 }, rng(7));
    let kept = 0;
    for (let i = 0; i < 10_000; i++) if (link.offer(i, 0)) kept++;
    expect(10_000 - kept).toBeGreaterThan(400);
    expect(10_000 - kept).toBeLessThan(600);
    expect(link.dropped).toBe(10_000 - kept);
    const reliable = new SimulatedLink<number>({ lagMs: 0, jitterMs: 0, lossPct: 100 }, rng(7));
    expect(reliable.offer(1, 0, false)).toBe(true);
    expect(reliable.offer(2, 0)).toBe(false);
    expect(reliable.drain(0)).toEqual([1]);
  });

  it('reads per-direction conditions from URL parameters', () => {
    const c = conditionsFromParams(new URLSearchParams('lag=150&jitter=20&loss=5&lossUp=1&lagDown=abc'));
    expect(c.up).toEqual({ lagMs: 150, jitterMs: 20, lossPct: 1 });
    expect(c.down).toEqual({ lagMs: 150, jitterMs: 20, lossPct: 5 });
    expect(conditionsFromParams(new URLSearchParams('loss=500')).down.lossPct).toBe(100);
  });
});
