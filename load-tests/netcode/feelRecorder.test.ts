import { describe, expect, it } from 'vitest';
import { FeelRecorder, percentile, SETTLE_MS, type FrameProbe } from './feelRecorder';

const probe = (nowMs: number, over: Partial<FrameProbe> = {}): FrameProbe => ({
  nowMs,
  alive: true,
  jumpPx: 0,
  corrections: 0,
  hardSnaps: 0,
  extrapolated: false,
  ...over,
});

describe('FeelRecorder', () => {
  it('counts only settled frames in play, and stall windows apart', () => {
    const r = new FeelRecorder();
    r.frame(probe(0, { alive: false }), [], true);
    r.frame(probe(500, { jumpPx: 50 }), [], true); // just respawned: not in play
    r.frame(probe(SETTLE_MS + 100, { jumpPx: 0.5, corrections: 1 }), [], true);
    r.frame(probe(SETTLE_MS + 200, { jumpPx: 0.7, corrections: 3, extrapolated: true }), [], true);
    r.frame(probe(SETTLE_MS + 300, { jumpPx: 9, hardSnaps: 1, corrections: 4 }), [[SETTLE_MS + 250, SETTLE_MS + 280]], true);
    const f = r.figures(10_000);
    expect(f.frames).toBe(5);
    expect(f.inPlayFrames).toBe(2);
    expect(f.maxJumpPx).toBe(0.7);
    expect(f.corrections).toBe(3); // 0 → 1 → 3 (the first in-play frame's delta counts from the respawn frame)
    expect(f.extrapolatedFrames).toBe(1);
    expect(f.afterStallMaxJumpPx).toBe(9);
    expect(f.afterStallHardSnaps).toBe(1);
    expect(f.hardSnapsInPlay).toBe(0);
  });

  it('a stall still going on (its end not known yet) is no steady play either', () => {
    const r = new FeelRecorder();
    r.frame(probe(0), [], true);
    r.frame(probe(SETTLE_MS + 100, { extrapolated: true }), [[SETTLE_MS + 50, Infinity]], true);
    expect(r.figures(10_000)).toMatchObject({ inPlayFrames: 1, extrapolatedFrames: 0, afterStallFrames: 1 }) // the first frame only;
  });

  it('times a press in frames and matches registered hits to visible touches by target and time', () => {
    const r = new FeelRecorder();
    r.pressed(10);
    r.frame(probe(16), [], true);
    r.shotDrawn(16, true);
    r.touched({ atMs: 1000, targetId: 7 }, true);
    r.touched({ atMs: 1100, targetId: 8 }, true); // never registered
    r.hit({ atMs: 1150, targetId: 7 }, true);
    r.hit({ atMs: 1200, targetId: 9 }, true); // registered, not seen touching
    const f = r.figures(5000);
    expect(f.fireToDrawnFrames).toEqual([1]);
    expect(f.fireToDrawnMs).toEqual([6]);
    expect([f.registeredHitsTouching, f.registeredHits]).toEqual([1, 2]);
    expect([f.visibleTouchesRegistered, f.visibleTouches]).toEqual([1, 2]);
    expect(f.visibleTouchesTargetDied).toBe(0);
    // Target 8 was killed (by anyone) 300 ms after our touch: the server judged our shot after its death.
    r.died({ atMs: 1400, targetId: 8 });
    r.died({ atMs: 1400, targetId: 7 }); // a registered touch is not counted again
    expect(r.figures(5000).visibleTouchesTargetDied).toBe(1);
    expect(r.figures(5000).visibleTouchesShooterDied).toBe(0);
    r.touched({ atMs: 2000, targetId: 9 }, true); // registered above only at 1200: this one is not
    r.died({ atMs: 2300, targetId: 1 }, true); // we died: the server never fired it
    expect(r.figures(5000).visibleTouchesShooterDied).toBe(1);
  });

  it('percentile is nearest-rank', () => {
    expect(percentile([3, 1, 2, 4], 0.5)).toBe(2);
    expect(percentile([], 0.99)).toBe(0);
  });
});
