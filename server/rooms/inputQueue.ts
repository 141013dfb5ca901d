/**
 * One player's pending inputs, applied one per simulation tick in sequence
 * order. Inputs arrive redundantly (each Input message repeats the last few),
 * so duplicates and stale ones (seq ≤ last applied) are ignored. When no input
 * is due for a tick, the last applied input is repeated (the player keeps
 * doing what it did), and the sequence does not advance.
 *
 * Latency is bounded two ways. A client sends one input per tick and the
 * server applies one per tick, so a backlog (a burst after a network hiccup,
 * ticks dropped after a server stall) would otherwise never drain:
 *   - standing queue: when more than `targetDepth` inputs have been waiting for
 *     `standingLimitTicks` ticks in a row, the oldest are skipped so that
 *     `targetDepth` remain (their Fire presses carry over, so no shot is lost);
 *   - overflow: at most `capacity` future inputs are held at all.
 * Skipped inputs cost the client a prediction correction, not a stall.
 */
import type { PlayerInput } from '../../shared/engine/gameDefinition';
import { Button } from '../../shared/protocol/constants';

export class InputQueue {
  /** Pending inputs by seq, ascending; a small ring keyed by seq % capacity. */
  private readonly seqs: Float64Array;
  private readonly buttons: Uint8Array;
  private readonly aims: Uint16Array;
  private readonly viewTicks: Float64Array;
  /** Highest seq received so far. */
  private newestSeq = 0;
  /** Consecutive ticks with more than targetDepth inputs waiting. */
  private standingTicks = 0;
  /** Fire pressed in a skipped input: applied with the next input. */
  private carriedFire = 0;
  /** Last seq applied to the simulation (acknowledged in snapshots). */
  lastAppliedSeq = 0;
  /** Inputs skipped to bound latency (standing queue or overflow). */
  skipped = 0;
  /** The input applied last tick, repeated when none is due. */
  readonly current: PlayerInput = { buttons: 0, aim: 0, viewTick: 0 };

  constructor(
    readonly capacity = 8,
    readonly targetDepth = 2,
    readonly standingLimitTicks = 6,
  ) {
    this.seqs = new Float64Array(capacity);
    this.buttons = new Uint8Array(capacity);
    this.aims = new Uint16Array(capacity);
    this.viewTicks = new Float64Array(capacity);
  }

  /** Inputs received and not yet applied (gaps included). */
  get depth(): number {
    return this.newestSeq - this.lastAppliedSeq;
  }

  /** Offer one input (from any position of a redundant Input message). */
  offer(seq: number, buttons: number, aim: number, viewTick: number): void {
    if (seq <= this.lastAppliedSeq) return; // stale
    if (seq > this.lastAppliedSeq + this.capacity) this.skipTo(seq - this.capacity);
    const slot = seq % this.capacity;
    if (this.seqs[slot] === seq) return; // duplicate
    this.seqs[slot] = seq;
    this.buttons[slot] = buttons;
    this.aims[slot] = aim;
    this.viewTicks[slot] = viewTick;
    if (seq > this.newestSeq) this.newestSeq = seq;
  }

  /**
   * Advance one tick: apply the next input in sequence if it has arrived, or
   * (if it was lost for good — a later one is here) skip to the next one present;
   * otherwise repeat the current one. Returns the input for this tick.
   */
  next(): PlayerInput {
    if (this.depth > this.targetDepth) {
      if (++this.standingTicks >= this.standingLimitTicks) {
        this.skipTo(this.newestSeq - this.targetDepth);
        this.standingTicks = 0;
      }
    } else {
      this.standingTicks = 0;
    }
    for (let seq = this.lastAppliedSeq + 1; seq <= this.newestSeq; seq++) {
      const slot = seq % this.capacity;
      if (this.seqs[slot] !== seq) continue;
      this.lastAppliedSeq = seq;
      this.seqs[slot] = 0;
      this.current.buttons = this.buttons[slot] | this.carriedFire;
      this.current.aim = this.aims[slot];
      this.current.viewTick = this.viewTicks[slot];
      this.carriedFire = 0;
      return this.current;
    }
    return this.current;
  }

  /** Drop every pending input up to and including `seq`, keeping their Fire presses. */
  private skipTo(seq: number): void {
    // Visit the ring's slots, not the gap: seq is the client's (up to 2^32), and a loop
    // over the gap blocked the event loop for seconds on one hostile Input.
    for (let slot = 0; slot < this.capacity; slot++) {
      const s = this.seqs[slot];
      if (s <= this.lastAppliedSeq || s > seq) continue;
      this.carriedFire |= this.buttons[slot] & Button.Fire;
      this.seqs[slot] = 0;
      this.skipped++;
    }
    if (seq > this.lastAppliedSeq) this.lastAppliedSeq = seq;
  }

  /** Forget everything (a resumed session starts its seqs at 1 again). */
  reset(): void {
    this.seqs.fill(0);
    this.newestSeq = 0;
    this.lastAppliedSeq = 0;
    this.standingTicks = 0;
    this.carriedFire = 0;
    this.current.buttons = 0;
    this.current.aim = 0;
    this.current.viewTick = 0;
  }
}
