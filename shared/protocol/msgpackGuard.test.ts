/**
 * msgpackGuard: the structural pre-check that runs before msgpackr. Unit cases
 * for every type byte family, depth and length rules, and a property: whatever
 * the guard accepts, msgpackr decodes without throwing.
 */
import fc from 'fast-check';
import { Packr, Unpackr } from 'msgpackr';
import { describe, expect, it } from 'vitest';
import { checkMsgpack } from './msgpackGuard';

const packr = new Packr({ useRecords: false, variableMapSize: true });
const unpackr = new Unpackr({ useRecords: false, structuredClone: false, int64AsType: 'number', mapsAsObjects: true, moreTypes: false });
const b = (...x: number[]): Uint8Array => Uint8Array.from(x);
const check = (bytes: Uint8Array, maxDepth = 4): string | null => checkMsgpack(bytes, 0, maxDepth);

describe('checkMsgpack accepts', () => {
  it.each([
    ['nil', [0xc0]],
    ['false', [0xc2]],
    ['true', [0xc3]],
    ['positive fixint', [0x7f]],
    ['negative fixint', [0xe0]],
    ['uint8', [0xcc, 0xff]],
    ['uint16', [0xcd, 0xff, 0xff]],
    ['uint32', [0xce, 0xff, 0xff, 0xff, 0xff]],
    ['uint64', [0xcf, 0, 0, 0, 0, 0, 0, 0, 1]],
    ['int8', [0xd0, 0x80]],
    ['int16', [0xd1, 0x80, 0x00]],
    ['int32', [0xd2, 0x80, 0, 0, 0]],
    ['int64', [0xd3, 0x80, 0, 0, 0, 0, 0, 0, 0]],
    ['float32', [0xca, 0x3f, 0x80, 0, 0]],
    ['float64', [0xcb, 0x3f, 0xf0, 0, 0, 0, 0, 0, 0]],
    ['empty fixstr', [0xa0]],
    ['fixstr', [0xa2, 0x68, 0x69]],
    ['str8', [0xd9, 0x02, 0x68, 0x69]],
    ['str16', [0xda, 0x00, 0x02, 0x68, 0x69]],
    ['str32', [0xdb, 0, 0, 0, 0x02, 0x68, 0x69]],
    ['empty fixarray', [0x90]],
    ['fixarray', [0x92, 0x01, 0xc0]],
    ['array16', [0xdc, 0x00, 0x01, 0x01]],
    ['array32', [0xdd, 0, 0, 0, 0x01, 0x01]],
    ['empty fixmap', [0x80]],
    ['fixmap', [0x81, 0xa1, 0x61, 0x01]],
    ['map16', [0xde, 0x00, 0x01, 0xa1, 0x61, 0x01]],
    ['map32', [0xdf, 0, 0, 0, 0x01, 0xa1, 0x61, 0x01]],
    ['str8 map key', [0x81, 0xd9, 0x01, 0x61, 0x01]],
    ['"__proto__" as a value', [0x81, 0xa1, 0x61, 0xa9, 0x5f, 0x5f, 0x70, 0x72, 0x6f, 0x74, 0x6f, 0x5f, 0x5f]],
    ['"__proto_x" as a key', [0x81, 0xa9, 0x5f, 0x5f, 0x70, 0x72, 0x6f, 0x74, 0x6f, 0x5f, 0x78, 0x01]],
    ['an 8-char prefix of "__proto__" as a key', [0x81, 0xa8, 0x5f, 0x5f, 0x70, 0x72, 0x6f, 0x74, 0x6f, 0x5f, 0x01]],
  ])('%s', (_name, bytes) => {
    expect(check(Uint8Array.from(bytes))).toBeNull();
  });

  it('starts at the given offset (the opcode byte is not msgpack)', () => {
    expect(checkMsgpack(b(0x02, 0x91, 0x01), 1, 4)).toBeNull();
    expect(checkMsgpack(b(0xc1, 0xc0), 1, 4)).toBeNull();
    expect(checkMsgpack(b(0x02, 0x91, 0x01), 0, 4)).toMatch(/trailing/);
  });

  it('accepts what msgpackr packs for plain JSON-like values', () => {
    const value = { a: [1, -1, 300, -300, 70000, 2 ** 40, 1.5, 'x'.repeat(40), 'y'.repeat(300)], b: { c: null, d: true } };
    expect(check(packr.pack(value))).toBeNull();
  });
});

