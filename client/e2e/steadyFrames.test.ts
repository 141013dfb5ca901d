import { describe, expect, it } from 'vitest';
import type { FrameSample } from './frameTimeline';
import { judgeOwnSteps } from './steadyFrames';

/**
 * Frames every 100 ms from t = 1000 (one view each); `jumpAt`: frame times whose step was a jump;
 * `correctedAt`: frame times after a correction.
 */
function frames(count: number, jumpAt: number[] = [], correctedAt: number[] = []): FrameSample[] {
  const out: FrameSample[] = [];
  let jumps = 0;
  let corrections = 0;
  for (let k = 0; k < count; k++) {
    const atMs = 1000 + 100 * k;
    if (jumpAt.includes(atMs)) jumps++;
    if (correctedAt.includes(atMs)) corrections++;
    out.push({ atMs, views: 10 + k, jumps, corrections });
  }
  return out;
}

describe('steady frames for judging own-player snaps', () => {
  it('judges every frame when nothing stalled: a jump is a hard snap', () => {
    const v = judgeOwnSteps(frames(30, [1500], [1200, 1300]), [], 1500);
    expect(v).toEqual({ frames: 29, steadyFrames: 29, discountedFrames: 0, jumps: 1, jumpsDiscounted: 0, steadyMs: 2900, corrections: 2, correctionsDiscounted: 0 });
  });

  it('discounts frames (their snaps, corrections and time) from a stall to the settle time after it, and only those', () => {
    // Stall [1450, 1750), window [1450, 3250): the samples at 1500 … 3300 span part of it (3300 covers 3200–3300);
    // 1100 … 1400 before, 3400 on after.
    const v = judgeOwnSteps(frames(30, [1400, 2000, 3400], [1100, 1900, 2000, 2100, 3900]), [[1450, 1750]], 1500);
    expect(v.discountedFrames).toBe(19);
    expect(v.steadyFrames).toBe(10);
    expect(v.steadyMs).toBe(1000);
    expect(v.corrections).toBe(2);
    expect(v.correctionsDiscounted).toBe(3);
    expect(v.jumpsDiscounted).toBe(1);
    expect(v.jumps).toBe(2);
  });

  it('counts a sample that spans several game frames as all of them, discounted if the span meets a stall', () => {
    const f = frames(5);
    f[3] = { ...f[3], views: f[3].views + 2, jumps: 1 };
    f[4] = { ...f[4], views: f[4].views + 2, jumps: 1 };
    const v = judgeOwnSteps(f, [[1250, 1290]], 0);
    expect(v.frames).toBe(6);
    expect(v.discountedFrames).toBe(3);
    expect(v.jumpsDiscounted).toBe(1);
    expect(v.jumps).toBe(0);
  });

  it('ignores stalls whose window ends before the first frame or starts after the last', () => {
    const v = judgeOwnSteps(frames(10, [1500]), [[0, 100], [5000, 6000]], 500);
    expect(v.discountedFrames).toBe(0);
    expect(v.jumps).toBe(1);
  });
});
