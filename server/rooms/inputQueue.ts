/**
 * One player's pending inputs, applied one per simulation tick in sequence
 * order. Frames arrive redundantly (each Input message repeats every frame
 * the server has not acknowledged), so duplicates and stale ones (seq ≤ last
 * applied) are ignored. When no frame is due for a tick, the last applied
 * one is repeated (the player keeps doing what it did) and the sequence does
 * not advance. The queue knows the game's input only as its declared fields.
 *
 * The buffer is kept at 1–2 spare frames by the client, not by skipping:
 * InputLead judges the frames waiting at the worst moment of each window and
 * advises the client to run its input clock a little ahead or behind
 * (`advice`, sent as InputTiming by the room). So in steady play a late frame
 * is neither repeated nor skipped. Latency is still bounded two ways:
 *   - standing backlog: a window whose minimum is above skipAboveDepth (the
 *     ticks a server stall dropped) skips the oldest down to highDepth;
 *   - overflow: at most `maxPending` future frames are held.
 * A skipped frame's carried flag bits (the schema's carryMask: presses such
 * as Fire) are OR-ed into the next frame applied, so no press is lost.
 *
 * Every frame received is also kept by seq (the last HISTORY of them): the
 * next Input message is delta-coded against the one the client knows we
 * applied, and lastAppliedSeq is only ever a received seq.
 */
import type { InputCoder } from '../../shared/protocol/inputCodec';
import { DEFAULT_INPUT_LEAD, InputLead, type InputLeadOptions } from './inputLead';

/** Pending ring size: more than any maxPending. */
const RING = 32;
/** Received frames kept for delta bases (≥ 2 × MAX_FRAMES_PER_INPUT). */
const HISTORY = 64;

export class InputQueue {
  private readonly f: number;
  private readonly pendingSeqs = new Float64Array(RING);
  private readonly pending: Int32Array;
  private readonly pendingViewTicks = new Float64Array(RING);
  private readonly historySeqs = new Float64Array(HISTORY);
  private readonly history: Int32Array;
  private readonly carried: Int32Array;
  /** Highest seq received so far. */
  newestSeq = 0;
  /** How far ahead the client runs; its advice for the client's input clock. */
  readonly lead: InputLead;
  /** Advice (ticks) not yet sent to the client; 0: none. */
  advice = 0;
  /** Last seq applied to the simulation (acknowledged in snapshots). */
  lastAppliedSeq = 0;
  /** Frames skipped to bound latency (standing queue or overflow). */
  skipped = 0;
  /** The frame applied last tick, repeated when none is due. */
  readonly current: Int32Array;
  currentViewTick = 0;

  constructor(
    readonly coder: InputCoder,
    readonly maxPending = 16,
    leadOptions: InputLeadOptions = DEFAULT_INPUT_LEAD,
  ) {
    this.lead = new InputLead(leadOptions);
    this.f = coder.fieldCount;
    this.pending = new Int32Array(RING * this.f);
    this.history = new Int32Array(HISTORY * this.f);
    this.carried = new Int32Array(this.f);
    this.current = new Int32Array(this.f);
  }

  /** Frames received and not yet applied (gaps included). */
  get depth(): number {
    return this.newestSeq - this.lastAppliedSeq;
  }

  /** The frame received as `seq`, if still held (a delta base). */
  frameAt(seq: number): Int32Array | null {
    const slot = seq % HISTORY;
    if (seq < 1 || this.historySeqs[slot] !== seq) return null;
    return this.history.subarray(slot * this.f, slot * this.f + this.f);
  }

  /** Offer one frame: `frames[offset .. offset + fieldCount)`. */
  offer(seq: number, frames: ArrayLike<number>, offset: number, viewTick: number): void {
    if (seq <= this.lastAppliedSeq) return; // stale
    const f = this.f;
    const h = seq % HISTORY;
    this.historySeqs[h] = seq;
    for (let k = 0; k < f; k++) this.history[h * f + k] = frames[offset + k];
    if (seq > this.lastAppliedSeq + this.maxPending) this.skipThrough(seq - this.maxPending);
    const slot = seq % RING;
    if (this.pendingSeqs[slot] === seq) return; // duplicate
    this.pendingSeqs[slot] = seq;
    for (let k = 0; k < f; k++) this.pending[slot * f + k] = frames[offset + k];
    this.pendingViewTicks[slot] = viewTick;
    if (seq > this.newestSeq) this.newestSeq = seq;
  }

  /**
   * Advance one tick: apply the next frame in sequence if it has arrived, or
   * (if it was lost for good — a later one is here) the next one present;
   * otherwise keep the current one. Returns true when `current` changed seq.
   */
  next(): boolean {
    const verdict = this.newestSeq > 0 ? this.lead.observe(this.depth) : null;
    if (verdict) {
      if (verdict.skipTo > 0) this.skipThrough(this.newestSeq - verdict.skipTo);
      if (verdict.adviceTicks !== 0) this.advice = verdict.adviceTicks;
    }
    const f = this.f;
    // Every pending frame is within RING of the newest (offer drops older ones), so
    // at most RING seqs are visited however far the client's seqs jumped.
    const first = Math.max(this.lastAppliedSeq + 1, this.newestSeq - RING + 1);
    for (let seq = first; seq <= this.newestSeq; seq++) {
      const slot = seq % RING;
      if (this.pendingSeqs[slot] !== seq) continue;
      this.lastAppliedSeq = seq;
      this.pendingSeqs[slot] = 0;
      for (let k = 0; k < f; k++) {
        this.current[k] = this.pending[slot * f + k] | this.carried[k];
        this.carried[k] = 0;
      }
      this.currentViewTick = this.pendingViewTicks[slot];
      return true;
    }
    return false;
  }

  /**
   * Drop every pending frame up to and including `seq`, keeping their carried
   * flags; lastAppliedSeq moves to the newest dropped one (a received seq).
   */
  private skipThrough(seq: number): void {
    // Visit the ring's slots, not the gap: seq is the client's (up to 2^32), and a loop
    // over the gap blocked the event loop for seconds on one hostile Input.
    const f = this.f;
    const masks = this.coder.carryMasks;
    let newestDropped = 0;
    for (let slot = 0; slot < RING; slot++) {
      const s = this.pendingSeqs[slot];
      if (s <= this.lastAppliedSeq || s > seq) continue;
      for (let k = 0; k < f; k++) this.carried[k] |= this.pending[slot * f + k] & masks[k];
      this.pendingSeqs[slot] = 0;
      this.skipped++;
      if (s > newestDropped) newestDropped = s;
    }
    if (newestDropped > this.lastAppliedSeq) this.lastAppliedSeq = newestDropped;
  }

  /** Forget everything (a resumed session starts its seqs at 1 again). */
  reset(): void {
    this.pendingSeqs.fill(0);
    this.historySeqs.fill(0);
    this.carried.fill(0);
    this.current.fill(0);
    this.newestSeq = 0;
    this.lastAppliedSeq = 0;
    this.lead.reset();
    this.advice = 0;
    this.currentViewTick = 0;
  }
}
