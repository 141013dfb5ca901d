/**
 * A uniform grid over one captured world table, rebuilt from scratch each
 * snapshot by a counting sort (two passes over the rows, no allocation once
 * grown): O(entities + buckets) per snapshot, independent of the viewers.
 * A query visits the buckets a rectangle overlaps and returns the rows inside
 * it in ascending row order, i.e. ascending entity id (the table is sorted).
 *
 * Why a grid and not a quadtree: the world is bounded and the density is
 * even (food everywhere, players spread out), so a grid's buckets hold about
 * the same number of entities and a query touches a fixed number of them;
 * a rebuild is two linear passes, where a quadtree or an R-tree costs
 * O(n log n) and allocation per snapshot. Figures: docs/BIG-WORLDS.md.
 */
import type { EntityTable } from '../../shared/protocol/entityTable';

export class SpatialGrid {
  private cols = 1;
  private rows = 1;
  private bucketSize = 1;
  /** bucketStart[c] .. bucketStart[c + 1]: the slice of `entries` holding bucket c's rows. */
  private bucketStart = new Int32Array(2);
  private entries = new Int32Array(64);
  private bucketOf = new Int32Array(64);
  private xs = new Int32Array(64);
  private ys = new Int32Array(64);

  /** Index the rows of `table` by the position fields; `bucketSize` in the same units. */
  build(table: EntityTable, xField: number, yField: number, width: number, height: number, bucketSize: number): void {
    if (!(bucketSize > 0)) throw new RangeError(`SpatialGrid.build: bucketSize must be > 0, got ${bucketSize}`);
    this.bucketSize = bucketSize;
    this.cols = Math.max(1, Math.ceil(width / bucketSize));
    this.rows = Math.max(1, Math.ceil(height / bucketSize));
    const buckets = this.cols * this.rows;
    if (this.bucketStart.length < buckets + 1) this.bucketStart = new Int32Array(buckets + 1);
    const n = table.count;
    if (this.entries.length < n) this.growRows(n);
    const start = this.bucketStart;
    start.fill(0, 0, buckets + 1);
    const f = table.fieldCount;
    const v = table.values;
    for (let r = 0; r < n; r++) {
      const x = v[r * f + xField];
      const y = v[r * f + yField];
      this.xs[r] = x;
      this.ys[r] = y;
      const c = this.clampRow(Math.floor(y / bucketSize)) * this.cols + this.clampCol(Math.floor(x / bucketSize));
      this.bucketOf[r] = c;
      start[c + 1]++;
    }
    for (let c = 0; c < buckets; c++) start[c + 1] += start[c];
    // Fill in row order so each bucket's slice is ascending.
    const cursor = this.cursorScratch(buckets);
    cursor.set(start.subarray(0, buckets));
    for (let r = 0; r < n; r++) this.entries[cursor[this.bucketOf[r]]++] = r;
  }

  /**
   * Rows whose position lies in [minX, maxX] × [minY, maxY], ascending, into
   * `out` (grown as needed, returned with the count in `result.count`).
   */
  query(minX: number, minY: number, maxX: number, maxY: number, result: GridQueryResult): void {
    const s = this.bucketSize;
    const c0 = this.clampCol(Math.floor(minX / s));
    const c1 = this.clampCol(Math.floor(maxX / s));
    const r0 = this.clampRow(Math.floor(minY / s));
    const r1 = this.clampRow(Math.floor(maxY / s));
    let count = 0;
    for (let r = r0; r <= r1; r++) {
      for (let c = c0; c <= c1; c++) {
        const bucket = r * this.cols + c;
        for (let k = this.bucketStart[bucket], end = this.bucketStart[bucket + 1]; k < end; k++) {
          const row = this.entries[k];
          const x = this.xs[row];
          const y = this.ys[row];
          if (x < minX || x > maxX || y < minY || y > maxY) continue;
          if (count === result.rows.length) result.grow();
          result.rows[count++] = row;
        }
      }
    }
    result.count = count;
    // Buckets were visited row-major, each ascending: sort the concatenation (few hundred ints, typed-array sort).
    if (count > 1) result.rows.subarray(0, count).sort();
  }

  private cursor = new Int32Array(2);

  private cursorScratch(buckets: number): Int32Array {
    if (this.cursor.length < buckets) this.cursor = new Int32Array(buckets);
    return this.cursor;
  }

  private clampCol(c: number): number {
    return c < 0 ? 0 : c >= this.cols ? this.cols - 1 : c;
  }

  private clampRow(r: number): number {
    return r < 0 ? 0 : r >= this.rows ? this.rows - 1 : r;
  }

  private growRows(n: number): void {
    const cap = Math.max(n, this.entries.length * 2);
    this.entries = new Int32Array(cap);
    this.bucketOf = new Int32Array(cap);
    this.xs = new Int32Array(cap);
    this.ys = new Int32Array(cap);
  }
}

/** A reusable query result: `rows[0 .. count)`. */
export class GridQueryResult {
  rows = new Int32Array(256);
  count = 0;

  grow(): void {
    const rows = new Int32Array(this.rows.length * 2);
    rows.set(this.rows);
    this.rows = rows;
  }
}
