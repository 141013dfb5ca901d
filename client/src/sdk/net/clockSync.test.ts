import { describe, expect, it } from 'vitest';
import { ClockSync } from './clockSync';

describe('ClockSync', () => {
  it('estimates RTT and the server clock offset from pongs', () => {
    const tickMs = 1000 / 60;
    const sync = new ClockSync(tickMs);
    const trueOffset = 12_345; // server clock − client clock
    // Symmetric 40 ms one-way, with one sample that queued 100 ms extra on the way back.
    const oneWays = [40, 40, 40, 140, 40, 40];
    let now = 1000;
    for (const back of oneWays) {
      const t = now;
      const serverMs = t + 40 + trueOffset;
      const tick = Math.floor(serverMs / tickMs);
      now = t + 40 + back;
      sync.onPong({ t, s: serverMs, k: tick }, now);
      now += 1000;
    }
    expect(sync.lastRttMs).toBe(80);
    expect(sync.rttMs).toBeGreaterThan(79);
    expect(sync.rttMs).toBeLessThan(100);
    expect(sync.jitterMs).toBeGreaterThan(0);
    // The min-RTT sample gives the offset, unaffected by the queued one.
    expect(sync.offsetMs).toBeCloseTo(trueOffset, 6);
    const at = now + 500;
    expect(sync.serverTimeMs(at)).toBeCloseTo(at + trueOffset, 6);
    expect(sync.serverTick(at)).toBeCloseTo((at + trueOffset) / tickMs, 0);
  });

  it('ignores echoes from the future and reports NaN before any pong', () => {
    const sync = new ClockSync(16);
    expect(Number.isNaN(sync.serverTick(0))).toBe(true);
    sync.onPong({ t: 500, s: 0, k: 0 }, 100);
    expect(sync.hasSample).toBe(false);
  });
});
