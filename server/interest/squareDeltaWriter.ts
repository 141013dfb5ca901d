/**
 * The Snapshot frame (PROTOCOL.md §9.1) from one SquareView to another,
 * square by square: a square whose part is the same slice with the same
 * members in both views is skipped without looking at its rows; only the
 * squares that changed since the baseline are diffed row by row. The bytes
 * are exactly SnapshotDeltaWriter's for the flattened tables (property-
 * tested): entities that moved from one square to another are first seen as
 * removed there and created here, then matched by id into a change.
 */
import { ByteWriter } from '../../shared/protocol/bytes';
import { Opcode } from '../../shared/protocol/constants';
import { fieldDelta, type EntityLayout } from '../../shared/protocol/entitySchema';
import { rowWidth, type SquareSlice } from './squareIndex';
import type { SquareView } from './squareView';

/** Rows found while diffing, sorted by id before they are written. */
class RowList {
  count = 0;
  ids = new Float64Array(256);
  rows = new Int32Array(256);
  slices: SquareSlice[] = [];
  baseRows = new Int32Array(256);
  baseSlices: SquareSlice[] = [];
  /** Set when a removed/created pair turned out to be one entity that moved between squares. */
  matched = new Uint8Array(256);
  order = new Int32Array(256);
  private keys = new Float64Array(256);

  reset(): void {
    this.count = 0;
  }

  push(id: number, slice: SquareSlice, row: number, baseSlice: SquareSlice | null = null, baseRow = -1): void {
    if (this.count === this.ids.length) this.grow();
    const i = this.count++;
    this.ids[i] = id;
    this.slices[i] = slice;
    this.rows[i] = row;
    if (baseSlice) this.baseSlices[i] = baseSlice;
    this.baseRows[i] = baseRow;
    this.matched[i] = 0;
  }

  /** `order[0 .. count)`: indices by ascending id (ids are unique within one list). */
  sort(): void {
    const n = this.count;
    for (let i = 0; i < n; i++) this.keys[i] = this.ids[i] * 1048576 + i;
    const keys = this.keys.subarray(0, n).sort();
    for (let i = 0; i < n; i++) this.order[i] = keys[i] % 1048576;
  }

  private grow(): void {
    const cap = this.ids.length * 2;
    const f64 = (a: Float64Array<ArrayBuffer>): Float64Array<ArrayBuffer> => {
      const b = new Float64Array(cap);
      b.set(a);
      return b;
    };
    const i32 = (a: Int32Array<ArrayBuffer>): Int32Array<ArrayBuffer> => {
      const b = new Int32Array(cap);
      b.set(a);
      return b;
    };
    this.ids = f64(this.ids);
    this.keys = new Float64Array(cap);
    this.rows = i32(this.rows);
    this.baseRows = i32(this.baseRows);
    this.order = new Int32Array(cap);
    const m = new Uint8Array(cap);
    m.set(this.matched);
    this.matched = m;
  }
}

export class SquareDeltaWriter {
  private readonly removed = new RowList();
  private readonly created = new RowList();
  private readonly changed = new RowList();
  private readonly removedBytes = new ByteWriter(256);
  private readonly createdBytes = new ByteWriter(1024);
  private readonly changedBytes = new ByteWriter(1024);
  private readonly w: number;

  constructor(private readonly layout: EntityLayout) {
    this.w = rowWidth(layout.stride);
  }

  /** Append the frame (ackSeq 0) for `base` (null = full snapshot) → `next` to `out`. */
  write(out: ByteWriter, base: SquareView | null, next: SquareView): void {
    this.removed.reset();
    this.created.reset();
    this.changed.reset();
    this.collect(base, next);
    this.removed.sort();
    this.created.sort();
    this.matchMoves();
    this.changed.sort();
    out.u8(Opcode.Snapshot).u32(0).varuint(next.tick).varuint(base ? base.tick : 0);
    this.writeRemoved(out);
    this.writeCreated(out);
    this.writeChanged(out);
  }

  /** Walk both views' parts by square: skip equal parts, diff changed ones, list the rest. */
  private collect(base: SquareView | null, next: SquareView): void {
    const bn = base ? base.parts : 0;
    let i = 0;
    let j = 0;
    while (i < bn || j < next.parts) {
      const bs = i < bn ? base!.squares[i] : Infinity;
      const ns = j < next.parts ? next.squares[j] : Infinity;
      if (bs < ns) this.listPart(base!, i++, this.removed);
      else if (ns < bs) this.listPart(next, j++, this.created);
      else {
        if (!base!.samePart(i, next, j)) this.diffPart(base!, i, next, j);
        i++;
        j++;
      }
    }
  }

