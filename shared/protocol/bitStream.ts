/**
 * Bit-level writer and reader for the compact Input encoding. Bits are packed
 * least significant first within each byte (bit 0 of byte 0 is the first bit
 * written); a field of n bits is written least significant bit first. The
 * last byte is padded with zero bits, and a reader can check that padding.
 *
 * Exp-Golomb codes of order k (EGk) carry small non-negative integers in few
 * bits: value v is written as the Elias-gamma code of (v >> k) + 1 — z zero
 * bits, then the z+1 significant bits of (v >> k) + 1, most significant
 * first — followed by the k low bits of v. EG0 of 0 is the single bit 1.
 * Signed values are zigzag-mapped first (0, −1, 1, −2 … → 0, 1, 2, 3 …).
 */

export class BitReadError extends Error {}

export class BitWriter {
  private buf: Uint8Array;
  private bitLength = 0;

  constructor(capacityBytes = 64) {
    this.buf = new Uint8Array(capacityBytes);
  }

  reset(): this {
    this.buf.fill(0, 0, (this.bitLength + 7) >>> 3);
    this.bitLength = 0;
    return this;
  }

  get lengthBits(): number {
    return this.bitLength;
  }

  /** Append the low `n` bits of `value` (0 ≤ n ≤ 30), least significant first. */
  bits(value: number, n: number): this {
    for (let i = 0; i < n; i++) this.bit((value >>> i) & 1);
    return this;
  }

  bit(b: number): this {
    const byte = this.bitLength >>> 3;
    if (byte >= this.buf.length) this.grow();
    if (b) this.buf[byte] |= 1 << (this.bitLength & 7);
    this.bitLength++;
    return this;
  }

  /** Exp-Golomb of order k of a non-negative integer < 2^31. */
  expGolomb(value: number, k: number): this {
    const q = Math.floor(value / 2 ** k) + 1;
    const len = 32 - Math.clz32(q);
    for (let i = 1; i < len; i++) this.bit(0);
    for (let i = len - 1; i >= 0; i--) this.bit((q >>> i) & 1);
    return this.bits(value % 2 ** k, k);
  }

  signedExpGolomb(value: number, k: number): this {
    return this.expGolomb(zigzag(value), k);
  }

  /** The bytes written so far (padding bits are 0). A copy. */
  toBytes(): Uint8Array {
    return this.buf.slice(0, (this.bitLength + 7) >>> 3);
  }

  private grow(): void {
    const next = new Uint8Array(this.buf.length * 2);
    next.set(this.buf);
    this.buf = next;
  }
}

export class BitReader {
  private pos = 0;
  private endBit = 0;
  private bytes: Uint8Array = new Uint8Array(0);

  /** Read `bytes` from byte `start` to its end. */
  constructor(bytes?: Uint8Array, start = 0) {
    if (bytes) this.reset(bytes, start);
  }

  /** Read other bytes (decoders keep one reader: no allocation per message). */
  reset(bytes: Uint8Array, start = 0): this {
    this.bytes = bytes;
    this.pos = start * 8;
    this.endBit = bytes.length * 8;
    return this;
  }

  get remainingBits(): number {
    return this.endBit - this.pos;
  }

  bit(): number {
    if (this.pos >= this.endBit) throw new BitReadError('truncated');
    const b = (this.bytes[this.pos >>> 3] >>> (this.pos & 7)) & 1;
    this.pos++;
    return b;
  }

  /** The next `n` bits (0 ≤ n ≤ 30), least significant first: a byte-sized chunk at a time. */
  bits(n: number): number {
    if (this.pos + n > this.endBit) throw new BitReadError('truncated');
    let v = 0;
    let got = 0;
    while (got < n) {
      const off = this.pos & 7;
      const take = Math.min(8 - off, n - got);
      v |= ((this.bytes[this.pos >>> 3] >>> off) & ((1 << take) - 1)) << got;
      got += take;
      this.pos += take;
    }
    return v >>> 0;
  }

  /** Exp-Golomb of order k; refuses codes longer than `maxPrefix` zeros (values ≥ 2^maxPrefix × 2^k). */
  expGolomb(k: number, maxPrefix = 24): number {
    let zeros = 0;
    while (this.bit() === 0) {
      if (++zeros > maxPrefix) throw new BitReadError('exp-Golomb prefix too long');
    }
    let q = 1;
    for (let i = 0; i < zeros; i++) q = q * 2 + this.bit();
    return (q - 1) * 2 ** k + this.bits(k);
  }

  signedExpGolomb(k: number, maxPrefix = 24): number {
    return unzigzag(this.expGolomb(k, maxPrefix));
  }

  /** True when only zero padding bits (fewer than 8) remain. */
  atPaddedEnd(): boolean {
    if (this.endBit - this.pos >= 8) return false;
    while (this.pos < this.endBit) if (this.bit() !== 0) return false;
    return true;
  }
}

export function zigzag(v: number): number {
  return v >= 0 ? v * 2 : -v * 2 - 1;
}

export function unzigzag(z: number): number {
  return z % 2 === 0 ? z / 2 : -(z + 1) / 2;
}
