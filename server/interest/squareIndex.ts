/**
 * The world cut into grid squares, each square's rows held in an immutable
 * SquareSlice that is replaced only when something in the square changed
 * (a row entered or left it, or a field changed). A slice's `version` is the
 * tick of that change, so a viewer whose view of a square already holds the
 * current slice skips the square entirely: with 16,384 mostly static food
 * pellets, most squares in a view are the same object snapshot after
 * snapshot, and no viewer diffs them (docs/BIG-WORLDS.md, "Change tracking").
 *
 * Each square holds one slice per entity kind (a "layer"): moving kinds (the
 * cells) change their square's slice every snapshot, and the food of the
 * same square must not be dragged along with them. Slices are keyed by
 * `square × layers + layer`.
 *
 * Per snapshot, once for all viewers: a counting sort of the world's rows by
 * square, a walk of the world against the previous one (both by id) that
 * marks the squares a row entered, left or changed in, and for those squares
 * only a comparison of their rows with their slice and a new slice (one
 * packed array) if they differ. The walk is sequential over typed arrays,
 * the per-slice comparison was scattered: in a big world most squares
 * (static food) are skipped. A room whose viewers are spread over the
 * snapshot interval builds this every tick (viewerPhases.ts), so it has to be cheap.
 * Slices are shared by every viewer's views and never mutated, so a view is
 * a list of references, not a copy of rows.
 */
import type { EntityTable } from '../../shared/protocol/entityTable';

/**
 * One square's rows at `version`, ascending id. `data` packs each row as
 * [id, kind, field 0 .. field stride-1] (stride + 2 numbers per row).
 */
export interface SquareSlice {
  readonly version: number;
  readonly count: number;
  readonly data: readonly number[];
  /** Bounding box of the rows' positions (empty slice: min > max). */
  readonly minX: number;
  readonly maxX: number;
  readonly minY: number;
  readonly maxY: number;
}

/** Numbers per packed row: id, kind, then the fields. */
export const rowWidth = (stride: number): number => stride + 2;

const EMPTY: SquareSlice = { version: 0, count: 0, data: [], minX: 1, maxX: 0, minY: 1, maxY: 0 };

export class SquareIndex {
  cols = 1;
  rows = 1;
  squareSize = 1;
  /** Slices per square: one per entity kind of the layout. */
  readonly layers: number;
  /** The current slice of each (square, layer) (row-major squares: square = row × cols + col; key = square × layers + layer). */
  slices: SquareSlice[] = [EMPTY];
  /** Squares replaced in the last build (for the bench and tests). */
  changedSquares = 0;
  private stride = 0;
  private start = new Int32Array(2);
  private entries = new Int32Array(64);
  private squareOf = new Int32Array(64);
  private cursor = new Int32Array(2);
  /** Layer of each kind byte. */
  private readonly layerOf = new Uint8Array(256);
  private xField = 0;
  private yField = 1;
  /** Slice key of each entity id in this snapshot and in the one before (stale for ids no longer present). */
  private keyOfId = new Int32Array(1024);
  private prevKeyOfId = new Int32Array(1024);
  /** The rows of the previous build, sorted by id (what `markChanged` walks the world against). */
  private prevIds = new Uint32Array(64);
  private prevKinds = new Uint8Array(64);
  private prevValues = new Int32Array(64);
  private prevCount = 0;
  /** Per (square, layer): 1 when a row entered, left or changed in it since the previous build. */
  private changed = new Uint8Array(64);

  /** `kinds`: the entity kinds of the layout (each gets its own layer). */
  constructor(kinds: readonly number[]) {
    this.layers = Math.max(1, kinds.length);
    kinds.forEach((kind, i) => (this.layerOf[kind & 255] = i));
  }

