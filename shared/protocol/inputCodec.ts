/**
 * The compact Input message (opcode 0x02), derived from a game's InputSchema.
 * After the opcode byte comes a bit stream (bitStream.ts: LSB first, zero
 * padding to the byte):
 *
 *   seq       8 bits    newest frame's seq mod 256 (the server extends it, below)
 *   count     EG1       n − 1: the message holds frames seq−n+1 … seq, oldest first (n ≤ 32)
 *   zeroBase  1 bit     1: the first frame is coded against the all-zero frame;
 *                       0: against frame seq−n, which the server has received (the client's acknowledged seq)
 *   hasAck    1 bit     1: an acknowledgement follows
 *   ack       6 bits    (if hasAck) the newest snapshot the client has applied, as its index
 *                       (tick ÷ snapshotEvery, the room's ticks per snapshot) mod 64
 *   viewLag   EG3       (if hasAck) ack tick − view tick, 0..1023: the tick the player was looking at
 *   n frames, each:
 *     same    1 bit     1: identical to the previous frame (for the first: to the base frame)
 *     else, per input field in schema order:
 *       changed 1 bit
 *       value   (if changed) flags: `bits` bits, XOR with the previous value;
 *               uint / int: signed EGk of the difference (k = floor(bits / 4));
 *               wrapping uint: the difference taken the short way round modulo 2^bits.
 *
 * Seq extension: the server keeps the newest seq it has received, R (0 before
 * any), and takes for the 8-bit value s the seq in [R − 127, R + 128] that is
 * ≡ s (mod 256) (adding 256 while it is < 1). Ack resolution: the server takes
 * the snapshot it still holds whose index ≡ ack (mod 64); it holds 32, so at
 * most one matches. (A client whose delta names a baseline it lacks sends
 * hasAck = 0 and gets a full snapshot.)
 *
 * Redundancy: a client repeats every frame the server has not acknowledged
 * (seq > ackSeq of the newest snapshot), and stops as soon as it has; an
 * unchanged frame costs one bit, so a lost message costs nothing.
 */
import { BitReader, BitReadError, BitWriter } from './bitStream';
import { CloseCode, Opcode } from './constants';
import { DecodeError } from './decodeError';
import { inputFieldRange, type InputSchema } from './inputSchema';

export const INPUT_SEQ_BITS = 8;
export const INPUT_ACK_BITS = 6;
/** Most frames in one Input message. */
export const MAX_FRAMES_PER_INPUT = 32;
/** Largest viewLag a client sends (ticks); older views are clamped. */
export const MAX_VIEW_LAG = 1023;
const SEQ_MOD = 2 ** INPUT_SEQ_BITS;
const ACK_MOD = 2 ** INPUT_ACK_BITS;
const VIEW_LAG_ORDER = 3;
/** One reader for every decode: Inputs are the hot path (one per player every few ticks). */
const reader = new BitReader();
const COUNT_ORDER = 1;

/** Per-field coding parameters derived from an InputSchema. */
export class InputCoder {
  readonly fieldCount: number;
  readonly kinds: Uint8Array; // 0 flags, 1 uint, 2 int
  readonly bits: Uint8Array;
  readonly orders: Uint8Array;
  readonly wraps: Float64Array; // 0 = no wrap
  readonly mins: Float64Array;
  readonly maxs: Float64Array;
  /** Per field: flag bits carried over when an input is skipped (0 for numbers). */
  readonly carryMasks: Uint32Array;
  readonly names: readonly string[];

  constructor(readonly schema: InputSchema) {
    const f = schema.fields;
    this.fieldCount = f.length;
    this.kinds = Uint8Array.from(f, (x) => (x.kind === 'flags' ? 0 : x.kind === 'uint' ? 1 : 2));
    this.bits = Uint8Array.from(f, (x) => x.bits);
    this.orders = Uint8Array.from(f, (x) => Math.floor(x.bits / 4));
    this.wraps = Float64Array.from(f, (x) => (x.kind === 'uint' && x.wrap ? 2 ** x.bits : 0));
    this.mins = Float64Array.from(f, (x) => inputFieldRange(x).min);
    this.maxs = Float64Array.from(f, (x) => inputFieldRange(x).max);
    this.carryMasks = Uint32Array.from(f, (x) => (x.kind === 'flags' ? (x.carryMask ?? 0) : 0));
    this.names = f.map((x) => x.name);
  }
}