  private listPart(view: SquareView, p: number, into: RowList): void {
    const slice = view.slices[p];
    for (let r = 0; r < slice.count; r++) if (view.isMember(p, r)) into.push(slice.data[r * this.w], slice, r);
  }

  /** One square in both views, different slice or members: merge its member rows by id. */
  private diffPart(base: SquareView, p: number, next: SquareView, q: number): void {
    const bs = base.slices[p];
    const ns = next.slices[q];
    const w = this.w;
    let a = 0;
    let b = 0;
    for (;;) {
      while (a < bs.count && !base.isMember(p, a)) a++;
      while (b < ns.count && !next.isMember(q, b)) b++;
      if (a >= bs.count && b >= ns.count) return;
      const aid = a < bs.count ? bs.data[a * w] : Infinity;
      const bid = b < ns.count ? ns.data[b * w] : Infinity;
      if (aid < bid) this.removed.push(aid, bs, a++);
      else if (bid < aid) this.created.push(bid, ns, b++);
      else {
        this.pair(bid, bs, a++, ns, b++);
      }
    }
  }

  /** The same id in the baseline and in the view: replaced if its kind changed, else changed if a field did. */
  private pair(id: number, bs: SquareSlice, a: number, ns: SquareSlice, b: number): void {
    const w = this.w;
    if (bs.data[a * w + 1] !== ns.data[b * w + 1]) {
      this.created.push(id, ns, b);
      return;
    }
    if (bs === ns && a === b) return;
    const end = 2 + this.layout.fieldCount(ns.data[b * w + 1]);
    for (let k = 2; k < end; k++) {
      if (bs.data[a * w + k] !== ns.data[b * w + k]) {
        this.changed.push(id, ns, b, bs, a);
        return;
      }
    }
  }

  /** An id both removed (from one square) and created (in another) moved: one change, not two rows. */
  private matchMoves(): void {
    const rm = this.removed;
    const cr = this.created;
    let i = 0;
    let j = 0;
    while (i < rm.count && j < cr.count) {
      const ri = rm.order[i];
      const cj = cr.order[j];
      const rid = rm.ids[ri];
      const cid = cr.ids[cj];
      if (rid < cid) i++;
      else if (cid < rid) j++;
      else {
        rm.matched[ri] = 1;
        const bs = rm.slices[ri];
        const ns = cr.slices[cj];
        if (bs.data[rm.rows[ri] * this.w + 1] === ns.data[cr.rows[cj] * this.w + 1]) {
          cr.matched[cj] = 1;
          this.pair(cid, bs, rm.rows[ri], ns, cr.rows[cj]);
        }
        i++;
        j++;
      }
    }
  }

  private writeRemoved(out: ByteWriter): void {
    const rm = this.removed;
    const bytes = this.removedBytes.reset();
    let n = 0;
    let prev = 0;
    for (let k = 0; k < rm.count; k++) {
      const i = rm.order[k];
      if (rm.matched[i]) continue;
      bytes.varuint(rm.ids[i] - prev);
      prev = rm.ids[i];
      n++;
    }
    out.varuint(n).bytes(bytes.written());
  }

  private writeCreated(out: ByteWriter): void {
    const cr = this.created;
    const bytes = this.createdBytes.reset();
    const w = this.w;
    let n = 0;
    let prev = 0;
    for (let k = 0; k < cr.count; k++) {
      const i = cr.order[k];
      if (cr.matched[i]) continue;
      const d = cr.slices[i].data;
      const o = cr.rows[i] * w;
      const kind = d[o + 1];
      bytes.varuint(cr.ids[i] - prev).u8(kind);
      prev = cr.ids[i];
      n++;
      const fields = this.layout.fieldCount(kind);
      for (let f = 0; f < fields; f++) bytes.varint(d[o + 2 + f]);
    }
    out.varuint(n).bytes(bytes.written());
  }

  private writeChanged(out: ByteWriter): void {
    const ch = this.changed;
    const bytes = this.changedBytes.reset();
    const w = this.w;
    let prev = 0;
    for (let k = 0; k < ch.count; k++) {
      const i = ch.order[k];
      const d = ch.slices[i].data;
      const bd = ch.baseSlices[i].data;
      const o = ch.rows[i] * w + 2;
      const bo = ch.baseRows[i] * w + 2;
      const fields = this.layout.fields(d[o - 1])!;
      let mask = 0;
      for (let f = 0; f < fields.length; f++) if (bd[bo + f] !== d[o + f]) mask |= 1 << f;
      bytes.varuint(ch.ids[i] - prev).varuint(mask);
      prev = ch.ids[i];
      for (let f = 0; f < fields.length; f++) if (mask & (1 << f)) bytes.varint(fieldDelta(fields[f], bd[bo + f], d[o + f]));
    }
    out.varuint(ch.count).bytes(bytes.written());
  }
}
