/**
 * The Snapshot frame (opcode 0x81), a custom binary layout: msgpack would spend
 * a key or a type byte on every field, and snapshots are most of the downlink.
 *
 *   u8      opcode 0x81
 *   u32 LE  ackSeq      last input seq the server applied for THIS client (0 = none)
 *   varuint tick        server tick of this snapshot
 *   varuint baseTick    tick of the acknowledged baseline; 0 = full snapshot
 *   varuint nRemoved,  then nRemoved × varuint idGap
 *   varuint nCreated,  then nCreated × (varuint idGap, u8 kind, F(kind) × varint value)
 *   varuint nChanged,  then nChanged × (varuint idGap, varuint mask, popcount(mask) × varint delta)
 *
 * F(kind): the number of fields the game declares for that entity kind (the
 * Welcome's game descriptor); bit f of a mask is the kind's field f.
 *
 * idGap: the first id of each list as is, then the difference from the previous
 * id (lists are ascending, so gaps are ≥ 1). varint = zigzag LEB128.
 * Only bytes 1–4 differ between clients that share a baseline, so the server
 * encodes once per baseline and patches ackSeq per client (encode once, send many).
 */
import { ByteReader, ByteReadError, ByteWriter } from './bytes';
import { CloseCode, Opcode } from './constants';
import { DecodeError } from './decodeError';
import type { EntityLayout } from './entitySchema';
import type { ChangedEntity, CreatedEntity, SnapshotDelta } from './snapshotDelta';

/** Byte offset of the per-client ackSeq in a snapshot frame. */
export const SNAPSHOT_ACK_OFFSET = 1;

export interface SnapshotFrame {
  ackSeq: number;
  delta: SnapshotDelta;
}

/** Append a snapshot frame (ackSeq 0) to `w`; patch ackSeq with w.setU32(start + SNAPSHOT_ACK_OFFSET, seq). */
export function writeSnapshotFrame(w: ByteWriter, delta: SnapshotDelta, ackSeq = 0): void {
  w.u8(Opcode.Snapshot).u32(ackSeq).varuint(delta.tick).varuint(delta.baseTick);
  writeIds(w, delta.removed);
  w.varuint(delta.created.length);
  let prev = 0;
  for (const c of delta.created) {
    w.varuint(c.id - prev).u8(c.kind);
    prev = c.id;
    for (const v of c.values) w.varint(v);
  }
  w.varuint(delta.changed.length);
  prev = 0;
  for (const c of delta.changed) {
    w.varuint(c.id - prev).varuint(c.mask);
    prev = c.id;
    for (const d of c.deltas) w.varint(d);
  }
}

function writeIds(w: ByteWriter, ids: readonly number[]): void {
  w.varuint(ids.length);
  let prev = 0;
  for (const id of ids) {
    w.varuint(id - prev);
    prev = id;
  }
}

export function encodeSnapshotFrame(delta: SnapshotDelta, ackSeq = 0): Uint8Array {
  const w = new ByteWriter(64);
  writeSnapshotFrame(w, delta, ackSeq);
  return w.toBytes();
}

/** Decode a snapshot frame; never throws. Structure only: applyDelta checks it against the baseline. */
export function decodeSnapshotFrame(bytes: Uint8Array, layout: EntityLayout): SnapshotFrame | DecodeError {
  try {
    const r = new ByteReader(bytes);
    if (r.u8() !== Opcode.Snapshot) return new DecodeError(CloseCode.DecodeFailed, 'not a snapshot frame');
    const ackSeq = r.u32();
    const tick = r.varuint();
    const baseTick = r.varuint();
    if (baseTick >= tick && baseTick !== 0) return bad('baseTick must be before tick');
    // A changed entity's kind is in the baseline, not the frame: applyDelta checks its mask against it.
    const fullMask = 2 ** layout.stride - 1;

    const removed = readIds(r);
    if (removed instanceof DecodeError) return removed;

    const nCreated = count(r);
    if (nCreated * 3 > r.remaining) return bad('created count exceeds frame');
    const created: CreatedEntity[] = [];
    let prev = 0;
    for (let i = 0; i < nCreated; i++) {
      const id = nextId(r, prev);
      if (id < 0) return bad('created ids not ascending');
      prev = id;
      const kind = r.u8();
      const f = layout.fieldCount(kind);
      if (f === 0) return bad(`unknown entity kind ${kind}`);
      if (f > r.remaining) return bad('created entity exceeds frame');
      const values: number[] = new Array(f);
      for (let k = 0; k < f; k++) values[k] = r.varint();
      created.push({ id, kind, values });
    }

    const nChanged = count(r);
    if (nChanged * 3 > r.remaining) return bad('changed count exceeds frame');
    const changed: ChangedEntity[] = [];
    prev = 0;
    for (let i = 0; i < nChanged; i++) {
      const id = nextId(r, prev);
      if (id < 0) return bad('changed ids not ascending');
      prev = id;
      const mask = r.varuint();
      if (mask === 0 || mask > fullMask) return bad('changed-field mask out of range');
      const deltas: number[] = [];
      for (let m = mask; m !== 0; m &= m - 1) deltas.push(r.varint());
      changed.push({ id, mask, deltas });
    }
    if (r.remaining !== 0) return bad('trailing bytes after snapshot');
    return { ackSeq, delta: { tick, baseTick, removed, created, changed } };
  } catch (err) {
    if (err instanceof ByteReadError) return bad(err.message);
    return bad('malformed snapshot');
  }
}

function bad(reason: string): DecodeError {
  return new DecodeError(CloseCode.DecodeFailed, `snapshot: ${reason}`);
}

function count(r: ByteReader): number {
  const n = r.varuint();
  if (n > r.remaining) throw new ByteReadError('count exceeds frame');
  return n;
}

/** Ids are ≥ 1 and strictly ascending, so every gap (the first id included) is ≥ 1. */
function nextId(r: ByteReader, prev: number): number {
  const gap = r.varuint();
  if (gap === 0) return -1;
  const id = prev + gap;
  return id > 0xffffffff ? -1 : id;
}

function readIds(r: ByteReader): number[] | DecodeError {
  const n = count(r);
  const ids: number[] = [];
  let prev = 0;
  for (let i = 0; i < n; i++) {
    const id = nextId(r, prev);
    if (id < 0) return bad('removed ids not ascending');
    ids.push(id);
    prev = id;
  }
  return ids;
}