export interface InputMessageHeader {
  /** Newest frame's seq (full, extended by the server). */
  seq: number;
  count: number;
  zeroBase: boolean;
  /** Acknowledged snapshot index mod 64, or −1 when none. */
  ackLow: number;
  viewLag: number;
}

// ---- encoding -------------------------------------------------------------

/**
 * Write an Input message. `frames` holds `count` frames of `coder.fieldCount`
 * values each, oldest first; `base` is the frame before the first (null = zero);
 * `ackIndex` the acknowledged snapshot's tick ÷ snapshotEvery (−1 = none).
 */
export function encodeInputMessage(
  w: BitWriter,
  coder: InputCoder,
  seq: number,
  frames: ArrayLike<number>,
  count: number,
  base: ArrayLike<number> | null,
  ackIndex: number,
  viewLag: number,
): Uint8Array {
  if (count < 1 || count > MAX_FRAMES_PER_INPUT) throw new RangeError(`Input: count ${count} outside 1..${MAX_FRAMES_PER_INPUT}`);
  const f = coder.fieldCount;
  w.reset().bits(Opcode.Input, 8);
  w.bits(seq % SEQ_MOD, INPUT_SEQ_BITS).expGolomb(count - 1, COUNT_ORDER).bit(base ? 0 : 1);
  if (ackIndex >= 0) {
    w.bit(1).bits(ackIndex % ACK_MOD, INPUT_ACK_BITS).expGolomb(Math.min(MAX_VIEW_LAG, Math.max(0, viewLag)), VIEW_LAG_ORDER);
  } else {
    w.bit(0);
  }
  for (let i = 0; i < count; i++) {
    const at = i * f;
    const prev = i === 0 ? base : frames;
    const pOff = i === 0 ? 0 : at - f;
    let same = true;
    for (let k = 0; k < f; k++) if (frames[at + k] !== predict(coder, k, frames, base, i, f)) same = false;
    w.bit(same ? 1 : 0);
    if (same) continue;
    for (let k = 0; k < f; k++) {
      const from = predict(coder, k, frames, base, i, f);
      const to = frames[at + k];
      if (to === from) {
        w.bit(0);
        continue;
      }
      w.bit(1);
      if (coder.kinds[k] === 0) w.bits((to ^ (prev ? prev[pOff + k] : 0)) >>> 0, coder.bits[k]);
      else w.signedExpGolomb(shortDelta(coder.wraps[k], from, to), coder.orders[k]);
    }
  }
  return w.toBytes();
}

/**
 * The value frame i's field k is coded against: flags, the previous frame's
 * value; numbers, a linear extrapolation of the two previous frames of this
 * message (the base counts as frame −1), which turns a steady turn or sweep
 * into "unchanged" — or the previous value when only one is known.
 */
function predict(coder: InputCoder, k: number, frames: ArrayLike<number>, base: ArrayLike<number> | null, i: number, f: number): number {
  const prev = i === 0 ? (base ? base[k] : 0) : frames[(i - 1) * f + k];
  if (coder.kinds[k] === 0 || i === 0 || (i === 1 && !base)) return prev;
  const prev2 = i === 1 ? base![k] : frames[(i - 2) * f + k];
  let p = 2 * prev - prev2;
  const wrap = coder.wraps[k];
  if (wrap !== 0) {
    p = ((p % wrap) + wrap) % wrap;
    return p;
  }
  return p < coder.mins[k] ? coder.mins[k] : p > coder.maxs[k] ? coder.maxs[k] : p;
}

function shortDelta(wrap: number, from: number, to: number): number {
  const d = to - from;
  if (wrap === 0) return d;
  let m = ((d % wrap) + wrap) % wrap;
  if (m >= wrap / 2) m -= wrap;
  return m;
}

// ---- decoding -------------------------------------------------------------

