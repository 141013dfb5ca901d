/**
 * One viewer's view at one tick as references, not rows: for each grid
 * square it sees (ascending square index), the square's shared SquareSlice
 * and which of its rows are members (all, or a bit mask over the slice's
 * rows). The client holds exactly the member rows of all parts; the delta
 * writer diffs two such views square by square and skips a square whose
 * part is the same slice with the same mask (squareDeltaWriter.ts).
 *
 * Reused by the ring: begin() keeps the arrays, so steady state allocates
 * nothing per viewer.
 */
import { EntityTable } from '../../shared/protocol/entityTable';
import type { SquareSlice } from './squareIndex';

/** maskAt value of a part whose every row is a member. */
export const ALL_ROWS = -1;

export class SquareView {
  tick = 0;
  parts = 0;
  /** Member rows over all parts. */
  rowCount = 0;
  /** Mixes the parts' squares, slice versions and masks: equal views have equal hashes. */
  hash = 0;
  squares = new Int32Array(64);
  slices: SquareSlice[] = [];
  maskAt = new Int32Array(64);
  /** Member rows of each part. */
  memberCounts = new Int32Array(64);
  masks = new Uint32Array(64);
  private maskUsed = 0;

  begin(tick: number): this {
    this.tick = tick;
    this.parts = 0;
    this.rowCount = 0;
    this.hash = tick === 0 ? 0 : 0x811c9dc5;
    this.maskUsed = 0;
    return this;
  }

  /** Append square `sq` with every row of `slice` a member. */
  addAll(sq: number, slice: SquareSlice): void {
    const p = this.push(sq, slice);
    this.maskAt[p] = ALL_ROWS;
    this.memberCounts[p] = slice.count;
    this.rowCount += slice.count;
    this.hash = mix(mix(mix(this.hash, sq), slice.version), ALL_ROWS);
  }

  /** Append square `sq` with the rows set in `words` (ceil(count / 32) words) as members; `members` of them. */
  addMasked(sq: number, slice: SquareSlice, words: Uint32Array, members: number): void {
    const p = this.push(sq, slice);
    const n = (slice.count + 31) >>> 5;
    if (this.masks.length < this.maskUsed + n) this.growMasks(this.maskUsed + n);
    this.maskAt[p] = this.maskUsed;
    let h = mix(mix(this.hash, sq), slice.version);
    for (let k = 0; k < n; k++) {
      this.masks[this.maskUsed + k] = words[k];
      h = mix(h, words[k]);
    }
    this.hash = h;
    this.maskUsed += n;
    this.memberCounts[p] = members;
    this.rowCount += members;
  }

  /** Append part `p` of `other` (the same slice and members). */
  copyPart(other: SquareView, p: number): void {
    const at = other.maskAt[p];
    const slice = other.slices[p];
    if (at === ALL_ROWS) this.addAll(other.squares[p], slice);
    else this.addMasked(other.squares[p], slice, other.masks.subarray(at, at + ((slice.count + 31) >>> 5)), other.memberCounts[p]);
  }

  /** The part holding slice key `key`, or -1 (binary search: parts ascend by key). */
  partOf(key: number): number {
    let lo = 0;
    let hi = this.parts - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >>> 1;
      const k = this.squares[mid];
      if (k === key) return mid;
      if (k < key) lo = mid + 1;
      else hi = mid - 1;
    }
    return -1;
  }

  /** Whether entity `id` is a member of part `p` (`rowWidth`: numbers per packed row). */
  hasMember(p: number, id: number, rowWidth: number): boolean {
    const slice = this.slices[p];
    const d = slice.data;
    let lo = 0;
    let hi = slice.count - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >>> 1;
      const v = d[mid * rowWidth];
      if (v === id) return this.isMember(p, mid);
      if (v < id) lo = mid + 1;
      else hi = mid - 1;
    }
    return false;
  }

  /** Whether row `r` of part `p` is a member. */
  isMember(p: number, r: number): boolean {
    const at = this.maskAt[p];
    return at === ALL_ROWS || (this.masks[at + (r >>> 5)] & (1 << (r & 31))) !== 0;
  }

  /** Part `p` of this view and part `q` of `other` hold the same rows (same slice object, same members). */
  samePart(p: number, other: SquareView, q: number): boolean {
    if (this.squares[p] !== other.squares[q] || this.slices[p] !== other.slices[q]) return false;
    const a = this.maskAt[p];
    const b = other.maskAt[q];
    if (a === ALL_ROWS || b === ALL_ROWS) return a === b;
    const n = (this.slices[p].count + 31) >>> 5;
    for (let k = 0; k < n; k++) if (this.masks[a + k] !== other.masks[b + k]) return false;
    return true;
  }

  /** Same parts (the tick is not compared). */
  sameAs(other: SquareView): boolean {
    if (this.parts !== other.parts || this.rowCount !== other.rowCount || this.hash !== other.hash) return false;
    for (let p = 0; p < this.parts; p++) if (!this.samePart(p, other, p)) return false;
    return true;
  }

  /** The member rows as one id-sorted table (tests, tools; not on the snapshot path). */
  toTable(stride: number): EntityTable {
    const out = new EntityTable(stride, Math.max(1, this.rowCount));
    const rows: { id: number; kind: number; values: number[] }[] = [];
    const w = stride + 2;
    for (let p = 0; p < this.parts; p++) {
      const d = this.slices[p].data;
      for (let r = 0; r < this.slices[p].count; r++) {
        if (this.isMember(p, r)) rows.push({ id: d[r * w], kind: d[r * w + 1], values: d.slice(r * w + 2, r * w + w) });
      }
    }
    rows.sort((a, b) => a.id - b.id);
    out.begin(this.tick);
    for (const r of rows) {
      const row = out.push(r.id, r.kind);
      out.values.set(r.values, row * stride);
    }
    return out;
  }

  private push(sq: number, slice: SquareSlice): number {
    if (this.parts === this.squares.length) {
      const squares = new Int32Array(this.parts * 2);
      squares.set(this.squares);
      this.squares = squares;
      const maskAt = new Int32Array(this.parts * 2);
      maskAt.set(this.maskAt);
      this.maskAt = maskAt;
      const counts = new Int32Array(this.parts * 2);
      counts.set(this.memberCounts);
      this.memberCounts = counts;
    }
    const p = this.parts++;
    this.squares[p] = sq;
    this.slices[p] = slice;
    return p;
  }

  private growMasks(n: number): void {
    const masks = new Uint32Array(Math.max(n, this.masks.length * 2));
    masks.set(this.masks);
    this.masks = masks;
  }
}

function mix(h: number, v: number): number {
  return Math.imul(h ^ v, 0x01000193) >>> 0;
}
