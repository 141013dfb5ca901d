/**
 * What one headless player saw, frame by frame, turned into the issue-13
 * figures ("how it feels"). Pure and clock-free: the player loop hands it
 * each frame's probe and the events it observed, with their local times.
 *
 *   frame ─▶ in play? (alive ≥ SETTLE_MS, no server stall within STALL_SETTLE_MS)
 *            ├─ yes: largest visible jump, corrections, remote extrapolated?
 *            └─ after a stall: largest jump, hard snaps (separately)
 *   press ─▶ frames until the predicted shot is drawn
 *   touches (shots ending on a drawn target) ⇄ hits the server registered: matched in time order
 */

/** After a (re)spawn, frames are not "steady play" for this long, ms. */
export const SETTLE_MS = 1000;
/** A server stall affects this long after it ends, ms (measured on its own). */
export const STALL_SETTLE_MS = 1500;
/** A frame later than this after the previous one is a hitch of the measuring process, ms (20 fps is 50). */
export const HITCH_MS = 100;
/** A registered hit matches a visible touch on the same target at most this long before it, ms. */
export const HIT_MATCH_BEFORE_MS = 1500;
/** …or this long after it (the touch is drawn after the event arrived), ms. */
export const HIT_MATCH_AFTER_MS = 250;
/**
 * An unregistered touch on a target whose death arrived from −DIED_BEFORE_MS to
 * +DIED_AFTER_MS around the touch counts as "target already dead on the server"
 * (killed by another shot before ours reached it there; the shooter's screen,
 * a round trip plus the interpolation delay behind, still drew it alive), ms.
 */
export const DIED_BEFORE_MS = 500;
export const DIED_AFTER_MS = 1000;

export interface FrameProbe {
  nowMs: number;
  /** Our player is drawn and alive. */
  alive: boolean;
  /** Our player moved this far beyond its own predicted motion in this frame, px. */
  jumpPx: number;
  /** Corrections (smoothed + snapped) so far this session. */
  corrections: number;
  hardSnaps: number;
  /** Remote entities drawn past the newest snapshot. */
  extrapolated: boolean;
}

export interface TimedHit {
  atMs: number;
  targetId: number;
}

/** A hit the server registered for our shot; `down`: on a target already down there (damage 0, killed in transit). */
export interface RegisteredHit extends TimedHit {
  down?: boolean;
}

export interface FeelFigures {
  frames: number;
  inPlayFrames: number;
  inPlaySec: number;
  maxJumpPx: number;
  /** 99th percentile of per-frame jumps in play, px. */
  p99JumpPx: number;
  corrections: number;
  hardSnapsInPlay: number;
  extrapolatedFrames: number;
  afterStallFrames: number;
  afterStallMaxJumpPx: number;
  afterStallHardSnaps: number;
  /** Frames from the press to the first frame drawing its shot (1 = the next frame). */
  fireToDrawnFrames: number[];
  fireToDrawnMs: number[];
  /** Presses that never produced a predicted shot (dead, cooldown). */
  pressesUnfired: number;
  /** Frames that came more than HITCH_MS after the previous one (this process stalled: the machine is busy). */
  hitches: number;
  registeredHits: number;
  /** Of registeredHits: on a target already down on the server (damage 0: killed in transit by another shot). */
  registeredHitsDown: number;
  registeredHitsTouching: number;
  visibleTouches: number;
  visibleTouchesRegistered: number;
  /** Unregistered touches whose target died on the server about then (DIED_BEFORE_MS / DIED_AFTER_MS). */
  visibleTouchesTargetDied: number;
  /** Unregistered touches (target alive) of a shot fired while we were dying on the server (our death arrived about then). */
  visibleTouchesShooterDied: number;
  /** Our shots unconfirmed at our death, expected as trades, and of those never fired by the server (whole session). */
  tradesExpected: number;
  tradesNeverFired: number;
}

export class FeelRecorder {
  private lastNotAliveMs = -Infinity;
  private lastCorrections = Number.NaN;
  private lastHardSnaps = Number.NaN;
  private readonly jumps: number[] = [];
  private readonly f: FeelFigures = {
    frames: 0,
    inPlayFrames: 0,
    inPlaySec: 0,
    maxJumpPx: 0,
    p99JumpPx: 0,
    corrections: 0,
    hardSnapsInPlay: 0,
    extrapolatedFrames: 0,
    afterStallFrames: 0,
    afterStallMaxJumpPx: 0,
    afterStallHardSnaps: 0,
    fireToDrawnFrames: [],
    fireToDrawnMs: [],
    pressesUnfired: 0,
    hitches: 0,
    registeredHits: 0,
    registeredHitsDown: 0,
    registeredHitsTouching: 0,
    visibleTouches: 0,
    visibleTouchesRegistered: 0,
    visibleTouchesTargetDied: 0,
    visibleTouchesShooterDied: 0,
    tradesExpected: 0,
    tradesNeverFired: 0,
  };
  private lastFrameMs = Number.NaN;
  private readonly touches: (TimedHit & { matched: boolean })[] = [];
  private readonly hits: RegisteredHit[] = [];
  private readonly deaths: TimedHit[] = [];
  private readonly ownDeaths: number[] = [];
  /** Open press: when, and frames drawn since. */
  private press: { atMs: number; frames: number } | null = null;

