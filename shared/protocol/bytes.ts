/**
 * Little-endian byte writer and reader with LEB128 varints and zigzag signed
 * varints. Browser-safe: Uint8Array and DataView only, never Node's Buffer.
 */

/** Thrown by ByteReader on overrun; decoders catch it and return a DecodeError. */
export class ByteReadError extends Error {}

export class ByteWriter {
  private buf: Uint8Array;
  private view: DataView;
  /** Bytes written so far. */
  length = 0;

  constructor(initialCapacity = 1024) {
    this.buf = new Uint8Array(initialCapacity);
    this.view = new DataView(this.buf.buffer);
  }

  reset(): this {
    this.length = 0;
    return this;
  }

  private ensure(extra: number): void {
    const need = this.length + extra;
    if (need <= this.buf.length) return;
    // At least 16: doubling a zero-capacity buffer (new ByteWriter(0)) would loop forever.
    let cap = Math.max(16, this.buf.length * 2);
    while (cap < need) cap *= 2;
    const next = new Uint8Array(cap);
    next.set(this.buf.subarray(0, this.length));
    this.buf = next;
    this.view = new DataView(next.buffer);
  }

  u8(value: number): this {
    this.ensure(1);
    this.buf[this.length++] = value;
    return this;
  }

  u32(value: number): this {
    this.ensure(4);
    this.view.setUint32(this.length, value, true);
    this.length += 4;
    return this;
  }

  /** Overwrite a u32 already written at `offset` (per-client headers). */
  setU32(offset: number, value: number): void {
    this.view.setUint32(offset, value, true);
  }

  /** Unsigned LEB128, 0 ≤ value ≤ 2^32-1. */
  varuint(value: number): this {
    this.ensure(5);
    let v = value >>> 0;
    while (v >= 0x80) {
      this.buf[this.length++] = (v & 0x7f) | 0x80;
      v >>>= 7;
    }
    this.buf[this.length++] = v;
    return this;
  }

  /** Zigzag-encoded signed LEB128 for int32 values. */
  varint(value: number): this {
    return this.varuint(((value << 1) ^ (value >> 31)) >>> 0);
  }

  bytes(src: Uint8Array): this {
    this.ensure(src.length);
    this.buf.set(src, this.length);
    this.length += src.length;
    return this;
  }

  /** A view of the written bytes; valid until the next write or reset. */
  written(): Uint8Array {
    return this.buf.subarray(0, this.length);
  }

  /** A copy of the written bytes that owns its memory. */
  toBytes(): Uint8Array {
    return this.buf.slice(0, this.length);
  }
}

export class ByteReader {
  pos: number;
  private readonly view: DataView;

  constructor(
    private readonly buf: Uint8Array,
    start = 0,
  ) {
    this.pos = start;
    this.view = new DataView(buf.buffer, buf.byteOffset, buf.byteLength);
  }

  get remaining(): number {
    return this.buf.length - this.pos;
  }

  u8(): number {
    if (this.pos >= this.buf.length) throw new ByteReadError('truncated u8');
    return this.buf[this.pos++];
  }

  u32(): number {
    if (this.pos + 4 > this.buf.length) throw new ByteReadError('truncated u32');
    const v = this.view.getUint32(this.pos, true);
    this.pos += 4;
    return v;
  }

  varuint(): number {
    let result = 0;
    let shift = 0;
    for (let i = 0; i < 5; i++) {
      if (this.pos >= this.buf.length) throw new ByteReadError('truncated varint');
      const b = this.buf[this.pos++];
      result += (b & 0x7f) * 2 ** shift;
      if (b < 0x80) {
        if (result > 0xffffffff) throw new ByteReadError('varint exceeds 32 bits');
        return result;
      }
      shift += 7;
    }
    throw new ByteReadError('varint longer than 5 bytes');
  }

  varint(): number {
    const z = this.varuint();
    return (z >>> 1) ^ -(z & 1);
  }
}
