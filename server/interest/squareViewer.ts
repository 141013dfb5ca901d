/**
 * One viewer of a big world without a byte budget, built from shared square
 * slices (squareIndex.ts) instead of copied rows. Per snapshot:
 *
 *   squares  = the grid squares the leave rectangle overlaps
 *   interior = squares inside the enter rectangle: every row is a member,
 *              the part is a reference to the square's slice (O(1))
 *   boundary = the other squares: each row is a member if inside the enter
 *              edge, not if outside the leave edge, else if it was a member
 *              (hysteresis, the same rule as InterestMembership, per row)
 *
 * "Was a member" is read from the previous view: the same square's part, or,
 * for an entity that moved, the part of the square it was in
 * (SquareIndex.previousKeyOf). A boundary square whose slice and snapped
 * edges did not change keeps its previous part without a look at its rows.
 * Cost: O(squares + rows of changed boundary squares), and the delta against
 * the baseline is O(rows of changed squares).
 */
import type { InterestArea } from '../../shared/engine/gameDefinition';
import { DEFAULT_HYSTERESIS } from './interestMembership';
import { rowWidth, type SquareIndex, type SquareSlice } from './squareIndex';
import type { SquareView } from './squareView';
import { SquareViewRing } from './squareViewRing';

/** A closed rectangle in wire units. */
interface Rect {
  x0: number;
  x1: number;
  y0: number;
  y1: number;
}

const rect = (): Rect => ({ x0: 0, x1: -1, y0: 0, y1: -1 });

/** The rectangle x ± halfW, y ± halfH with its edges moved outward (grow) or inward to multiples of `step`. */
function setSnappedRect(r: Rect, x: number, y: number, halfW: number, halfH: number, step: number, grow: boolean): void {
  const lo = grow ? Math.floor : Math.ceil;
  const hi = grow ? Math.ceil : Math.floor;
  r.x0 = lo((x - halfW) / step) * step;
  r.x1 = hi((x + halfW) / step) * step;
  r.y0 = lo((y - halfH) / step) * step;
  r.y1 = hi((y + halfH) / step) * step;
}

/**
 * The step the edges snap to: a power of two ≤ 1/16 of a square and ≤ 1/4 of
 * the hysteresis band, so that the enter edge (moved out) stays inside the
 * leave edge (moved in). Snapped edges stand still while the viewer moves
 * less than a step, so unchanged squares keep their members without a look
 * at their rows; the guarantees hold on the true edges (property-tested).
 */
function snapStep(squareSize: number, band: number): number {
  const limit = Math.min(squareSize / 16, band / 4);
  return limit < 2 ? 1 : 2 ** Math.floor(Math.log2(limit));
}

/** The part of `slice`'s bounding box inside `a` is inside `b` (true when nothing of it is inside `a`). */
function clippedWithin(slice: SquareSlice, a: Rect, b: Rect): boolean {
  const x0 = Math.max(slice.minX, a.x0);
  const x1 = Math.min(slice.maxX, a.x1);
  const y0 = Math.max(slice.minY, a.y0);
  const y1 = Math.min(slice.maxY, a.y1);
  if (x0 > x1 || y0 > y1) return true;
  return x0 >= b.x0 && x1 <= b.x1 && y0 >= b.y0 && y1 <= b.y1;
}

export class SquareViewer {
  readonly ring: SquareViewRing;
  /** Under a square view there is nothing waiting, so nothing on screen is stale. */
  readonly stalestTicks = 0;
  private words = new Uint32Array(8);
  private enter = rect();
  private leave = rect();
  /** The rectangles the last view was built with. */
  private lastEnter = rect();
  private lastLeave = rect();

  constructor(
    ringSize?: number,
    readonly hysteresis = DEFAULT_HYSTERESIS,
  ) {
    this.ring = new SquareViewRing(ringSize);
  }

