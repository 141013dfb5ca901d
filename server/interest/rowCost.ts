/**
 * What sending one entity costs on the wire (PROTOCOL.md §9.1), for the byte
 * budget's scheduler: a created row (id gap, kind byte, every field as a
 * varint) or a changed row (id gap, mask, the changed fields' deltas).
 * The id gap is counted as 2 bytes (its true size depends on the neighbours
 * sent with it); everything else is exact. 0 = the client's copy is current.
 */
import { fieldDelta, type EntityLayout } from '../../shared/protocol/entitySchema';
import type { EntityTable } from '../../shared/protocol/entityTable';

const ID_GAP_BYTES = 2;

export function varuintBytes(v: number): number {
  return v < 0x80 ? 1 : v < 0x4000 ? 2 : v < 0x200000 ? 3 : v < 0x10000000 ? 4 : 5;
}

export function varintBytes(v: number): number {
  return varuintBytes(((v << 1) ^ (v >> 31)) >>> 0);
}

/** Bytes to bring row `baseRow` of `base` (-1: absent) to row `row` of `next`. */
export function rowCost(layout: EntityLayout, base: EntityTable | null, baseRow: number, next: EntityTable, row: number): number {
  const f = layout.stride;
  const kind = next.kinds[row];
  const fields = layout.fields(kind)!;
  const no = row * f;
  if (base === null || baseRow < 0 || base.kinds[baseRow] !== kind) {
    let bytes = ID_GAP_BYTES + 1;
    for (let k = 0; k < fields.length; k++) bytes += varintBytes(next.values[no + k]);
    return bytes;
  }
  const bo = baseRow * f;
  let bytes = 0;
  let mask = 0;
  for (let k = 0; k < fields.length; k++) {
    const a = base.values[bo + k];
    const b = next.values[no + k];
    if (a === b) continue;
    mask |= 1 << k;
    bytes += varintBytes(fieldDelta(fields[k], a, b));
  }
  return mask === 0 ? 0 : bytes + ID_GAP_BYTES + varuintBytes(mask >>> 0);
}
