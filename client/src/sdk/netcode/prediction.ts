/**
 * Client-side prediction of the local player, with server reconciliation.
 *
 * Each tick the client applies its own input at once (no wait for the server)
 * and keeps it until acknowledged. Each snapshot says which input the server
 * applied last (ackSeq) and where it put us; we restart from there and replay
 * the inputs it has not applied yet:
 *
 *   inputs:    40 41 42 43 44 45          snapshot: ackSeq = 42, state S42
 *   replay:    S42 ─43─▶ ─44─▶ ─45─▶ new prediction
 *
 * If the new prediction differs from the old one, the difference becomes a
 * visual offset that decays over ~`smoothingMs` (no visible snap for small
 * errors); beyond `snapDistance` (a teleport) we snap.
 *
 * Visual error decay (as Overwatch and Rocket League do it): the offset is
 * blended out across frames, and while it is small (≤ `gentleBelow`: a late
 * or lost input frame's correction, or a short server stall's) no single frame takes more than
 * `maxStepPerFrame` of it, so the drawn player never visibly jumps beyond its
 * own predicted motion:
 *
 *   correction 4.7 u ─▶ frame 1: −0.9 · frame 2: −0.9 · … (exponential once below ~2.5 u at 60 fps)
 *   at 20 fps e^(−50/100) would take 39 % (1.8 u) in one frame; the cap takes 0.9 u
 *   below 20 fps (a page drawing 2 frames a second) at least 18 u/s: it still settles
 */
import type { InputValues } from '../../../../shared/protocol/inputSchema';

/**
 * The game's own movement, for one player: built by the game module from the
 * shared rules (the function the server's step calls), so prediction and
 * server agree to the bit.
 */
export interface PredictionModel<S> {
  /** Advance one tick under `input` (the game's input values). May mutate and return `state`. */
  step(state: S, input: Readonly<InputValues>): S;
  clone(state: S): S;
  x(state: S): number;
  y(state: S): number;
}

export interface PredictionOptions {
  /** Errors farther than this (world units) snap instead of easing. */
  snapDistance: number;
  /** Time constant of the visual error decay, ms. */
  smoothingMs: number;
  /** Errors smaller than this are rounding, not corrections (world units). */
  epsilon: number;
  /** Most unacknowledged inputs kept (older are dropped). */
  maxPending: number;
  /** Most of the offset one drawn frame removes while the offset is at most `gentleBelow`, world units. */
  maxStepPerFrame: number;
  /**
   * …unless the frames are slower than maxStepPerFrame / minDrainPerSec (50 ms: below 20 fps): then at
   * least this much per second of frame, world units/s, so a page drawing a few frames a second still
   * settles within about a second.
   */
  minDrainPerSec: number;
  /** Offsets larger than this (a long stall's correction) decay exponentially only, world units. */
  gentleBelow: number;
}

export const DEFAULT_PREDICTION: PredictionOptions = {
  snapDistance: 96,
  smoothingMs: 100,
  epsilon: 0.05,
  maxPending: 256,
  maxStepPerFrame: 0.9,
  minDrainPerSec: 18,
  gentleBelow: 32,
};

interface PendingInput {
  seq: number;
  input: Readonly<InputValues>;
}

export class Predictor<S> {
  private state: S | null = null;
  private readonly pending: PendingInput[] = [];
  /** Position before the last tick (for drawing between ticks). */
  private prevX = 0;
  private prevY = 0;
  private offsetX = 0;
  private offsetY = 0;
  private lastDecayMs = Number.NaN;
  /** Reconciliations that moved us (smoothly corrected). */
  corrections = 0;
  /** Reconciliations that snapped. */
  snaps = 0;
  /** Size of the last correction, world units. */
  lastErrorDistance = 0;
  /**
   * How far the last drawPosition moved the drawn player beyond its own
   * simulated motion (the correction offset decaying, plus any hard snap
   * since the previous draw), world units: what a player sees as a snap.
   */
  visibleJump = 0;
  /** Hard-snap distance not yet drawn. */
  private snappedBy = 0;

  constructor(
    private readonly model: PredictionModel<S>,
    private readonly opts: PredictionOptions = DEFAULT_PREDICTION,
  ) {}

  get ready(): boolean {
    return this.state !== null;
  }