describe('checkMsgpack rejects', () => {
  it.each([
    ['0xc1 (never used)', [0xc1], /0xc1/],
    ['bin8', [0xc4, 0x01, 0x00], /0xc4/],
    ['bin16', [0xc5, 0x00, 0x01, 0x00], /0xc5/],
    ['bin32', [0xc6, 0, 0, 0, 0x01, 0x00], /0xc6/],
    ['ext8', [0xc7, 0x01, 0x01, 0x00], /0xc7/],
    ['ext16', [0xc8, 0x00, 0x01, 0x01, 0x00], /0xc8/],
    ['ext32', [0xc9, 0, 0, 0, 0x01, 0x01, 0x00], /0xc9/],
    ['fixext1', [0xd4, 0x00, 0x00], /0xd4/],
    ['fixext2', [0xd5, 0x00, 0x00, 0x00], /0xd5/],
    ['fixext4', [0xd6, 0xff, 0, 0, 0, 0], /0xd6/],
    ['fixext8', [0xd7, 0xff, 0, 0, 0, 0, 0, 0, 0, 0], /0xd7/],
    ['fixext16', [0xd8, 0x01, ...new Array<number>(16).fill(0)], /0xd8/],
    ['an extension inside an array', [0x92, 0x01, 0xd4, 0x00, 0x00], /0xd4/],
    ['an extension as a map value', [0x81, 0xa1, 0x61, 0xc7, 0x00, 0x01], /0xc7/],
    ['an integer map key', [0x81, 0x01, 0x01], /key is not a string/],
    ['a nil map key', [0x81, 0xc0, 0x01], /key is not a string/],
    ['an array map key', [0x81, 0x90, 0x01], /key is not a string/],
    ['a map map key', [0x81, 0x80, 0x01], /key is not a string/],
    ['"__proto__" key (fixstr)', [0x81, 0xa9, 0x5f, 0x5f, 0x70, 0x72, 0x6f, 0x74, 0x6f, 0x5f, 0x5f, 0x80], /__proto__/],
    ['"__proto__" key (str8)', [0x81, 0xd9, 0x09, 0x5f, 0x5f, 0x70, 0x72, 0x6f, 0x74, 0x6f, 0x5f, 0x5f, 0x80], /__proto__/],
    ['"__proto__" key (str16)', [0x81, 0xda, 0x00, 0x09, 0x5f, 0x5f, 0x70, 0x72, 0x6f, 0x74, 0x6f, 0x5f, 0x5f, 0x80], /__proto__/],
    ['"__proto__" as the second key', [0x82, 0xa1, 0x61, 0x01, 0xa9, 0x5f, 0x5f, 0x70, 0x72, 0x6f, 0x74, 0x6f, 0x5f, 0x5f, 0x80], /__proto__/],
    ['array32 of 2^32-1', [0xdd, 0xff, 0xff, 0xff, 0xff], /exceeds frame/],
    ['map32 of 2^32-1', [0xdf, 0xff, 0xff, 0xff, 0xff], /exceeds frame/],
    ['str32 of 2^32-1', [0xdb, 0xff, 0xff, 0xff, 0xff], /exceeds frame/],
    ['map16 of 1 pair with one byte left', [0xde, 0x00, 0x01, 0xa0], /exceeds frame/],
    ['fixstr longer than the rest', [0xa5, 0x61], /exceeds frame/],
    ['truncated uint32', [0xce, 0x01, 0x02], /truncated/],
    ['truncated float64', [0xcb, 0x3f, 0xf0], /truncated/],
    ['truncated str16 header', [0xda, 0x00], /truncated/],
    ['truncated array32 header', [0xdd, 0x00, 0x00], /truncated/],
    ['an array missing its last item', [0x92, 0x01], /exceeds frame/],
    ['a nested array missing its last item', [0x92, 0x91, 0x01], /truncated/],
    ['a map missing its value', [0x81, 0xa1, 0x61], /truncated/],
    ['trailing bytes', [0x01, 0x02], /trailing/],
    ['two top-level values', [0x80, 0x80], /trailing/],
    ['nothing at all', [], /truncated/],
  ])('%s', (_name, bytes, reason) => {
    expect(check(Uint8Array.from(bytes))).toMatch(reason);
  });
});