/** The seq in [reference − 127, reference + 128] congruent to `low` mod 256, at least 1. */
export function extendSeq(low: number, reference: number): number {
  const start = reference - (SEQ_MOD / 2 - 1);
  let seq = start + ((((low - start) % SEQ_MOD) + SEQ_MOD) % SEQ_MOD);
  while (seq < 1) seq += SEQ_MOD;
  return seq;
}

export type BaseLookup = (seq: number) => ArrayLike<number> | null;

/** Why a well-formed message could not be used: its base frame is not held (not a protocol error). */
export const MISSING_BASE = 'missing-base';

/**
 * Decode an Input message into `header` and `out` (count × fieldCount values,
 * oldest first). `reference` is the newest seq received so far; `baseAt`
 * returns the frame the server holds for a seq. Never throws.
 */
export function decodeInputMessage(
  bytes: Uint8Array,
  coder: InputCoder,
  reference: number,
  baseAt: BaseLookup,
  header: InputMessageHeader,
  out: Int32Array,
): DecodeError | typeof MISSING_BASE | null {
  if (bytes.length < 2 || bytes[0] !== Opcode.Input) return bad('not an Input frame');
  try {
    const r = reader.reset(bytes, 1);
    header.seq = extendSeq(r.bits(INPUT_SEQ_BITS), reference);
    header.count = r.expGolomb(COUNT_ORDER, 5) + 1;
    if (header.count > MAX_FRAMES_PER_INPUT) return bad(`more than ${MAX_FRAMES_PER_INPUT} frames`);
    header.zeroBase = r.bit() === 1;
    header.ackLow = -1;
    header.viewLag = 0;
    if (r.bit() === 1) {
      header.ackLow = r.bits(INPUT_ACK_BITS);
      header.viewLag = r.expGolomb(VIEW_LAG_ORDER, 8);
      if (header.viewLag > MAX_VIEW_LAG) return bad('viewLag out of range');
    }
    const f = coder.fieldCount;
    let base: ArrayLike<number> | null = null;
    if (!header.zeroBase) {
      const baseSeq = header.seq - header.count;
      base = baseSeq >= 1 ? baseAt(baseSeq) : null;
      if (!base) {
        // Still parse the rest, so a malformed frame is refused as such.
        const problem = readFrames(r, coder, header.count, null, out);
        return problem ?? MISSING_BASE;
      }
    }
    if (f * header.count > out.length) return bad('frame buffer too small');
    return readFrames(r, coder, header.count, base, out);
  } catch (err) {
    if (err instanceof BitReadError) return bad(err.message);
    return bad('malformed Input');
  }
}

function readFrames(r: BitReader, coder: InputCoder, count: number, base: ArrayLike<number> | null, out: Int32Array): DecodeError | null {
  const f = coder.fieldCount;
  for (let i = 0; i < count; i++) {
    const at = i * f;
    const prev = i === 0 ? base : out;
    const pOff = i === 0 ? 0 : at - f;
    const same = r.bit() === 1;
    for (let k = 0; k < f; k++) {
      const predicted = predict(coder, k, out, base, i, f);
      if (same || r.bit() === 0) {
        out[at + k] = predicted;
        continue;
      }
      let v: number;
      if (coder.kinds[k] === 0) v = ((prev ? prev[pOff + k] : 0) ^ r.bits(coder.bits[k])) >>> 0;
      else {
        v = predicted + r.signedExpGolomb(coder.orders[k], 24);
        const wrap = coder.wraps[k];
        if (wrap !== 0) v = ((v % wrap) + wrap) % wrap;
      }
      if (v < coder.mins[k] || v > coder.maxs[k]) return invalid(`field ${coder.names[k]} out of range`);
      out[at + k] = v;
    }
  }
  if (!r.atPaddedEnd()) return bad('trailing bits after the last frame');
  return null;
}

function bad(reason: string): DecodeError {
  return new DecodeError(CloseCode.DecodeFailed, `Input: ${reason}`);
}

function invalid(reason: string): DecodeError {
  return new DecodeError(CloseCode.InvalidMessage, `Input: ${reason}`);
}
