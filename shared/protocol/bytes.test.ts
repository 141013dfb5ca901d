/**
 * ByteWriter / ByteReader: LEB128 and zigzag edge values, growth, overruns.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ByteReadError, ByteReader, ByteWriter } from './bytes';

const written = (write: (w: ByteWriter) => void): number[] => {
  const w = new ByteWriter(4);
  write(w);
  return [...w.toBytes()];
};

describe('ByteWriter', () => {
  it.each([
    [0, [0x00]],
    [1, [0x01]],
    [127, [0x7f]],
    [128, [0x80, 0x01]],
    [300, [0xac, 0x02]],
    [16_383, [0xff, 0x7f]],
    [16_384, [0x80, 0x80, 0x01]],
    [0xffffffff, [0xff, 0xff, 0xff, 0xff, 0x0f]],
  ])('varuint %i', (value, bytes) => {
    expect(written((w) => w.varuint(value))).toEqual(bytes);
  });

  it.each([
    [0, [0x00]],
    [-1, [0x01]],
    [1, [0x02]],
    [-2, [0x03]],
    [63, [0x7e]],
    [-64, [0x7f]],
    [64, [0x80, 0x01]],
    [2_147_483_647, [0xfe, 0xff, 0xff, 0xff, 0x0f]],
    [-2_147_483_648, [0xff, 0xff, 0xff, 0xff, 0x0f]],
  ])('zigzag varint %i', (value, bytes) => {
    expect(written((w) => w.varint(value))).toEqual(bytes);
  });

  it('u32 is little-endian, and setU32 patches in place', () => {
    const w = new ByteWriter(2);
    w.u8(0xaa).u32(0x01020304).u8(0xbb);
    w.setU32(1, 0xdeadbeef);
    expect([...w.written()]).toEqual([0xaa, 0xef, 0xbe, 0xad, 0xde, 0xbb]);
  });

  it('grows from any initial capacity, including 0', () => {
    for (const capacity of [0, 1, 3, 1024]) {
      const w = new ByteWriter(capacity);
      for (let i = 0; i < 5000; i++) w.u8(i & 0xff);
      w.bytes(new Uint8Array(10_000).fill(7));
      expect(w.length).toBe(15_000);
      expect(w.written()[4999]).toBe(4999 & 0xff);
      expect(w.written()[14_999]).toBe(7);
    }
  });

  it('reset() rewinds; toBytes() copies, written() views', () => {
    const w = new ByteWriter(8).u8(1).u8(2);
    const copy = w.toBytes();
    const view = w.written();
    w.reset().u8(9);
    expect([...copy]).toEqual([1, 2]);
    expect(view[0]).toBe(9);
    expect(w.length).toBe(1);
  });
});

describe('ByteReader', () => {
  it('round-trips every varuint and varint through the writer', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.nat({ max: 0xffffffff }), fc.integer({ min: -(2 ** 31), max: 2 ** 31 - 1 }))), (pairs) => {
        const w = new ByteWriter(1);
        for (const [u, s] of pairs) w.varuint(u).varint(s);
        const r = new ByteReader(w.written());
        for (const [u, s] of pairs) {
          expect(r.varuint()).toBe(u);
          expect(r.varint()).toBe(s);
        }
        expect(r.remaining).toBe(0);
      }),
      { seed: 31, numRuns: 500 },
    );
  });

  it('reads at an offset into a view of a larger buffer', () => {
    const backing = new Uint8Array([9, 9, 0x04, 0x03, 0x02, 0x01, 0xac, 0x02, 9]);
    const r = new ByteReader(backing.subarray(2, 8));
    expect(r.u32()).toBe(0x01020304);
    expect(r.varuint()).toBe(300);
    expect(r.remaining).toBe(0);
    expect(() => r.u8()).toThrow(ByteReadError);
  });

  it.each([
    ['u8 past the end', [], (r: ByteReader) => r.u8(), /truncated u8/],
    ['u32 with 3 bytes', [1, 2, 3], (r: ByteReader) => r.u32(), /truncated u32/],
    ['varuint with a continuation bit and no next byte', [0x80], (r: ByteReader) => r.varuint(), /truncated varint/],
    ['varuint of 6 bytes', [0x80, 0x80, 0x80, 0x80, 0x80, 0x00], (r: ByteReader) => r.varuint(), /longer than 5/],
    ['varuint of 2^32', [0x80, 0x80, 0x80, 0x80, 0x10], (r: ByteReader) => r.varuint(), /exceeds 32 bits/],
    ['varuint with a 5th byte of 0x7f', [0xff, 0xff, 0xff, 0xff, 0x7f], (r: ByteReader) => r.varuint(), /exceeds 32 bits/],
  ] as const)('throws ByteReadError: %s', (_name, bytes, read, reason) => {
    const r = new ByteReader(Uint8Array.from(bytes));
    expect(() => read(r)).toThrow(ByteReadError);
    expect(() => read(new ByteReader(Uint8Array.from(bytes)))).toThrow(reason);
  });

  it('accepts over-long (non-minimal) encodings up to 5 bytes', () => {
    expect(new ByteReader(Uint8Array.from([0x81, 0x80, 0x80, 0x80, 0x00])).varuint()).toBe(1);
    expect(new ByteReader(Uint8Array.from([0x80, 0x00])).varint()).toBe(0);
  });
});
