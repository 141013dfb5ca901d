/**
 * Blend two snapshot tables for drawing. Values stay in wire (quantized) units
 * — fractional where blended — so the game's own row decoders read them. Position-like
 * fields are interpolated (angles the short way round); discrete fields
 * (health, flags, score) take the value at the render tick. An entity that
 * jumped farther than `teleportDistance` between the two snapshots (respawn)
 * is not dragged across the map: it is drawn where the newer snapshot has it.
 */
import { dequantize, type EntitySchema } from '../../../shared/protocol/entitySchema';
import type { EntityTable } from '../../../shared/protocol/entityTable';

export interface LerpSpec {
  schema: EntitySchema;
  /** Field indices that are blended; the rest are discrete. */
  blended: ReadonlySet<number>;
  /** Field indices of x and y (for teleport detection), or -1. */
  xField: number;
  yField: number;
  /** World units. */
  teleportDistance: number;
}

export interface DrawnEntity {
  id: number;
  kind: number;
  /** Wire-unit values, one per schema field (fractional where blended). */
  quantized: Float64Array;
}

export function lerpTables(from: EntityTable, to: EntityTable, alpha: number, spec: LerpSpec): DrawnEntity[] {
  const fields = spec.schema.fields;
  const f = fields.length;
  const out: DrawnEntity[] = [];
  const pushRow = (table: EntityTable, row: number) => {
    out.push({ id: table.ids[row], kind: table.kinds[row], quantized: Float64Array.from(table.values.subarray(row * f, (row + 1) * f)) });
  };
  let i = 0;
  let j = 0;
  while (i < from.count || j < to.count) {
    const fid = i < from.count ? from.ids[i] : Infinity;
    const tid = j < to.count ? to.ids[j] : Infinity;
    if (fid < tid) {
      // Gone by `to`: still there at the render tick while alpha < 1.
      if (alpha < 1) pushRow(from, i);
      i++;
      continue;
    }
    if (tid < fid || from.kinds[i] !== to.kinds[j] || jumped(from, i, to, j, spec)) {
      pushRow(to, j);
      if (tid === fid) i++;
      j++;
      continue;
    }
    const values = new Float64Array(f);
    for (let k = 0; k < f; k++) {
      const spec_ = fields[k];
      const a = from.values[i * f + k];
      const b = to.values[j * f + k];
      let q: number;
      if (!spec.blended.has(k)) q = alpha < 1 ? a : b;
      else if (spec_.wrap !== undefined) {
        let d = (((b - a) % spec_.wrap) + spec_.wrap) % spec_.wrap;
        if (d > spec_.wrap / 2) d -= spec_.wrap;
        q = (((a + d * Math.min(alpha, 1)) % spec_.wrap) + spec_.wrap) % spec_.wrap;
      } else q = a + (b - a) * alpha;
      values[k] = q;
    }
    out.push({ id: tid, kind: to.kinds[j], quantized: values });
    i++;
    j++;
  }
  return out;
}

function jumped(from: EntityTable, i: number, to: EntityTable, j: number, spec: LerpSpec): boolean {
  if (spec.xField < 0 || spec.yField < 0) return false;
  const f = spec.schema.fields.length;
  const dx = dequantize(spec.schema.fields[spec.xField], to.values[j * f + spec.xField] - from.values[i * f + spec.xField]);
  const dy = dequantize(spec.schema.fields[spec.yField], to.values[j * f + spec.yField] - from.values[i * f + spec.yField]);
  return dx * dx + dy * dy > spec.teleportDistance * spec.teleportDistance;
}
