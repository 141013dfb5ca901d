/**
 * One player's pending inputs, applied one per simulation tick in sequence
 * order. Inputs arrive redundantly (each Input message repeats the last few),
 * so duplicates and stale ones (seq ≤ last applied) are ignored. When no input
 * is due for a tick, the last applied input is repeated (the player keeps
 * doing what it did), and the sequence does not advance.
 *
 * The queue holds at most `capacity` future inputs: a client running ahead of
 * the server (clock drift, a burst after a stall) loses its oldest pending
 * inputs rather than building up latency.
 */
import type { PlayerInput } from '../../shared/engine/gameDefinition';

export class InputQueue {
  /** Pending inputs by seq, ascending; a small ring keyed by seq % capacity. */
  private readonly seqs: Float64Array;
  private readonly buttons: Uint8Array;
  private readonly aims: Uint16Array;
  private readonly viewTicks: Float64Array;
  /** Highest seq received so far. */
  private newestSeq = 0;
  /** Last seq applied to the simulation (acknowledged in snapshots). */
  lastAppliedSeq = 0;
  /** Inputs dropped because the client ran too far ahead. */
  overflowed = 0;
  /** The input applied last tick, repeated when none is due. */
  readonly current: PlayerInput = { buttons: 0, aim: 0, viewTick: 0 };

  constructor(readonly capacity = 8) {
    this.seqs = new Float64Array(capacity);
    this.buttons = new Uint8Array(capacity);
    this.aims = new Uint16Array(capacity);
    this.viewTicks = new Float64Array(capacity);
  }

  /** Offer one input (from any position of a redundant Input message). */
  offer(seq: number, buttons: number, aim: number, viewTick: number): void {
    if (seq <= this.lastAppliedSeq) return; // stale
    if (seq > this.lastAppliedSeq + this.capacity) {
      // Too far ahead: skip the gap so latency stays bounded.
      this.overflowed += seq - this.capacity - this.lastAppliedSeq;
      this.lastAppliedSeq = seq - this.capacity;
    }
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
    for (let seq = this.lastAppliedSeq + 1; seq <= this.newestSeq; seq++) {
      const slot = seq % this.capacity;
      if (this.seqs[slot] !== seq) continue;
      this.lastAppliedSeq = seq;
      this.seqs[slot] = 0;
      this.current.buttons = this.buttons[slot];
      this.current.aim = this.aims[slot];
      this.current.viewTick = this.viewTicks[slot];
      return this.current;
    }
    return this.current;
  }

  /** Forget everything (a resumed session starts its seqs at 1 again). */
  reset(): void {
    this.seqs.fill(0);
    this.newestSeq = 0;
    this.lastAppliedSeq = 0;
    this.current.buttons = 0;
    this.current.aim = 0;
    this.current.viewTick = 0;
  }
}
