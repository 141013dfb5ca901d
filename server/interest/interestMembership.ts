/**
 * One viewer's interest set, kept from snapshot to snapshot with hysteresis:
 *
 *          ┌──────────── leave edge: screen + margin × hysteresis ───┐
 *          │  ┌──────── enter edge: screen + margin ──────────┐      │
 *          │  │  ┌──── screen (what the camera shows) ───┐    │      │
 *          │  │  └───────────────────────────────────────┘    │      │
 *          │  └───────────────────────────────────────────────┘      │
 *          └─────────────────────────────────────────────────────────┘
 *
 * An entity joins the set when it is inside the enter edge and leaves it
 * only when it is outside the leave edge, so one that wobbles across either
 * edge is not created and removed on alternate snapshots. Per member it
 * carries the priority accumulator and the tick since which the client's
 * copy has been behind (staleness), both merged along with the ids.
 *
 * Cost per snapshot: one grid query of the leave rectangle plus a merge
 * with the previous set, O(entities near the viewer), never O(world).
 */
import type { InterestArea } from '../../shared/engine/gameDefinition';
import type { EntityTable } from '../../shared/protocol/entityTable';
import { GridQueryResult, type SpatialGrid } from './spatialGrid';

/** The leave edge's margin as a multiple of the enter edge's. */
export const DEFAULT_HYSTERESIS = 1.5;

export class InterestMembership {
  /** Members, ascending: their ids, rows in this snapshot's world table, and carried state. */
  ids = new Uint32Array(64);
  rows = new Int32Array(64);
  priority = new Float64Array(64);
  /** Tick since which the client's copy differs from the world (-1: up to date). */
  staleSince = new Int32Array(64);
  count = 0;

  private nextIds = new Uint32Array(64);
  private nextRows = new Int32Array(64);
  private nextPriority = new Float64Array(64);
  private nextStale = new Int32Array(64);
  private readonly query = new GridQueryResult();

  constructor(readonly hysteresis = DEFAULT_HYSTERESIS) {
    if (!(hysteresis >= 1)) throw new RangeError(`InterestMembership: hysteresis must be ≥ 1, got ${hysteresis}`);
  }

  /** Recompute the set for `area` over `world` (indexed by `grid`). */
  update(world: EntityTable, grid: SpatialGrid, area: InterestArea, xField: number, yField: number): void {
    const enterW = area.halfWidth + area.margin;
    const enterH = area.halfHeight + area.margin;
    const leaveW = area.halfWidth + area.margin * this.hysteresis;
    const leaveH = area.halfHeight + area.margin * this.hysteresis;
    const q = this.query;
    grid.query(area.x - leaveW, area.y - leaveH, area.x + leaveW, area.y + leaveH, q);
    if (this.nextIds.length < q.count) this.growNext(q.count);
    const f = world.fieldCount;
    const v = world.values;
    let p = 0;
    let n = 0;
    for (let k = 0; k < q.count; k++) {
      const row = q.rows[k];
      const id = world.ids[row];
      while (p < this.count && this.ids[p] < id) p++;
      const was = p < this.count && this.ids[p] === id;
      if (!was) {
        const dx = v[row * f + xField] - area.x;
        const dy = v[row * f + yField] - area.y;
        if (dx < -enterW || dx > enterW || dy < -enterH || dy > enterH) continue;
      }
      this.nextIds[n] = id;
      this.nextRows[n] = row;
      this.nextPriority[n] = was ? this.priority[p] : 0;
      this.nextStale[n] = was ? this.staleSince[p] : -1;
      n++;
    }
    this.swap(n);
  }

  /** Forget everything (the viewer starts over, e.g. after a full snapshot is forced). */
  clear(): void {
    this.count = 0;
  }

  private swap(n: number): void {
    [this.ids, this.nextIds] = [this.nextIds, this.ids];
    [this.rows, this.nextRows] = [this.nextRows, this.rows];
    [this.priority, this.nextPriority] = [this.nextPriority, this.priority];
    [this.staleSince, this.nextStale] = [this.nextStale, this.staleSince];
    this.count = n;
  }

  private growNext(n: number): void {
    const cap = Math.max(n, this.nextIds.length * 2);
    this.nextIds = new Uint32Array(cap);
    this.nextRows = new Int32Array(cap);
    this.nextPriority = new Float64Array(cap);
    this.nextStale = new Int32Array(cap);
  }
}
