/**
 * Quantization and wrapping field arithmetic: the rules PROTOCOL.md §9.2 and
 * §11 state for every schema field.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  applyFieldDelta,
  dequantize,
  EntityLayout,
  entitySchemaProblems,
  fieldDelta,
  fieldIndex,
  MAX_SCHEMA_FIELDS,
  quantize,
  type EntitySchema,
  type FieldSpec,
} from './entitySchema';

const pos: FieldSpec = { name: 'x', scale: 8, min: 0, max: 12_800 };
const vel: FieldSpec = { name: 'vx', scale: 1, min: -1024, max: 1024 };
const aim: FieldSpec = { name: 'aim', scale: 1, min: 0, max: 1023, wrap: 1024 };
const radians: FieldSpec = { name: 'angle', scale: 1024 / (2 * Math.PI), min: 0, max: 1023, wrap: 1024 };

describe('quantize / dequantize', () => {
  it('rounds to the 1/scale grid', () => {
    expect(quantize(pos, 100)).toBe(800);
    expect(quantize(pos, 100.06)).toBe(800);
    expect(quantize(pos, 100.07)).toBe(801);
    expect(dequantize(pos, 801)).toBe(100.125);
  });

  it('clamps into [min, max]', () => {
    expect(quantize(pos, -5)).toBe(0);
    expect(quantize(pos, 1e9)).toBe(12_800);
    expect(quantize(vel, -5000)).toBe(-1024);
  });

  it('maps non-finite values to 0 (then clamps)', () => {
    expect(quantize(vel, NaN)).toBe(0);
    expect(quantize(vel, Infinity)).toBe(0);
    expect(quantize({ name: 'hp', scale: 1, min: 1, max: 100 }, NaN)).toBe(1);
  });

  it('wraps instead of clamping for wrapping fields, negatives included', () => {
    expect(quantize(aim, 1024)).toBe(0);
    expect(quantize(aim, 1030)).toBe(6);
    expect(quantize(aim, -1)).toBe(1023);
    expect(quantize(aim, -2049)).toBe(1023);
    expect(quantize(radians, Math.PI)).toBe(512);
    expect(quantize(radians, -Math.PI / 2)).toBe(768);
  });

  it('a -0 from rounding is harmless: tables store int32, where -0 is 0', () => {
    const stored = new Int32Array(1);
    stored[0] = quantize(vel, -0.1);
    expect(Object.is(stored[0], 0)).toBe(true);
  });
});

describe('fieldDelta / applyFieldDelta', () => {
  it('is the plain difference for non-wrapping fields', () => {
    expect(fieldDelta(vel, -1024, 1024)).toBe(2048);
    expect(applyFieldDelta(vel, 1024, -2048)).toBe(-1024);
  });

  it('takes the short way round a wrapping field, in [-wrap/2, wrap/2)', () => {
    expect(fieldDelta(aim, 1020, 3)).toBe(7);
    expect(fieldDelta(aim, 3, 1020)).toBe(-7);
    expect(fieldDelta(aim, 0, 512)).toBe(-512); // exactly half a turn: the negative representative
    expect(fieldDelta(aim, 0, 511)).toBe(511);
    expect(applyFieldDelta(aim, 1020, 7)).toBe(3);
    expect(applyFieldDelta(aim, 3, -7)).toBe(1020);
  });

  it('apply(from, delta(from, to)) = to for every pair in range (property)', () => {
    const pairs = (f: FieldSpec) => fc.tuple(fc.integer({ min: f.min, max: f.max }), fc.integer({ min: f.min, max: f.max }));
    for (const f of [pos, vel, aim]) {
      fc.assert(
        fc.property(pairs(f), ([from, to]) => {
          const d = fieldDelta(f, from, to);
          expect(applyFieldDelta(f, from, d)).toBe(to);
          if (f.wrap !== undefined) expect(Math.abs(d)).toBeLessThanOrEqual(f.wrap / 2);
        }),
        { seed: 8, numRuns: 1000 },
      );
    }
  });
});

describe('fieldIndex', () => {
  it('finds a field by name and throws, naming it, when missing', () => {
    const fields = [pos, vel, aim];
    expect(fieldIndex(fields, 'aim')).toBe(2);
    expect(() => fieldIndex(fields, 'z')).toThrow(/"z"/);
  });
});

describe('EntityLayout', () => {
  const ship = { kind: 1, name: 'ship', fields: [pos, vel, aim] };
  const rock = { kind: 200, name: 'rock', fields: [pos] };

  it('indexes fields by kind byte; the row stride is the widest kind', () => {
    const layout = new EntityLayout({ kinds: [rock, ship] });
    expect(layout.stride).toBe(3);
    expect(layout.fields(1)).toBe(ship.fields);
    expect(layout.fieldCount(200)).toBe(1);
    expect(layout.fields(0)).toBeUndefined();
    expect(layout.fields(2)).toBeUndefined();
    expect(layout.fieldCount(255)).toBe(0);
  });

  it('lists every problem of a schema at once', () => {
    const field = (name: string, extra: Partial<FieldSpec> = {}): FieldSpec => ({ name, scale: 1, min: 0, max: 10, ...extra });
    const bad: EntitySchema = {
      kinds: [
        { kind: 0, name: 'zero', fields: [field('a')] },
        { kind: 256, name: 'big', fields: [field('a')] },
        { kind: 1.5, name: 'fraction', fields: [field('a')] },
        { kind: 3, name: 'first', fields: [field('a'), field('a')] },
        { kind: 3, name: 'again', fields: [field('b')] },
        { kind: 6, name: 'empty', fields: [] },
        { kind: 4, name: 'wide', fields: Array.from({ length: MAX_SCHEMA_FIELDS + 1 }, (_, i) => field(`f${i}`)) },
        {
          kind: 5,
          name: 'fields',
          fields: [
            field('noScale', { scale: 0 }),
            field('nanScale', { scale: NaN }),
            field('infScale', { scale: Infinity }),
            field('inverted', { min: 5, max: 4 }),
            field('fractional', { min: 0.5 }),
            field('huge', { max: 2 ** 31 }),
            field('badWrap', { min: 0, max: 10, wrap: 64 }),
            field('offsetWrap', { min: 1, max: 64, wrap: 64 }),
          ],
        },
      ],
    };
    const problems = entitySchemaProblems(bad);
    const expected = [
      /kind 0 \(zero\): kind must be 1..255/,
      /kind 256 \(big\): kind must be 1..255/,
      /kind 1.5 \(fraction\): kind must be 1..255/,
      /kind 3 \(first\): field "a" twice/,
      /kind 3 \(again\): declared twice/,
      /kind 6 \(empty\): no fields/,
      /kind 4 \(wide\): more than 30 fields/,
      /fields\)\.noScale: scale must be > 0/,
      /fields\)\.nanScale: scale must be > 0/,
      /fields\)\.infScale: scale must be > 0/,
      /fields\)\.inverted: min\/max must be integers, min ≤ max/,
      /fields\)\.fractional: min\/max must be integers/,
      /fields\)\.huge: bounds must fit int32/,
      /fields\)\.badWrap: a wrapping field spans 0..wrap-1/,
      /fields\)\.offsetWrap: a wrapping field spans 0..wrap-1/,
    ];
    for (const re of expected) expect(problems.some((p) => re.test(p)), `${re} in ${problems.join(' | ')}`).toBe(true);
    expect(problems).toHaveLength(expected.length);
    expect(entitySchemaProblems({ kinds: [] })).toEqual(['no entity kinds']);
    expect(entitySchemaProblems({ kinds: [ship, rock] })).toEqual([]);
  });

  it('refuses to compile a bad schema, naming every problem', () => {
    expect(() => new EntityLayout({ kinds: [] })).toThrow(/EntitySchema: no entity kinds/);
    expect(() => new EntityLayout({ kinds: [ship, { ...rock, kind: 1 }] })).toThrow(/kind 1 \(rock\): declared twice/);
    const twoProblems = { kinds: [{ kind: 9, name: 'k', fields: [{ ...pos, scale: -1 }, { ...pos, min: 9, max: 8 }] }] };
    expect(() => new EntityLayout(twoProblems)).toThrow(/scale must be > 0; .*min ≤ max/);
  });
});
