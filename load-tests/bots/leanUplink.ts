/**
 * The bots' InputUplink (shared/protocol/inputUplink.ts): the same schedule
 * and the same bytes — frames numbered per tick, every unacknowledged frame
 * repeated, a message every `ticksPerMessage` ticks or at once when a flags
 * field changes, coded against the acknowledged frame — but the message is
 * written into a buffer the uplink owns (`bytes`, valid until the next
 * message) by inputMessageWriter, so a bot allocates nothing per message.
 * leanUplink.test.ts checks the bytes against the SDK's uplink.
 *
 *   push(frame) ─▶ seq        acknowledge(seq from an InputAck or a snapshot's ackSeq)
 *   due() ─▶ message(ackTick, viewTick) ─▶ bytes[0, n)
 */
import { MAX_FRAMES_PER_INPUT, type InputCoder } from '../../shared/protocol/inputCodec';
import { inputMessageCapacity, writeInputMessage } from './inputMessageWriter';

/** Frames kept by seq, as the SDK's uplink: MAX_FRAMES_PER_INPUT plus the acknowledged base, with room. */
const HISTORY = 64;

export class LeanUplink {
  private readonly history: Int32Array;
  private readonly seqs = new Float64Array(HISTORY);
  private readonly scratch: Int32Array;
  /** The last message's bytes (from 0; its length is what message() returned). */
  readonly bytes: Uint8Array;
  newestSeq = 0;
  ackedSeq = 0;
  private sinceSent = 0;
  private urgent = false;

  constructor(
    readonly coder: InputCoder,
    readonly snapshotEvery: number,
    public ticksPerMessage = 3,
    public urgentOnFlags = true,
  ) {
    this.history = new Int32Array(HISTORY * coder.fieldCount);
    this.scratch = new Int32Array(MAX_FRAMES_PER_INPUT * coder.fieldCount);
    this.bytes = new Uint8Array(inputMessageCapacity(coder.fieldCount));
  }

  get unacknowledged(): number {
    return this.newestSeq - this.ackedSeq;
  }

  /** Record this tick's frame (one value per input field); returns its seq. */
  push(frame: ArrayLike<number>): number {
    const seq = ++this.newestSeq;
    const slot = seq % HISTORY;
    this.seqs[slot] = seq;
    const f = this.coder.fieldCount;
    const kinds = this.coder.kinds;
    const prevSlot = (seq - 1) % HISTORY;
    const hasPrev = seq > 1 && this.seqs[prevSlot] === seq - 1;
    for (let k = 0; k < f; k++) {
      const v = frame[k] | 0;
      this.history[slot * f + k] = v;
      if (this.urgentOnFlags && hasPrev && kinds[k] === 0 && this.history[prevSlot * f + k] !== v) this.urgent = true;
    }
    this.sinceSent++;
    return seq;
  }

  acknowledge(ackSeq: number): void {
    if (ackSeq > this.ackedSeq && ackSeq <= this.newestSeq) this.ackedSeq = ackSeq;
  }

  due(): boolean {
    return this.newestSeq > 0 && this.sinceSent > 0 && (this.sinceSent >= this.ticksPerMessage || this.urgent);
  }

  /**
   * Write the Input message carrying every unacknowledged frame (the newest
   * MAX_FRAMES_PER_INPUT if more) into `bytes`; returns its length, 0 when
   * there is nothing to send. `ackTick`: newest snapshot held (0 = none).
   */
  message(ackTick: number, viewTick: number): number {
    const pending = this.newestSeq - this.ackedSeq;
    if (pending <= 0) return 0;
    const count = Math.min(pending, MAX_FRAMES_PER_INPUT);
    const first = this.newestSeq - count + 1;
    const f = this.coder.fieldCount;
    for (let i = 0; i < count; i++) {
      const slot = (first + i) % HISTORY;
      // Unreachable miss: the history outlives MAX_FRAMES_PER_INPUT (as in the SDK's uplink).
      if (this.seqs[slot] !== first + i) return 0;
      for (let k = 0; k < f; k++) this.scratch[i * f + k] = this.history[slot * f + k];
    }
    // Code against the acknowledged frame, which the server holds; else against zero.
    const baseSlot = this.ackedSeq % HISTORY;
    const hasBase = count === pending && this.ackedSeq >= 1 && this.seqs[baseSlot] === this.ackedSeq;
    this.sinceSent = 0;
    this.urgent = false;
    const ackIndex = ackTick > 0 ? Math.floor(ackTick / this.snapshotEvery) : -1;
    return writeInputMessage(
      this.bytes,
      this.coder,
      this.newestSeq,
      this.scratch,
      count,
      hasBase ? this.history : null,
      baseSlot * f,
      ackIndex,
      ackTick > 0 ? ackTick - viewTick : 0,
    );
  }
}
