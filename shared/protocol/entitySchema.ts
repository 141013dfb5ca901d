/**
 * How a game's entities look on the wire. A game declares one or more entity
 * kinds (a kind byte, a name, an ordered list of integer fields, each with a
 * quantization); the snapshot codec, deltas and validation are derived from
 * these declarations and know nothing else about the game.
 *
 * In an EntityTable every row has `stride` = the most fields any kind has; a
 * row uses the first `fields.length` of its kind and leaves the rest 0. Only a
 * kind's own fields travel on the wire.
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

export interface EntityKindSpec {
  /** 1..255; the byte that precedes a created entity on the wire. */
  readonly kind: number;
  readonly name: string;
  readonly fields: readonly FieldSpec[];
}

/** Every entity kind a game sends. */
export interface EntitySchema {
  readonly kinds: readonly EntityKindSpec[];
}

/** Most fields a kind may have: the changed-field mask is a varint of at most 30 bits. */
export const MAX_SCHEMA_FIELDS = 30;

/**
 * An EntitySchema compiled for the codec: fields by kind byte (a 256-slot
 * table, so the hot path indexes instead of searching) and the row stride.
 */
export class EntityLayout {
  readonly stride: number;
  private readonly byKind: (readonly FieldSpec[] | undefined)[] = new Array(256).fill(undefined);

  constructor(readonly schema: EntitySchema) {
    const problems = entitySchemaProblems(schema);
    if (problems.length > 0) throw new Error(`EntitySchema: ${problems.join('; ')}`);
    let stride = 0;
    for (const k of schema.kinds) {
      this.byKind[k.kind] = k.fields;
      stride = Math.max(stride, k.fields.length);
    }
    this.stride = stride;
  }

  /** The fields of `kind`, or undefined for a kind the game never declared. */
  fields(kind: number): readonly FieldSpec[] | undefined {
    return this.byKind[kind];
  }

  /** Field count of `kind` (0 if undeclared). */
  fieldCount(kind: number): number {
    return this.byKind[kind]?.length ?? 0;
  }
}

/** Every problem with a schema at once (empty when valid). */
export function entitySchemaProblems(schema: EntitySchema): string[] {
  const problems: string[] = [];
  if (schema.kinds.length === 0) problems.push('no entity kinds');
  const seen = new Set<number>();
  for (const k of schema.kinds) {
    const at = `kind ${k.kind} (${k.name})`;
    if (!Number.isInteger(k.kind) || k.kind < 1 || k.kind > 255) problems.push(`${at}: kind must be 1..255`);
    if (seen.has(k.kind)) problems.push(`${at}: declared twice`);
    seen.add(k.kind);
    if (k.fields.length === 0) problems.push(`${at}: no fields (the snapshot decoder takes a kind without fields for an undeclared one)`);
    if (k.fields.length > MAX_SCHEMA_FIELDS) problems.push(`${at}: more than ${MAX_SCHEMA_FIELDS} fields`);
    const names = new Set<string>();
    for (const f of k.fields) {
      if (names.has(f.name)) problems.push(`${at}: field "${f.name}" twice`);
      names.add(f.name);
      if (!(f.scale > 0) || !Number.isFinite(f.scale)) problems.push(`${at}.${f.name}: scale must be > 0`);
      if (!Number.isInteger(f.min) || !Number.isInteger(f.max) || f.min > f.max) {
        problems.push(`${at}.${f.name}: min/max must be integers, min ≤ max`);
      }
      if (f.min < -0x80000000 || f.max > 0x7fffffff) problems.push(`${at}.${f.name}: bounds must fit int32`);
      if (f.wrap !== undefined && (f.min !== 0 || f.max !== f.wrap - 1)) {
        problems.push(`${at}.${f.name}: a wrapping field spans 0..wrap-1`);
      }
    }
  }
  return problems;
}

export function fieldIndex(fields: readonly FieldSpec[], name: string): number {
  const i = fields.findIndex((f) => f.name === name);
  if (i < 0) throw new Error(`no field "${name}"`);
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
