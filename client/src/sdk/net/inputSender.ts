/**
 * Builds one Input message per simulation tick, in the field order of the
 * game's input schema (the SDK never names a field). Each message carries the
 * newest input and repeats the ones the server has not acknowledged yet
 * (seq > last ackSeq), newest first, up to Limits.maxInputFrames, so a lost
 * message costs nothing as long as one of the next few arrives.
 *
 *   seq:      41 42 43 44 45        ackSeq = 42
 *   message:  [45, tick, ackTick, viewTick, [f45, f44, f43]]
 */
import { Limits } from '../../../../shared/protocol/constants';
import type { InputSchema, InputValues } from '../../../../shared/protocol/inputSchema';
import type { InputBody, InputFrame } from '../../../../shared/protocol/messages';

export class InputSender {
  /** Sequence number of the newest input (0 = none yet). */
  seq = 0;
  private ackSeq = 0;
  /** Recent frames, newest last; index i holds seq (seq − len + 1 + i). */
  private readonly recent: InputFrame[] = [];

  constructor(
    private readonly schema: InputSchema,
    private readonly maxFrames: number = Limits.maxInputFrames,
  ) {}

  /** Record the next input (a value per schema field; a missing field is 0); returns its seq. */
  push(values: Readonly<InputValues>): number {
    this.seq++;
    this.recent.push(this.schema.fields.map((f) => values[f.name] ?? 0) as InputFrame);
    if (this.recent.length > this.maxFrames) this.recent.shift();
    return this.seq;
  }

  /** The server applied inputs up to `ackSeq`. */
  acknowledge(ackSeq: number): void {
    if (ackSeq > this.ackSeq && ackSeq <= this.seq) this.ackSeq = ackSeq;
  }

  get acknowledged(): number {
    return this.ackSeq;
  }

  /** The Input body for the newest input, with redundancy; null before the first push. */
  body(clientTick: number, ackTick: number, viewTick: number): InputBody | null {
    if (this.seq === 0) return null;
    const unacked = Math.max(1, this.seq - this.ackSeq);
    const n = Math.min(unacked, this.recent.length, this.maxFrames, this.seq);
    const frames: InputFrame[] = [];
    for (let i = 0; i < n; i++) frames.push(this.recent[this.recent.length - 1 - i]);
    const tick = (v: number) => Math.max(0, Math.min(0xffffffff, Math.floor(v)));
    return [this.seq, tick(clientTick), tick(ackTick), tick(viewTick), frames];
  }

  /** A new session (resumed or not): the server counts seqs from 1 again. */
  reset(): void {
    this.seq = 0;
    this.ackSeq = 0;
    this.recent.length = 0;
  }
}