  /**
   * `stalls`: [start, end) local times of server stalls so far; `measuring`:
   * false during warm-up (state is tracked, nothing counted).
   */
  frame(p: FrameProbe, stalls: readonly (readonly [number, number])[], measuring: boolean): void {
    const dCorr = Number.isNaN(this.lastCorrections) ? 0 : p.corrections - this.lastCorrections;
    const dSnaps = Number.isNaN(this.lastHardSnaps) ? 0 : p.hardSnaps - this.lastHardSnaps;
    this.lastCorrections = p.corrections;
    this.lastHardSnaps = p.hardSnaps;
    const dtMs = Number.isNaN(this.lastFrameMs) ? 0 : p.nowMs - this.lastFrameMs;
    this.lastFrameMs = p.nowMs;
    if (!p.alive) this.lastNotAliveMs = p.nowMs;
    if (this.press) this.press.frames++;
    if (!measuring) return;
    const f = this.f;
    f.frames++;
    if (dtMs > HITCH_MS) f.hitches++;
    const settled = p.alive && p.nowMs - this.lastNotAliveMs >= SETTLE_MS;
    const nearStall = stalls.some(([a, b]) => p.nowMs >= a && p.nowMs < b + STALL_SETTLE_MS);
    if (settled && nearStall) {
      f.afterStallFrames++;
      f.afterStallMaxJumpPx = Math.max(f.afterStallMaxJumpPx, p.jumpPx);
      f.afterStallHardSnaps += dSnaps;
      return;
    }
    if (!settled) return;
    f.inPlayFrames++;
    f.inPlaySec += dtMs / 1000;
    f.maxJumpPx = Math.max(f.maxJumpPx, p.jumpPx);
    this.jumps.push(p.jumpPx);
    f.corrections += dCorr;
    f.hardSnapsInPlay += dSnaps;
    if (p.extrapolated) f.extrapolatedFrames++;
  }

  /** The client's trade counters so far (PredictedShots.tradesExpected / tradesNeverFired). */
  trades(expected: number, neverFired: number): void {
    this.f.tradesExpected = expected;
    this.f.tradesNeverFired = neverFired;
  }

  /** The fire key went down at `atMs` (the next frames should draw the shot). */
  pressed(atMs: number): void {
    if (this.press) this.f.pressesUnfired++;
    this.press = { atMs, frames: 0 };
  }

  /** A frame at `nowMs` drew the shot of the open press. */
  shotDrawn(nowMs: number, measuring: boolean): void {
    if (!this.press) return;
    if (measuring) {
      this.f.fireToDrawnFrames.push(this.press.frames);
      this.f.fireToDrawnMs.push(nowMs - this.press.atMs);
    }
    this.press = null;
  }

  /** The open press produced no shot (released without firing). */
  pressLapsed(measuring: boolean): void {
    if (this.press && measuring) this.f.pressesUnfired++;
    this.press = null;
  }

  get pressOpen(): boolean {
    return this.press !== null;
  }

  /** One of our shots ended touching `targetId` as drawn on our screen. */
  touched(t: TimedHit, measuring: boolean): void {
    if (measuring) this.touches.push({ ...t, matched: false });
  }

  /** The server registered a hit of ours on `targetId` (event arrival time). */
  hit(h: RegisteredHit, measuring: boolean): void {
    if (measuring) this.hits.push(h);
  }

  /** The server reported `targetId` killed (event arrival time; anyone's kill); `mine`: it was us. */
  died(d: TimedHit, mine = false): void {
    this.deaths.push(d);
    if (mine) this.ownDeaths.push(d.atMs);
  }

  /** The figures, matching hits to touches; `endMs`: touches later than endMs − HIT_MATCH_BEFORE_MS are not judged. */
  figures(endMs: number): FeelFigures {
    const f = { ...this.f, fireToDrawnFrames: [...this.f.fireToDrawnFrames], fireToDrawnMs: [...this.f.fireToDrawnMs] };
    for (const t of this.touches) t.matched = false;
    f.registeredHits = this.hits.length;
    f.registeredHitsDown = this.hits.filter((h) => h.down === true).length;
    f.registeredHitsTouching = 0;
    for (const h of this.hits) {
      const t = this.touches.find((c) => !c.matched && c.targetId === h.targetId && c.atMs >= h.atMs - HIT_MATCH_BEFORE_MS && c.atMs <= h.atMs + HIT_MATCH_AFTER_MS);
      if (!t) continue;
      t.matched = true;
      f.registeredHitsTouching++;
    }
    const judged = this.touches.filter((t) => t.atMs <= endMs - HIT_MATCH_BEFORE_MS);
    f.visibleTouches = judged.length;
    f.visibleTouchesRegistered = judged.filter((t) => t.matched).length;
    const targetDied = (t: TimedHit) => this.deaths.some((d) => d.targetId === t.targetId && d.atMs >= t.atMs - DIED_BEFORE_MS && d.atMs <= t.atMs + DIED_AFTER_MS);
    // Our shot flew up to a second before the touch; the server never fired it if we were dead by then.
    const shooterDied = (t: TimedHit) => this.ownDeaths.some((at) => at >= t.atMs - HIT_MATCH_BEFORE_MS && at <= t.atMs + DIED_AFTER_MS);
    const unregistered = judged.filter((t) => !t.matched);
    f.visibleTouchesTargetDied = unregistered.filter(targetDied).length;
    f.visibleTouchesShooterDied = unregistered.filter((t) => !targetDied(t) && shooterDied(t)).length;
    f.p99JumpPx = percentile(this.jumps, 0.99);
    return f;
  }
}

/** The q-quantile of `xs` (nearest rank), 0 when empty. */
export function percentile(xs: readonly number[], q: number): number {
  if (xs.length === 0) return 0;
  const sorted = [...xs].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))];
}