  get current(): S | null {
    return this.state;
  }

  get pendingCount(): number {
    return this.pending.length;
  }

  /** Start from an authoritative state (first snapshot of a session). */
  reset(state: S): void {
    this.state = this.model.clone(state);
    this.pending.length = 0;
    this.prevX = this.model.x(this.state);
    this.prevY = this.model.y(this.state);
    this.offsetX = 0;
    this.offsetY = 0;
  }

  /** Forget the player (left the room, dead and removed, disconnected). */
  clear(): void {
    this.state = null;
    this.pending.length = 0;
    this.offsetX = 0;
    this.offsetY = 0;
  }

  /** Predict one tick with input `seq`. */
  applyInput(seq: number, input: Readonly<InputValues>): void {
    if (!this.state) return;
    this.pending.push({ seq, input: { ...input } });
    if (this.pending.length > this.opts.maxPending) this.pending.shift();
    this.prevX = this.model.x(this.state);
    this.prevY = this.model.y(this.state);
    this.state = this.model.step(this.state, input);
  }

  /**
   * The server's state for us after applying input `ackSeq`. Replays the
   * unacknowledged inputs and turns any difference into a decaying offset.
   */
  reconcile(authoritative: S, ackSeq: number): void {
    while (this.pending.length > 0 && this.pending[0].seq <= ackSeq) this.pending.shift();
    if (!this.state) {
      this.reset(authoritative);
      return;
    }
    const oldX = this.model.x(this.state);
    const oldY = this.model.y(this.state);
    let s = this.model.clone(authoritative);
    for (const p of this.pending) s = this.model.step(s, p.input);
    this.state = s;
    const dx = oldX - this.model.x(s);
    const dy = oldY - this.model.y(s);
    const dist = Math.hypot(dx, dy);
    this.lastErrorDistance = dist;
    if (dist > this.opts.snapDistance) {
      this.snaps++;
      this.snappedBy += dist;
      this.offsetX = 0;
      this.offsetY = 0;
      this.prevX = this.model.x(s);
      this.prevY = this.model.y(s);
      return;
    }
    // Keep the drawn position continuous: what was drawn is now "new + offset".
    this.prevX -= dx;
    this.prevY -= dy;
    if (dist > this.opts.epsilon) {
      this.corrections++;
      this.offsetX += dx;
      this.offsetY += dy;
    }
  }

  /**
   * Where to draw the player at `nowMs`; `alpha` in [0, 1] is how far we are
   * between the previous tick and the current one.
   */
  drawPosition(nowMs: number, alpha = 1): { x: number; y: number } {
    if (!this.state) return { x: 0, y: 0 };
    const beforeX = this.offsetX;
    const beforeY = this.offsetY;
    if (!Number.isNaN(this.lastDecayMs) && nowMs > this.lastDecayMs) this.decayOffset(nowMs - this.lastDecayMs);
    this.visibleJump = Math.hypot(beforeX - this.offsetX, beforeY - this.offsetY) + this.snappedBy;
    this.snappedBy = 0;
    this.lastDecayMs = nowMs;
    const a = Math.min(Math.max(alpha, 0), 1);
    const x = this.prevX + (this.model.x(this.state) - this.prevX) * a;
    const y = this.prevY + (this.model.y(this.state) - this.prevY) * a;
    return { x: x + this.offsetX, y: y + this.offsetY };
  }

  /** One frame's share of the visual error decay, `elapsedMs` after the previous frame. */
  private decayOffset(elapsedMs: number): void {
    const o = this.opts;
    const dist = Math.hypot(this.offsetX, this.offsetY);
    if (dist === 0) return;
    let step = dist * (1 - Math.exp(-elapsedMs / o.smoothingMs));
    if (dist <= o.gentleBelow) step = Math.min(step, Math.max(o.maxStepPerFrame, (o.minDrainPerSec * elapsedMs) / 1000));
    const k = (dist - step) / dist;
    this.offsetX *= k;
    this.offsetY *= k;
    if (Math.abs(this.offsetX) < 0.01) this.offsetX = 0;
    if (Math.abs(this.offsetY) < 0.01) this.offsetY = 0;
  }

  /** Remaining visual error, world units. */
  get offsetDistance(): number {
    return Math.hypot(this.offsetX, this.offsetY);
  }
}
