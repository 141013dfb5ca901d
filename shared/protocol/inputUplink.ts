/**
 * The sending side of the compact Input encoding, shared by the browser
 * client, the load-test bots and test clients: it numbers each tick's frame,
 * keeps every frame the server has not acknowledged, and builds messages that
 * repeat exactly those (and nothing the server has confirmed).
 *
 *   push(frame) ─▶ seq      acknowledge(ackSeq from a snapshot)
 *   due() ─▶ message(ackTick, viewTick) ─▶ bytes on the wire
 *
 * `ticksPerMessage` trades messages for latency: 1 sends every tick; 3 sends a
 * third of the messages and delays the oldest frame of each batch by two
 * ticks. What the player presses does not wait: a frame whose `flags` fields
 * (buttons) differ from the frame before it is sent at once, so a batch only
 * ever delays steady controls and aim (`urgentOnFlags`, on by default).
 */
import { BitWriter } from './bitStream';
import { encodeInputMessage, MAX_FRAMES_PER_INPUT, type InputCoder } from './inputCodec';

/** Frames kept by seq: enough for MAX_FRAMES_PER_INPUT plus the acknowledged base. */
const HISTORY = 64;

export class InputUplink {
  private readonly history: Int32Array;
  private readonly seqs = new Float64Array(HISTORY);
  private readonly scratch: Int32Array;
  private readonly writer = new BitWriter(64);
  /** Seq of the newest frame pushed (0 = none). */
  newestSeq = 0;
  /** Newest seq the server says it applied. */
  ackedSeq = 0;
  private sinceSent = 0;
  /** A flags field changed since the last message: send now. */
  private urgent = false;

  /** `snapshotEvery`: the room's ticks per snapshot (Welcome: tickRate ÷ snapshotRate). */
  constructor(
    readonly coder: InputCoder,
    readonly snapshotEvery: number,
    public ticksPerMessage = 3,
    public urgentOnFlags = true,
  ) {
    this.history = new Int32Array(HISTORY * coder.fieldCount);
    this.scratch = new Int32Array(MAX_FRAMES_PER_INPUT * coder.fieldCount);
  }

  /** Frames pushed and not yet acknowledged. */
  get unacknowledged(): number {
    return this.newestSeq - this.ackedSeq;
  }

  /** Record this tick's frame (one value per input field); returns its seq. */
  push(frame: ArrayLike<number>): number {
    const seq = ++this.newestSeq;
    const slot = seq % HISTORY;
    this.seqs[slot] = seq;
    const f = this.coder.fieldCount;
    const prevSlot = (seq - 1) % HISTORY;
    const hasPrev = seq > 1 && this.seqs[prevSlot] === seq - 1;
    for (let k = 0; k < f; k++) {
      const v = frame[k] | 0;
      this.history[slot * f + k] = v;
      if (this.urgentOnFlags && hasPrev && this.coder.kinds[k] === 0 && this.history[prevSlot * f + k] !== v) this.urgent = true;
    }
    this.sinceSent++;
    return seq;
  }

  /** The frame sent as `seq`, if still held. */
  frameAt(seq: number): Int32Array | null {
    const slot = seq % HISTORY;
    if (seq < 1 || this.seqs[slot] !== seq) return null;
    const f = this.coder.fieldCount;
    return this.history.subarray(slot * f, slot * f + f);
  }

  acknowledge(ackSeq: number): void {
    if (ackSeq > this.ackedSeq && ackSeq <= this.newestSeq) this.ackedSeq = ackSeq;
  }

  /** True when a message should go out now: ticksPerMessage frames since the last, or a press changed. */
  due(): boolean {
    return this.newestSeq > 0 && this.sinceSent > 0 && (this.sinceSent >= this.ticksPerMessage || this.urgent);
  }

  /**
   * The Input message carrying every unacknowledged frame (the newest
   * MAX_FRAMES_PER_INPUT if more), or null when there is nothing to send.
   * `ackTick`: newest snapshot applied (0 = none); `viewTick`: render tick.
   */
  message(ackTick: number, viewTick: number): Uint8Array | null {
    const pending = this.newestSeq - this.ackedSeq;
    if (pending <= 0) return null;
    const count = Math.min(pending, MAX_FRAMES_PER_INPUT);
    const first = this.newestSeq - count + 1;
    const f = this.coder.fieldCount;
    for (let i = 0; i < count; i++) {
      const frame = this.frameAt(first + i);
      if (!frame) return null; // unreachable: history outlives MAX_FRAMES_PER_INPUT
      this.scratch.set(frame, i * f);
    }
    // Code against the acknowledged frame, which the server holds; else against zero.
    const base = count === pending ? this.frameAt(this.ackedSeq) : null;
    this.sinceSent = 0;
    this.urgent = false;
    const ackIndex = ackTick > 0 ? Math.floor(ackTick / this.snapshotEvery) : -1;
    return encodeInputMessage(this.writer, this.coder, this.newestSeq, this.scratch, count, base, ackIndex, ackTick > 0 ? ackTick - viewTick : 0);
  }

  /** Start over (a new session: seqs restart at 1). */
  reset(): void {
    this.seqs.fill(0);
    this.newestSeq = 0;
    this.ackedSeq = 0;
    this.sinceSent = 0;
    this.urgent = false;
  }
}
