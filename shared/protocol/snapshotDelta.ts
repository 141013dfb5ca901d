/**
 * Snapshot deltas: what changed between a baseline world and the next one.
 * Changed entities carry only the fields that changed; removed entities are
 * listed by id; new entities (or ones whose kind changed) come in full.
 * A full snapshot is a delta against nothing (baseTick 0).
 *
 * Invariant (property-tested): apply(base, diff(base, next)) equals next.
 */
import { applyFieldDelta, fieldDelta, type EntityLayout } from './entitySchema';
import { EntityTable } from './entityTable';

export interface CreatedEntity {
  id: number;
  kind: number;
  values: number[];
}

export interface ChangedEntity {
  id: number;
  /** Bit f set ⇔ field f changed. */
  mask: number;
  /** One delta per set bit, in ascending field order. */
  deltas: number[];
}

export interface SnapshotDelta {
  tick: number;
  /** Tick of the baseline this is relative to; 0 = full snapshot. */
  baseTick: number;
  removed: number[];
  created: CreatedEntity[];
  changed: ChangedEntity[];
}

/** Thrown by applyDelta when a delta does not fit the baseline it names. */
export class BaselineMismatchError extends Error {}

/** The delta from `base` (null = nothing) to `next`. O(n) merge of the sorted id lists. */
export function diffTables(base: EntityTable | null, next: EntityTable, layout: EntityLayout): SnapshotDelta {
  const f = layout.stride;
  const delta: SnapshotDelta = {
    tick: next.tick,
    baseTick: base ? base.tick : 0,
    removed: [],
    created: [],
    changed: [],
  };
  const baseCount = base ? base.count : 0;
  let i = 0;
  let j = 0;
  while (i < baseCount || j < next.count) {
    const bid = i < baseCount ? base!.ids[i] : Infinity;
    const nid = j < next.count ? next.ids[j] : Infinity;
    if (bid < nid) {
      delta.removed.push(bid);
      i++;
    } else if (nid < bid) {
      delta.created.push(rowOf(next, j, f, layout));
      j++;
    } else {
      if (base!.kinds[i] !== next.kinds[j]) {
        delta.created.push(rowOf(next, j, f, layout));
      } else {
        const fields = layout.fields(next.kinds[j])!;
        let mask = 0;
        let deltas: number[] | null = null;
        const bo = i * f;
        const no = j * f;
        for (let k = 0; k < fields.length; k++) {
          const bv = base!.values[bo + k];
          const nv = next.values[no + k];
          if (bv !== nv) {
            mask |= 1 << k;
            (deltas ??= []).push(fieldDelta(fields[k], bv, nv));
          }
        }
        if (mask !== 0) delta.changed.push({ id: nid, mask, deltas: deltas! });
      }
      i++;
      j++;
    }
  }
  return delta;
}

/** A created entity carries its kind's fields only. */
function rowOf(t: EntityTable, row: number, stride: number, layout: EntityLayout): CreatedEntity {
  const n = layout.fieldCount(t.kinds[row]);
  return { id: t.ids[row], kind: t.kinds[row], values: Array.from(t.values.subarray(row * stride, row * stride + n)) };
}

/**
 * Rebuild the world a delta describes. `base` must be the table at
 * `delta.baseTick` (ignored for full snapshots). Returns a new table.
 */
export function applyDelta(base: EntityTable | null, delta: SnapshotDelta, layout: EntityLayout): EntityTable {
  const f = layout.stride;
  if (delta.baseTick !== 0) {
    if (!base) throw new BaselineMismatchError(`no baseline for tick ${delta.baseTick}`);
    if (base.tick !== delta.baseTick) {
      throw new BaselineMismatchError(`baseline is tick ${base.tick}, delta needs ${delta.baseTick}`);
    }
  }
  const src = delta.baseTick === 0 ? null : base;
  const out = new EntityTable(f, Math.max(1, (src ? src.count : 0) + delta.created.length));
  out.begin(delta.tick);

  const removed = new Set(delta.removed);
  const created = new Map<number, CreatedEntity>();
  for (const c of delta.created) created.set(c.id, c);
  const changed = new Map<number, ChangedEntity>();
  for (const c of delta.changed) changed.set(c.id, c);

  // Merge surviving baseline rows with created rows, both ascending by id.
  const baseCount = src ? src.count : 0;
  const createdSorted = delta.created; // encoder emits ascending ids
  let i = 0;
  let j = 0;
  let changedSeen = 0;
  while (i < baseCount || j < createdSorted.length) {
    const bid = i < baseCount ? src!.ids[i] : Infinity;
    const cid = j < createdSorted.length ? createdSorted[j].id : Infinity;
    if (cid <= bid) {
      const c = createdSorted[j++];
      if (c.values.length !== layout.fieldCount(c.kind) || c.values.length === 0) {
        throw new BaselineMismatchError(`entity ${c.id}: kind ${c.kind} is not a kind of this game or has the wrong field count`);
      }
      const row = out.push(c.id, c.kind);
      out.values.set(c.values, row * f);
      if (cid === bid) i++; // kind change: the full row replaces the baseline row
      continue;
    }
    i++;
    if (removed.has(bid)) continue;
    const row = out.push(bid, src!.kinds[i - 1]);
    out.values.set(src!.values.subarray((i - 1) * f, i * f), row * f);
    const ch = changed.get(bid);
    if (ch) {
      changedSeen++;
      const fields = layout.fields(src!.kinds[i - 1]) ?? [];
      if (ch.mask >= 2 ** fields.length) throw new BaselineMismatchError(`entity ${bid}: changed-field mask exceeds its kind`);
      let d = 0;
      for (let k = 0; k < fields.length; k++) {
        if (ch.mask & (1 << k)) {
          const at = row * f + k;
          out.values[at] = applyFieldDelta(fields[k], out.values[at], ch.deltas[d++]);
        }
      }
    }
  }
  if (changedSeen !== changed.size) throw new BaselineMismatchError('delta changes an entity the baseline lacks');
  for (const id of removed) if (created.has(id)) throw new BaselineMismatchError(`entity ${id} both removed and created`);
  return out.finish();
}
