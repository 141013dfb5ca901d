/**
 * What the protocol fuzzer knows of the server's input state for one joined
 * connection, so it can predict the outcome of a compact Input frame: the
 * newest seq the server has received (which extends the 8-bit seq) and every
 * version of every frame it may hold as a delta base. The server may lack a
 * base the fuzzer sent (a frame offered after it was applied is not kept) or
 * hold an older copy, so every candidate base — and none — is tried; when the
 * candidates disagree, the outcome is ambiguous and the connection's input
 * state is no longer known exactly (`uncertain`).
 */
import { CloseCode } from '../../../shared/protocol/constants';
import { DecodeError } from '../../../shared/protocol/decodeError';
import { decodeInputMessage, MAX_FRAMES_PER_INPUT, MISSING_BASE, type InputCoder, type InputMessageHeader } from '../../../shared/protocol/inputCodec';

export type InputOutcome =
  | { kind: 'silent' }
  | { kind: 'close'; codes: readonly number[] }
  /** Either accepted silently or closed with one of `codes`. */
  | { kind: 'maybe-close'; codes: readonly number[] };

const INPUT_ERROR_CODES = [CloseCode.DecodeFailed, CloseCode.InvalidMessage] as const;

export class InputMirror {
  newestSeq = 0;
  uncertain = false;
  private readonly versions = new Map<number, Int32Array[]>();
  private readonly header: InputMessageHeader = { seq: 0, count: 0, zeroBase: false, ackLow: -1, viewLag: 0 };

  constructor(private readonly coder: InputCoder) {}

  /** The outcome of sending `frame` now; records what the server then holds. */
  expect(frame: Uint8Array): InputOutcome {
    if (this.uncertain) return { kind: 'maybe-close', codes: INPUT_ERROR_CODES };
    const f = this.coder.fieldCount;
    let asked = -1;
    const variants: { result: DecodeError | typeof MISSING_BASE | null; frames: Int32Array; seq: number; count: number }[] = [];
    const run = (lookup: (seq: number) => Int32Array | null) => {
      const out = new Int32Array(MAX_FRAMES_PER_INPUT * f);
      const result = decodeInputMessage(frame, this.coder, this.newestSeq, lookup, this.header, out);
      variants.push({ result, frames: out, seq: this.header.seq, count: this.header.count });
    };
    run((seq) => {
      asked = seq;
      return null;
    });
    for (const base of asked >= 1 ? (this.versions.get(asked) ?? []) : []) run(() => base);

    const errorCodes = new Set(variants.filter((v) => v.result instanceof DecodeError).map((v) => (v.result as DecodeError).closeCode));
    const accepted = variants.filter((v) => v.result === null);
    const missing = variants.filter((v) => v.result === MISSING_BASE);
    if (accepted.length === variants.length) {
      for (const v of accepted) this.record(v.frames, v.seq, v.count);
      return { kind: 'silent' };
    }
    if (errorCodes.size === 1 && accepted.length === 0 && missing.length === 0) return { kind: 'close', codes: [...errorCodes] };
    if (errorCodes.size === 0 && accepted.length === 0) return { kind: 'silent' }; // missing base whatever the server holds: dropped
    // The variants disagree: the server's input state after this frame is not known exactly.
    this.uncertain = true;
    return errorCodes.size === 0 ? { kind: 'silent' } : { kind: 'maybe-close', codes: [...errorCodes] };
  }

  private record(frames: Int32Array, seq: number, count: number): void {
    const f = this.coder.fieldCount;
    const first = seq - count + 1;
    for (let i = 0; i < count; i++) {
      if (first + i < 1) continue;
      const frame = frames.slice(i * f, i * f + f);
      const known = this.versions.get(first + i);
      if (!known) this.versions.set(first + i, [frame]);
      else if (!known.some((k) => k.every((x, j) => x === frame[j]))) known.push(frame);
    }
    if (seq > this.newestSeq) this.newestSeq = seq;
  }
}
