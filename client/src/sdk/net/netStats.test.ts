import { describe, expect, it } from 'vitest';
import { NetStats } from './netStats';
import { RateMeter } from './rateMeter';

describe('RateMeter', () => {
  it('reports a steady rate per second over its window, and forgets old samples', () => {
    const m = new RateMeter(1000, 100);
    for (let t = 0; t <= 5000; t += 10) m.add(10, t); // 1000 units/s
    expect(m.perSecond(5000)).toBeGreaterThan(900);
    expect(m.perSecond(5000)).toBeLessThan(1100);
    expect(m.perSecond(9000)).toBe(0);
  });
});

describe('NetStats', () => {
  it('counts bytes both ways and derives loss from gaps in snapshot ticks', () => {
    const s = new NetStats(2);
    s.onBytesIn(100, 0);
    s.onBytesOut(40, 0);
    expect([s.totalBytesIn, s.totalBytesOut]).toEqual([100, 40]);
    // Snapshots every 2 ticks; every 10th one missing.
    let t = 0;
    for (let tick = 2; tick <= 120; tick += 2) if (tick % 20 !== 0) s.onSnapshot(tick, (t += 33));
    expect(s.lossPct).toBeGreaterThan(8);
    expect(s.lossPct).toBeLessThan(12);
    s.resetSession();
    expect(s.lossPct).toBe(0);
  });

  it('smooths input→ack times from InputAcks, ignores non-samples, and forgets them with the session', () => {
    const stats = new NetStats();
    expect(stats.inputAckMs).toBe(-1);
    stats.onInputAck(-1);
    expect(stats.inputAckMs).toBe(-1);
    stats.onInputAck(40);
    expect(stats.inputAckMs).toBe(40);
    stats.onInputAck(20);
    expect(stats.inputAckMs).toBeCloseTo(38);
    expect(stats.lastInputAckMs).toBe(20);
    stats.resetSession();
    expect(stats.inputAckMs).toBe(-1);
  });
});
