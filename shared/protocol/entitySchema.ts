/**
 * How a game's entities look on the wire: an ordered list of integer fields,
 * each with a quantization. A game (shared/game/*) declares its schema; the
 * snapshot codec is generic over it.
 */
export interface FieldSpec {
  readonly name: string;
  /** Wire value = round(real value × scale). Precision is 1/scale units. */
  readonly scale: number;
  /** Quantized bounds (inclusive). Values are clamped into them. */
  readonly min: number;
  readonly max: number;
  /** For angles: quantized values wrap modulo this (deltas take the short way). */
  readonly wrap?: number;
}

export interface EntitySchema {
  readonly fields: readonly FieldSpec[];
}

/** Most fields a schema may have: the changed-field mask is a 30-bit varint. */
export const MAX_SCHEMA_FIELDS = 30;

export function fieldIndex(schema: EntitySchema, name: string): number {
  const i = schema.fields.findIndex((f) => f.name === name);
  if (i < 0) throw new Error(`EntitySchema has no field "${name}"`);
  return i;
}

export function quantize(spec: FieldSpec, value: number): number {
  let q = Math.round(value * spec.scale);
  if (!Number.isFinite(q)) q = 0;
  if (spec.wrap !== undefined) return ((q % spec.wrap) + spec.wrap) % spec.wrap;
  return q < spec.min ? spec.min : q > spec.max ? spec.max : q;
}

export function dequantize(spec: FieldSpec, q: number): number {
  return q / spec.scale;
}

/** The wire delta from `from` to `to`: the short way round for wrapping fields. */
export function fieldDelta(spec: FieldSpec, from: number, to: number): number {
  const d = to - from;
  if (spec.wrap === undefined) return d;
  const w = spec.wrap;
  let m = ((d % w) + w) % w;
  if (m >= w / 2) m -= w;
  return m;
}

export function applyFieldDelta(spec: FieldSpec, from: number, delta: number): number {
  const v = from + delta;
  if (spec.wrap === undefined) return v;
  return ((v % spec.wrap) + spec.wrap) % spec.wrap;
}
