/**
 * A quantized world at one tick: entities sorted by id, each a kind byte and a
 * row of int32 fields. Flat typed arrays so the server can keep a ring of them
 * and refill without allocating.
 */
export interface EntityRow {
  id: number;
  kind: number;
  values: number[];
}

/** Index of `id` among the first `count` of ascending `ids`, or -1 (binary search). */
export function indexOfSortedId(ids: ArrayLike<number>, count: number, id: number): number {
  let lo = 0;
  let hi = count - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >>> 1;
    const v = ids[mid];
    if (v === id) return mid;
    if (v < id) lo = mid + 1;
    else hi = mid - 1;
  }
  return -1;
}

export class EntityTable {
  tick = 0;
  count = 0;
  ids: Uint32Array;
  kinds: Uint8Array;
  values: Int32Array;
  private sorted = true;

  constructor(
    readonly fieldCount: number,
    capacity = 16,
  ) {
    this.ids = new Uint32Array(capacity);
    this.kinds = new Uint8Array(capacity);
    this.values = new Int32Array(capacity * fieldCount);
  }

  static from(fieldCount: number, tick: number, rows: readonly EntityRow[]): EntityTable {
    const t = new EntityTable(fieldCount, Math.max(1, rows.length));
    t.begin(tick);
    for (const r of rows) {
      const row = t.push(r.id, r.kind);
      for (let f = 0; f < fieldCount; f++) t.values[row * fieldCount + f] = r.values[f] ?? 0;
    }
    return t.finish();
  }

  begin(tick: number): this {
    this.tick = tick;
    this.count = 0;
    this.sorted = true;
    return this;
  }

  /** Append an entity; returns its row. Ids should come in ascending order (finish() sorts otherwise). */
  push(id: number, kind: number): number {
    if (this.count === this.ids.length) this.grow();
    const row = this.count++;
    if (row > 0 && id <= this.ids[row - 1]) this.sorted = false;
    this.ids[row] = id;
    this.kinds[row] = kind;
    this.values.fill(0, row * this.fieldCount, (row + 1) * this.fieldCount);
    return row;
  }

  /**
   * Append row `srcRow` of `src` (same field count) as entity `id`: the
   * server's per-viewer views copy rows of the world this way, without
   * zeroing first. Ids must come ascending (the caller's order is trusted).
   */
  pushCopy(src: EntityTable, srcRow: number): number {
    if (this.count === this.ids.length) this.grow();
    const row = this.count++;
    this.ids[row] = src.ids[srcRow];
    this.kinds[row] = src.kinds[srcRow];
    const f = this.fieldCount;
    const v = this.values;
    const s = src.values;
    for (let k = 0, o = row * f, so = srcRow * f; k < f; k++) v[o + k] = s[so + k];
    return row;
  }

  set(row: number, field: number, value: number): void {
    this.values[row * this.fieldCount + field] = value;
  }

  get(row: number, field: number): number {
    return this.values[row * this.fieldCount + field];
  }

  /** Row of `id`, or -1. Binary search: ids are sorted. */
  indexOf(id: number): number {
    return indexOfSortedId(this.ids, this.count, id);
  }

  /** Sort rows by id if pushes came out of order; rejects duplicate ids. */
  finish(): this {
    if (!this.sorted) {
      const rows = this.toRows().sort((a, b) => a.id - b.id);
      this.begin(this.tick);
      for (const r of rows) {
        const row = this.push(r.id, r.kind);
        this.values.set(r.values, row * this.fieldCount);
      }
    }
    for (let i = 1; i < this.count; i++) {
      if (this.ids[i] === this.ids[i - 1]) throw new Error(`EntityTable: duplicate entity id ${this.ids[i]}`);
    }
    return this;
  }

  copyFrom(other: EntityTable): this {
    if (other.fieldCount !== this.fieldCount) throw new Error('EntityTable.copyFrom: field count differs');
    while (this.ids.length < other.count) this.grow();
    this.tick = other.tick;
    this.count = other.count;
    this.ids.set(other.ids.subarray(0, other.count));
    this.kinds.set(other.kinds.subarray(0, other.count));
    this.values.set(other.values.subarray(0, other.count * this.fieldCount));
    this.sorted = true;
    return this;
  }

  clone(): EntityTable {
    return new EntityTable(this.fieldCount, Math.max(1, this.count)).copyFrom(this);
  }

  /** Same entities, kinds and values (the tick is not compared). */
  sameEntities(other: EntityTable): boolean {
    if (other.count !== this.count || other.fieldCount !== this.fieldCount) return false;
    for (let i = 0; i < this.count; i++) {
      if (this.ids[i] !== other.ids[i] || this.kinds[i] !== other.kinds[i]) return false;
    }
    const n = this.count * this.fieldCount;
    for (let i = 0; i < n; i++) if (this.values[i] !== other.values[i]) return false;
    return true;
  }

  toRows(): EntityRow[] {
    const rows: EntityRow[] = [];
    for (let i = 0; i < this.count; i++) {
      rows.push({
        id: this.ids[i],
        kind: this.kinds[i],
        values: Array.from(this.values.subarray(i * this.fieldCount, (i + 1) * this.fieldCount)),
      });
    }
    return rows;
  }

  private grow(): void {
    const cap = Math.max(4, this.ids.length * 2);
    const ids = new Uint32Array(cap);
    ids.set(this.ids);
    const kinds = new Uint8Array(cap);
    kinds.set(this.kinds);
    const values = new Int32Array(cap * this.fieldCount);
    values.set(this.values);
    this.ids = ids;
    this.kinds = kinds;
    this.values = values;
  }
}