  /** Index `world` (sorted by id) by its position fields; `squareSize` in the same units. */
  build(world: EntityTable, xField: number, yField: number, width: number, height: number, squareSize: number): void {
    if (!(squareSize > 0)) throw new RangeError(`SquareIndex.build: squareSize must be > 0, got ${squareSize}`);
    const cols = Math.max(1, Math.ceil(width / squareSize));
    const rows = Math.max(1, Math.ceil(height / squareSize));
    if (cols !== this.cols || rows !== this.rows || squareSize !== this.squareSize || world.fieldCount !== this.stride) {
      this.cols = cols;
      this.rows = rows;
      this.squareSize = squareSize;
      this.stride = world.fieldCount;
      this.slices = new Array<SquareSlice>(cols * rows * this.layers).fill(EMPTY);
      this.prevCount = -1; // every square is compared with its (empty) slice
    }
    if (xField !== this.xField || yField !== this.yField) this.prevCount = -1;
    this.xField = xField;
    this.yField = yField;
    this.sortBySquare(world, xField, yField);
    this.recordKeys(world);
    const n = this.cols * this.rows * this.layers;
    const all = this.prevCount < 0;
    if (!all) this.markChanged(world, n);
    this.changedSquares = 0;
    for (let sq = 0; sq < n; sq++) {
      if (!all && this.changed[sq] === 0) continue;
      if (!this.sameAsSlice(world, sq)) {
        this.slices[sq] = this.sliceOf(world, sq);
        this.changedSquares++;
      }
    }
    this.keepRows(world);
  }

  /**
   * Mark the squares whose rows may differ from the previous build: a row
   * that is new (its square), gone (its old square), or changed in kind or
   * any field (both). A square not marked holds exactly the rows it held, and
   * its slice already equals them.
   */
  private markChanged(world: EntityTable, buckets: number): void {
    if (this.changed.length < buckets) this.changed = new Uint8Array(buckets);
    const changed = this.changed;
    changed.fill(0, 0, buckets);
    const f = this.stride;
    const ids = world.ids;
    const kinds = world.kinds;
    const v = world.values;
    const pIds = this.prevIds;
    const pKinds = this.prevKinds;
    const pv = this.prevValues;
    const prevKey = this.prevKeyOfId;
    const count = world.count;
    const pCount = this.prevCount;
    let i = 0;
    let j = 0;
    while (i < count && j < pCount) {
      const a = ids[i];
      const b = pIds[j];
      if (a === b) {
        let same = kinds[i] === pKinds[j];
        for (let k = 0, o = i * f, po = j * f; same && k < f; k++) same = v[o + k] === pv[po + k];
        if (!same) {
          changed[this.squareOf[i]] = 1;
          changed[prevKey[b]] = 1;
        }
        i++;
        j++;
      } else if (a < b) changed[this.squareOf[i++]] = 1;
      else changed[prevKey[pIds[j++]]] = 1;
    }
    while (i < count) changed[this.squareOf[i++]] = 1;
    while (j < pCount) changed[prevKey[pIds[j++]]] = 1;
  }

  /** Copy the world's rows for the next build's walk (three typed-array copies). */
  private keepRows(world: EntityTable): void {
    const count = world.count;
    const f = world.fieldCount;
    if (this.prevIds.length < count) {
      this.prevIds = new Uint32Array(count * 2);
      this.prevKinds = new Uint8Array(count * 2);
    }
    if (this.prevValues.length < count * f) this.prevValues = new Int32Array(count * f * 2);
    this.prevIds.set(world.ids.subarray(0, count));
    this.prevKinds.set(world.kinds.subarray(0, count));
    this.prevValues.set(world.values.subarray(0, count * f));
    this.prevCount = count;
  }

  /**
   * The slice key entity `id` had in the previous snapshot, or -1. May be
   * stale for an id that was absent then: callers confirm by finding the id.
   */
  previousKeyOf(id: number): number {
    return id < this.prevKeyOfId.length ? this.prevKeyOfId[id] : -1;
  }

