/**
 * Blend two snapshot tables for drawing. Values stay in wire (quantized) units
 * — fractional where blended — so the game's own row decoders read them. The
 * game says per entity kind which fields blend (positions; angles the short
 * way round, from the field's `wrap`); the other fields take the value at the
 * render tick. An entity that jumped farther than its kind's
 * `teleportDistance` between the two snapshots (a teleport) is not dragged across
 * the map: it is drawn where the newer snapshot has it.
 *
 * The output is a reusable flat table (no allocation per entity per frame):
 * worlds with thousands of entities are drawn at 60 fps.
 */
import { dequantize, type EntityLayout } from '../../../../shared/protocol/entitySchema';
import { indexOfSortedId, type EntityTable } from '../../../../shared/protocol/entityTable';

export interface KindLerp {
  /** Field indices of this kind that are blended; the rest are discrete. */
  readonly blended: readonly number[];
  /** Field indices of this kind's position (teleport detection, debug positions), or -1. */
  readonly xField: number;
  readonly yField: number;
  /** World units. */
  readonly teleportDistance: number;
}

export interface LerpSpec {
  readonly layout: EntityLayout;
  /** By kind byte; a kind without an entry is drawn as the render tick has it (nothing blends). */
  readonly kinds: Readonly<Record<number, KindLerp>>;
}

/** Blended rows, wire units: row r's field k is `values[r * stride + k]`. Refilled each frame. */
export class DrawnTable {
  count = 0;
  ids = new Uint32Array(16);
  kinds = new Uint8Array(16);
  values: Float64Array;

  constructor(readonly stride: number) {
    this.values = new Float64Array(16 * stride);
  }

  get(row: number, field: number): number {
    return this.values[row * this.stride + field];
  }

  /** The row's values as a view (no copy): valid until the next lerpTables into this table. */
  row(row: number): Float64Array {
    return this.values.subarray(row * this.stride, (row + 1) * this.stride);
  }

  /** Row of `id`, or -1 (ids ascending). */
  indexOf(id: number): number {
    return indexOfSortedId(this.ids, this.count, id);
  }

  /** Append a row (ids ascending) and return its index. */
  push(id: number, kind: number): number {
    if (this.count === this.ids.length) this.grow();
    const r = this.count++;
    this.ids[r] = id;
    this.kinds[r] = kind;
    return r;
  }

  private grow(): void {
    const cap = this.ids.length * 2;
    const ids = new Uint32Array(cap);
    ids.set(this.ids);
    const kinds = new Uint8Array(cap);
    kinds.set(this.kinds);
    const values = new Float64Array(cap * this.stride);
    values.set(this.values);
    this.ids = ids;
    this.kinds = kinds;
    this.values = values;
  }
}

/** Position of a drawn row in world units, from its kind's position fields; null if the kind has none. */
export function drawnPosition(table: DrawnTable, row: number, spec: LerpSpec): { x: number; y: number } | null {
  const kind = table.kinds[row];
  const k = spec.kinds[kind];
  const fields = spec.layout.fields(kind);
  if (!k || !fields || k.xField < 0 || k.yField < 0) return null;
  return { x: dequantize(fields[k.xField], table.get(row, k.xField)), y: dequantize(fields[k.yField], table.get(row, k.yField)) };
}

/** Blend `from` → `to` at `alpha` (0 = from, 1 = to, > 1 extrapolates blended fields) into `out`. */
export function lerpTables(from: EntityTable, to: EntityTable, alpha: number, spec: LerpSpec, out = new DrawnTable(spec.layout.stride)): DrawnTable {
  const f = spec.layout.stride;
  out.count = 0;
  let i = 0;
  let j = 0;
  while (i < from.count || j < to.count) {
    const fid = i < from.count ? from.ids[i] : Infinity;
    const tid = j < to.count ? to.ids[j] : Infinity;
    if (fid < tid) {
      // Gone by `to`: still there at the render tick while alpha < 1.
      if (alpha < 1) copyRow(out, from, i, f);
      i++;
      continue;
    }
    if (tid < fid || from.kinds[i] !== to.kinds[j] || jumped(from, i, to, j, spec)) {
      copyRow(out, to, j, f);
      if (tid === fid) i++;
      j++;
      continue;
    }
    blendRow(out, from, i, to, j, alpha, spec);
    i++;
    j++;
  }
  return out;
}

function copyRow(out: DrawnTable, t: EntityTable, row: number, f: number): void {
  const r = out.push(t.ids[row], t.kinds[row]);
  const src = row * f;
  const dst = r * f;
  for (let k = 0; k < f; k++) out.values[dst + k] = t.values[src + k];
}

function blendRow(out: DrawnTable, from: EntityTable, i: number, to: EntityTable, j: number, alpha: number, spec: LerpSpec): void {
  const f = spec.layout.stride;
  const kind = to.kinds[j];
  const r = out.push(to.ids[j], kind);
  const discreteFrom = alpha < 1;
  for (let k = 0; k < f; k++) out.values[r * f + k] = discreteFrom ? from.values[i * f + k] : to.values[j * f + k];
  const k = spec.kinds[kind];
  const fields = spec.layout.fields(kind);
  if (!k || !fields) return;
  for (const field of k.blended) {
    const fs = fields[field];
    const a = from.values[i * f + field];
    const b = to.values[j * f + field];
    let q: number;
    if (fs.wrap !== undefined) {
      let d = (((b - a) % fs.wrap) + fs.wrap) % fs.wrap;
      if (d > fs.wrap / 2) d -= fs.wrap;
      q = (((a + d * Math.min(alpha, 1)) % fs.wrap) + fs.wrap) % fs.wrap;
    } else q = a + (b - a) * alpha;
    out.values[r * f + field] = q;
  }
}

function jumped(from: EntityTable, i: number, to: EntityTable, j: number, spec: LerpSpec): boolean {
  const kind = to.kinds[j];
  const k = spec.kinds[kind];
  const fields = spec.layout.fields(kind);
  if (!k || !fields || k.xField < 0 || k.yField < 0) return false;
  const f = spec.layout.stride;
  const dx = dequantize(fields[k.xField], to.values[j * f + k.xField] - from.values[i * f + k.xField]);
  const dy = dequantize(fields[k.yField], to.values[j * f + k.yField] - from.values[i * f + k.yField]);
  return dx * dx + dy * dy > k.teleportDistance * k.teleportDistance;
}