  /** Build the view for `tick` (outside the ring until `ring.commit()`). */
  build(index: SquareIndex, area: InterestArea, tick: number, xField: number, yField: number, stride: number): SquareView {
    const prev = this.ring.current;
    const view = this.ring.next(tick);
    [this.enter, this.lastEnter] = [this.lastEnter, this.enter];
    [this.leave, this.lastLeave] = [this.lastLeave, this.leave];
    const enter = this.enter;
    const step = snapStep(index.squareSize, area.margin * (this.hysteresis - 1));
    setSnappedRect(enter, area.x, area.y, area.halfWidth + area.margin, area.halfHeight + area.margin, step, true);
    const leaveMargin = area.margin * this.hysteresis;
    setSnappedRect(this.leave, area.x, area.y, area.halfWidth + leaveMargin, area.halfHeight + leaveMargin, step, false);
    const c0 = index.col(this.leave.x0);
    const c1 = index.col(this.leave.x1);
    const r0 = index.row(this.leave.y0);
    const r1 = index.row(this.leave.y1);
    const s = index.squareSize;
    let p = 0;
    const pn = prev ? prev.parts : 0;
    for (let r = r0; r <= r1; r++) {
      // Squares on the world's border also hold rows clamped into them: always checked per row.
      const rowInside = r > 0 && r < index.rows - 1 && r * s >= enter.y0 && (r + 1) * s <= enter.y1;
      for (let c = c0; c <= c1; c++) {
        const inside = rowInside && c > 0 && c < index.cols - 1 && c * s >= enter.x0 && (c + 1) * s <= enter.x1;
        for (let key = (r * index.cols + c) * index.layers, end = key + index.layers; key < end; key++) {
          const slice = index.slices[key];
          if (slice.count === 0) continue;
          // A whole square inside the enter edge, or a slice whose rows all are (a few cells in a square).
          if (inside || (slice.minX >= enter.x0 && slice.maxX <= enter.x1 && slice.minY >= enter.y0 && slice.maxY <= enter.y1)) {
            view.addAll(key, slice);
            continue;
          }
          while (p < pn && prev!.squares[p] < key) p++;
          const samePrev = p < pn && prev!.squares[p] === key ? p : -1;
          if (samePrev >= 0 && prev!.slices[p] === slice && this.sameMembersAsLast(slice)) view.copyPart(prev!, p);
          else this.addBoundary(view, key, slice, xField, yField, stride, index, prev, samePrev);
        }
      }
    }
    return view;
  }

  /**
   * An unchanged slice keeps last view's members unless a row entered the
   * enter rectangle or left the leave rectangle: impossible when its bounding
   * box meets neither the new part of the enter rectangle nor the lost part of
   * the leave rectangle.
   */
  private sameMembersAsLast(slice: SquareSlice): boolean {
    return clippedWithin(slice, this.enter, this.lastEnter) && clippedWithin(slice, this.lastLeave, this.leave);
  }

  /** No budget: nothing to spend (the broadcaster calls this for every viewer after a send). */
  spend(_frameBytes: number): void {}

  /** Member ids of the last committed view, ascending (tests). */
  memberIds(stride: number): number[] {
    const v = this.ring.current;
    return v ? Array.from(v.toTable(stride).ids.subarray(0, v.rowCount)) : [];
  }

  private addBoundary(
    view: SquareView,
    key: number,
    slice: SquareSlice,
    xField: number,
    yField: number,
    stride: number,
    index: SquareIndex,
    prev: SquareView | null,
    samePrev: number,
  ): void {
    const n = slice.count;
    const nWords = (n + 31) >>> 5;
    if (this.words.length < nWords) this.words = new Uint32Array(nWords * 2);
    const words = this.words;
    words.fill(0, 0, nWords);
    const e = this.enter;
    const l = this.leave;
    const w = rowWidth(stride);
    const d = slice.data;
    let members = 0;
    for (let k = 0, o = 0; k < n; k++, o += w) {
      const x = d[o + 2 + xField];
      const y = d[o + 2 + yField];
      let member: boolean;
      if (x >= e.x0 && x <= e.x1 && y >= e.y0 && y <= e.y1) member = true;
      else if (x < l.x0 || x > l.x1 || y < l.y0 || y > l.y1) member = false;
      else member = prev !== null && wasMember(d[o], key, index, prev, samePrev, w);
      if (!member) continue;
      words[k >>> 5] |= 1 << (k & 31);
      members++;
    }
    if (members === n) view.addAll(key, slice);
    else if (members > 0) view.addMasked(key, slice, words, members);
  }
}

/** Whether `id` was a member of `prev`: in the same square's part, or in the part of the square it came from. */
function wasMember(id: number, key: number, index: SquareIndex, prev: SquareView, samePrev: number, w: number): boolean {
  if (samePrev >= 0 && prev.hasMember(samePrev, id, w)) return true;
  const from = index.previousKeyOf(id);
  if (from < 0 || from === key) return false;
  const p = prev.partOf(from);
  return p >= 0 && prev.hasMember(p, id, w);
}
