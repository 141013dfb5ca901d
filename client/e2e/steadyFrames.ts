/**
 * Which of a page's frames are steady play, for judging hard snaps of our own
 * player and the rate of prediction corrections: not those drawn during a stall (of the page's main thread or of the
 * server) or within STALL_SETTLE_MS after it. A stall costs corrections by
 * design — the server repeats or skips inputs it did not get in time, and the
 * page eases the difference out, a large one in few frames — so a step there
 * says the machine was busy, not that the netcode snaps. The headless harness
 * draws the same line (feelRecorder.ts: "after a stall", counted apart).
 *
 *   stall [s, e) ─────────── e + STALL_SETTLE_MS
 *   frames:  ✓ ✓ │ ✗ ✗ ✗ ✗ ✗ ✗ ✗ ✗ ✗ ✗ │ ✓ ✓     (✗: discounted, counted apart)
 */
import { STALL_SETTLE_MS } from '../../load-tests/netcode/feelRecorder';
import type { FrameSample, Stall } from './frameTimeline';

export interface OwnStepVerdict {
  /** Frames drawn after the first sample (the baseline). */
  frames: number;
  steadyFrames: number;
  /** Frames drawn during a stall or within the settle time after it. */
  discountedFrames: number;
  /** Own-player steps > 24 px beyond the fastest motion (probe.ownJumpsOver24Px) on steady frames: hard snaps. */
  jumps: number;
  /** …and on discounted frames (a stall's correction). */
  jumpsDiscounted: number;
  /** Time the steady frames span (each from the previous sample), ms. */
  steadyMs: number;
  /** Prediction corrections counted on steady frames, and on discounted ones. */
  corrections: number;
  correctionsDiscounted: number;
}

/**
 * Judge `frames` (oldest first) against `stalls` ([start, end) in the frames'
 * clock). A sample covers the frames drawn since the previous sample; it is
 * discounted when that span meets a stall's window [start, end + settleMs).
 */
export function judgeOwnSteps(frames: readonly FrameSample[], stalls: readonly Stall[], settleMs = STALL_SETTLE_MS): OwnStepVerdict {
  const v: OwnStepVerdict = { frames: 0, steadyFrames: 0, discountedFrames: 0, jumps: 0, jumpsDiscounted: 0, steadyMs: 0, corrections: 0, correctionsDiscounted: 0 };
  if (frames.length === 0) return v;
  const fromMs = frames[0].atMs;
  const toMs = frames[frames.length - 1].atMs;
  const windows = stalls.filter(([s, e]) => s <= toMs && e + settleMs > fromMs);
  for (let i = 1; i < frames.length; i++) {
    const prev = frames[i - 1];
    const cur = frames[i];
    const drawn = cur.views - prev.views;
    const jumps = cur.jumps - prev.jumps;
    const corrections = cur.corrections - prev.corrections;
    v.frames += drawn;
    if (windows.some(([s, e]) => prev.atMs < e + settleMs && cur.atMs >= s)) {
      v.discountedFrames += drawn;
      v.jumpsDiscounted += jumps;
      v.correctionsDiscounted += corrections;
    } else {
      v.steadyFrames += drawn;
      v.steadyMs += cur.atMs - prev.atMs;
      v.jumps += jumps;
      v.corrections += corrections;
    }
  }
  return v;
}