describe('checkMsgpack nesting cap', () => {
  const nestedArrays = (depth: number) => Uint8Array.from([...new Array<number>(depth).fill(0x91), 0x01]);
  const nestedMaps = (depth: number) => {
    const out: number[] = [];
    for (let i = 0; i < depth; i++) out.push(0x81, 0xa1, 0x6b);
    out.push(0x01);
    return Uint8Array.from(out);
  };

  it.each([0, 1, 2, 4, 8])('allows exactly maxDepth=%i nested containers and no more', (maxDepth) => {
    for (const nested of [nestedArrays, nestedMaps]) {
      expect(check(nested(maxDepth), maxDepth)).toBeNull();
      expect(check(nested(maxDepth + 1), maxDepth)).toMatch(/nesting deeper/);
    }
  });

  it('counts depth, not containers: many siblings at depth 2 are fine', () => {
    const siblings = Uint8Array.from([0xdc, 0x01, 0x00, ...new Array<number>(256).fill(0x90)]);
    expect(check(siblings, 2)).toBeNull();
  });

  it('walks 100,000 nested arrays iteratively (no stack overflow) and refuses them', () => {
    expect(check(nestedArrays(100_000), 4)).toMatch(/nesting deeper/);
    expect(check(nestedArrays(100_000), 200_000)).toBeNull();
  });
});

describe('checkMsgpack properties', () => {
  const json = fc.letrec((tie) => ({
    value: fc.oneof(
      { depthSize: 'small', withCrossShrink: true },
      fc.constant(null),
      fc.boolean(),
      fc.integer({ min: -(2 ** 31), max: 2 ** 32 - 1 }),
      fc.double({ noNaN: true }),
      fc.string({ maxLength: 40 }),
      fc.array(tie('value'), { maxLength: 5 }),
      fc.dictionary(fc.string({ maxLength: 10 }).filter((k) => k !== '__proto__'), tie('value'), { maxKeys: 5 }),
    ),
  })).value;

  it('accepts everything msgpackr packs from JSON-like values (no depth cap), and every strict prefix is refused', () => {
    fc.assert(
      fc.property(json, (value) => {
        const bytes = packr.pack(value);
        expect(check(bytes, 1000)).toBeNull();
        for (let n = 0; n < bytes.length; n++) expect(check(bytes.subarray(0, n), 1000)).not.toBeNull();
      }),
      { seed: 0x5eed, numRuns: 300 },
    );
  });

  it('whatever the guard accepts, msgpackr decodes without throwing and consumes exactly', () => {
    let accepted = 0;
    fc.assert(
      fc.property(fc.uint8Array({ minLength: 0, maxLength: 24 }), (bytes) => {
        if (check(bytes) !== null) return;
        accepted++;
        expect(() => unpackr.unpack(bytes)).not.toThrow();
      }),
      { seed: 42, numRuns: 20_000 },
    );
    // The property is only meaningful if random bytes sometimes pass.
    expect(accepted).toBeGreaterThan(500);
  });

  it('never throws on random bytes, with any start offset and depth', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 64 }), fc.nat(70), fc.nat(6), (bytes, start, depth) => {
        expect(() => checkMsgpack(bytes, Math.min(start, bytes.length), depth)).not.toThrow();
      }),
      { seed: 7, numRuns: 5_000 },
    );
  });
});