  private recordKeys(world: EntityTable): void {
    [this.keyOfId, this.prevKeyOfId] = [this.prevKeyOfId, this.keyOfId];
    const maxId = world.count > 0 ? world.ids[world.count - 1] : 0;
    if (this.keyOfId.length <= maxId) {
      const grown = new Int32Array(Math.max(maxId + 1, this.keyOfId.length * 2)).fill(-1);
      this.keyOfId = grown;
    }
    for (let r = 0; r < world.count; r++) this.keyOfId[world.ids[r]] = this.squareOf[r];
  }

  col(x: number): number {
    const c = Math.floor(x / this.squareSize);
    return c < 0 ? 0 : c >= this.cols ? this.cols - 1 : c;
  }

  row(y: number): number {
    const r = Math.floor(y / this.squareSize);
    return r < 0 ? 0 : r >= this.rows ? this.rows - 1 : r;
  }

  /** Counting sort of the world's rows by (square, layer); each run stays ascending (ascending id). */
  private sortBySquare(world: EntityTable, xField: number, yField: number): void {
    const buckets = this.cols * this.rows * this.layers;
    if (this.start.length < buckets + 1) {
      this.start = new Int32Array(buckets + 1);
      this.cursor = new Int32Array(buckets + 1);
    }
    const count = world.count;
    if (this.entries.length < count) {
      this.entries = new Int32Array(count * 2);
      this.squareOf = new Int32Array(count * 2);
    }
    const start = this.start;
    start.fill(0, 0, buckets + 1);
    const f = world.fieldCount;
    const v = world.values;
    for (let r = 0; r < count; r++) {
      const sq = (this.row(v[r * f + yField]) * this.cols + this.col(v[r * f + xField])) * this.layers + this.layerOf[world.kinds[r]];
      this.squareOf[r] = sq;
      start[sq + 1]++;
    }
    for (let sq = 0; sq < buckets; sq++) start[sq + 1] += start[sq];
    this.cursor.set(start.subarray(0, buckets));
    for (let r = 0; r < count; r++) this.entries[this.cursor[this.squareOf[r]]++] = r;
  }

  private sameAsSlice(world: EntityTable, sq: number): boolean {
    const slice = this.slices[sq];
    const from = this.start[sq];
    const n = this.start[sq + 1] - from;
    if (n !== slice.count) return false;
    const f = this.stride;
    const w = f + 2;
    const d = slice.data;
    const v = world.values;
    for (let k = 0; k < n; k++) {
      const row = this.entries[from + k];
      const o = k * w;
      if (d[o] !== world.ids[row] || d[o + 1] !== world.kinds[row]) return false;
      for (let i = 0, wo = row * f; i < f; i++) if (d[o + 2 + i] !== v[wo + i]) return false;
    }
    return true;
  }

  private sliceOf(world: EntityTable, sq: number): SquareSlice {
    const from = this.start[sq];
    const n = this.start[sq + 1] - from;
    if (n === 0) return { ...EMPTY, version: world.tick };
    const f = this.stride;
    // Pushed, not pre-sized: a pre-sized array is "holey" to V8, and every viewer's and delta's loops read these.
    const data: number[] = [];
    const v = world.values;
    let minX = Infinity;
    let maxX = -Infinity;
    let minY = Infinity;
    let maxY = -Infinity;
    for (let k = 0; k < n; k++) {
      const row = this.entries[from + k];
      data.push(world.ids[row], world.kinds[row]);
      const wo = row * f;
      for (let i = 0; i < f; i++) data.push(v[wo + i]);
      const x = v[wo + this.xField];
      const y = v[wo + this.yField];
      if (x < minX) minX = x;
      if (x > maxX) maxX = x;
      if (y < minY) minY = y;
      if (y > maxY) maxY = y;
    }
    return { version: world.tick, count: n, data, minX, maxX, minY, maxY };
  }
}
