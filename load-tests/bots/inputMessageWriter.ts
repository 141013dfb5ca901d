/**
 * The compact Input message (shared/protocol/inputCodec.ts, PROTOCOL.md §8.1)
 * written into a buffer the caller owns, for load-test bots: the same bits as
 * the SDK's encodeInputMessage (a test compares them on random inputs), but
 * packed a byte-chunk at a time instead of bit by bit, and with no copy at the
 * end. Byte order and bit order are the SDK's: LSB first within each byte, an
 * n-bit field least significant bit first, exp-Golomb quotients MSB first.
 */
import { Opcode } from '../../shared/protocol/constants';
import { INPUT_ACK_BITS, INPUT_SEQ_BITS, MAX_FRAMES_PER_INPUT, MAX_VIEW_LAG, type InputCoder } from '../../shared/protocol/inputCodec';

const SEQ_MOD = 2 ** INPUT_SEQ_BITS;
const ACK_MOD = 2 ** INPUT_ACK_BITS;
const COUNT_ORDER = 1;
const VIEW_LAG_ORDER = 3;

/** Bytes enough for any message of `fieldCount` fields: 32 frames of 1 + fields × (1 + 2·25 + 6) bits, plus the header. */
export function inputMessageCapacity(fieldCount: number): number {
  return 16 + Math.ceil((MAX_FRAMES_PER_INPUT * (1 + fieldCount * 57)) / 8);
}

/** A bit packer over a caller's buffer (one per bot; reset per message). */
class BitPacker {
  out: Uint8Array = new Uint8Array(0);
  pos = 0;

  /** The low `n` bits of `value` (n ≤ 30), least significant first. */
  put(value: number, n: number): void {
    let pos = this.pos;
    const out = this.out;
    while (n > 0) {
      const off = pos & 7;
      const take = 8 - off < n ? 8 - off : n;
      const chunk = (value & ((1 << take) - 1)) << off;
      // A byte's first bits overwrite it: the buffer is reused without clearing.
      if (off === 0) out[pos >>> 3] = chunk;
      else out[pos >>> 3] |= chunk;
      value >>>= take;
      n -= take;
      pos += take;
    }
    this.pos = pos;
  }

  /** Exp-Golomb of order k: zeros, the quotient + 1 most significant bit first, the k low bits. */
  expGolomb(value: number, k: number): void {
    const scale = 2 ** k;
    const q = Math.floor(value / scale) + 1;
    const len = 32 - Math.clz32(q);
    let reversed = 0;
    for (let i = 0; i < len; i++) reversed |= ((q >>> i) & 1) << (len - 1 - i);
    if (len > 1) this.put(0, len - 1);
    this.put(reversed, len);
    if (k > 0) this.put(value % scale, k);
  }
}

const packer = new BitPacker();

/**
 * Write an Input message into `out` from offset 0; returns its length in
 * bytes. `frames` holds `count` frames of `coder.fieldCount` values, oldest
 * first; `base` (from `baseOffset`) the frame before the first, or null for
 * the zero frame; `ackIndex` −1 when no snapshot is acknowledged.
 */
export function writeInputMessage(
  out: Uint8Array,
  coder: InputCoder,
  seq: number,
  frames: Int32Array,
  count: number,
  base: Int32Array | null,
  baseOffset: number,
  ackIndex: number,
  viewLag: number,
): number {
  if (count < 1 || count > MAX_FRAMES_PER_INPUT) throw new RangeError(`Input: count ${count} outside 1..${MAX_FRAMES_PER_INPUT}`);
  const w = packer;
  w.out = out;
  w.pos = 0;
  w.put(Opcode.Input, 8);
  w.put(seq % SEQ_MOD, INPUT_SEQ_BITS);
  w.expGolomb(count - 1, COUNT_ORDER);
  w.put(base ? 0 : 1, 1);
  if (ackIndex >= 0) {
    w.put(1, 1);
    w.put(ackIndex % ACK_MOD, INPUT_ACK_BITS);
    w.expGolomb(Math.min(MAX_VIEW_LAG, Math.max(0, viewLag)), VIEW_LAG_ORDER);
  } else {
    w.put(0, 1);
  }
  const f = coder.fieldCount;
  const kinds = coder.kinds;
  for (let i = 0; i < count; i++) {
    const at = i * f;
    let same = true;
    for (let k = 0; k < f; k++) {
      if (frames[at + k] !== predict(coder, k, frames, base, baseOffset, i, f)) {
        same = false;
        break;
      }
    }
    w.put(same ? 1 : 0, 1);
    if (same) continue;
    for (let k = 0; k < f; k++) {
      const from = predict(coder, k, frames, base, baseOffset, i, f);
      const to = frames[at + k];
      if (to === from) {
        w.put(0, 1);
        continue;
      }
      w.put(1, 1);
      if (kinds[k] === 0) {
        const prev = i === 0 ? (base ? base[baseOffset + k] : 0) : frames[at - f + k];
        w.put((to ^ prev) >>> 0, coder.bits[k]);
      } else {
        const d = shortDelta(coder.wraps[k], from, to);
        w.expGolomb(d >= 0 ? d * 2 : -d * 2 - 1, coder.orders[k]);
      }
    }
  }
  // The padding bits of the last byte are zero: put() wrote that byte from its first bit.
  return (w.pos + 7) >>> 3;
}

/** inputCodec.ts' predict: flags from the previous frame; numbers by linear extrapolation (clamped or wrapped). */
function predict(coder: InputCoder, k: number, frames: Int32Array, base: Int32Array | null, baseOffset: number, i: number, f: number): number {
  const prev = i === 0 ? (base ? base[baseOffset + k] : 0) : frames[(i - 1) * f + k];
  if (coder.kinds[k] === 0 || i === 0 || (i === 1 && !base)) return prev;
  const prev2 = i === 1 ? base![baseOffset + k] : frames[(i - 2) * f + k];
  const p = 2 * prev - prev2;
  const wrap = coder.wraps[k];
  if (wrap !== 0) return ((p % wrap) + wrap) % wrap;
  return p < coder.mins[k] ? coder.mins[k] : p > coder.maxs[k] ? coder.maxs[k] : p;
}

function shortDelta(wrap: number, from: number, to: number): number {
  const d = to - from;
  if (wrap === 0) return d;
  let m = ((d % wrap) + wrap) % wrap;
  if (m >= wrap / 2) m -= wrap;
  return m;
}
