/**
 * One viewer of a big world: its interest set (with hysteresis), the ring of
 * views it was sent, its byte budget and its priorities. Each snapshot:
 *
 *   members  = interest set of the world table (grid query + hysteresis)
 *   baseline = the view it acknowledged (fullSnapshotLimiter decides; null = full)
 *   view     = for each member: the world's row if it is current in the
 *              baseline or chosen by the priority schedule, else the
 *              baseline's row (stale, waiting), or nothing (entering, waiting)
 *
 * The view goes into the ring: it is exactly what the client holds after
 * applying the delta baseline → view, so acknowledging it makes it the next
 * baseline. Cost: O(members + baseline rows), never O(world).
 */
import type { InterestArea } from '../../shared/engine/gameDefinition';
import type { EntityLayout } from '../../shared/protocol/entitySchema';
import type { EntityTable } from '../../shared/protocol/entityTable';
import { InterestMembership } from './interestMembership';
import { nearness, PendingList } from './prioritySchedule';
import { rowCost } from './rowCost';
import type { SpatialGrid } from './spatialGrid';
import { ViewerRing } from './viewerRing';

/** What the game says about entities, as the viewer needs it. */
export interface InterestRules {
  readonly layout: EntityLayout;
  readonly xField: number;
  readonly yField: number;
  importance(kind: number): number;
}

/** The bucket holds at most this many seconds of budget (a burst after a quiet spell). */
const BUCKET_SECONDS = 0.25;

export class InterestViewer {
  readonly membership: InterestMembership;
  readonly ring: ViewerRing;
  /** The worst staleness of an on-screen entity in the last view, in ticks. */
  stalestTicks = 0;
  private tokens = 0;
  private lastRefillMs = -1;
  private readonly pending = new PendingList();

  constructor(fieldCount: number, hysteresis?: number, ringSize?: number) {
    this.membership = new InterestMembership(hysteresis);
    this.ring = new ViewerRing(fieldCount, ringSize);
  }

  /**
   * Build this snapshot's view into the ring and return it. `focus` is the
   * viewer's own entity (always first in line); `budgetBytesPerSec` 0 = unlimited.
   */
  build(
    world: EntityTable,
    grid: SpatialGrid,
    area: InterestArea,
    baseline: EntityTable | null,
    focus: number,
    rules: InterestRules,
    budgetBytesPerSec: number,
    nowMs: number,
  ): EntityTable {
    const m = this.membership;
    m.update(world, grid, area, rules.xField, rules.yField);
    const view = this.ring.next(world.tick);
    const allowance = this.refill(budgetBytesPerSec, nowMs);
    if (allowance === Infinity) this.fillAll(world, view);
    else {
      this.schedule(world, baseline, area, focus, rules, allowance);
      this.fill(world, baseline, area, view, rules.layout.stride, rules);
    }
    return view;
  }

  /** Spend what the frame actually cost (after it was encoded). */
  spend(frameBytes: number): void {
    this.tokens -= frameBytes;
  }

  private refill(budgetBytesPerSec: number, nowMs: number): number {
    if (budgetBytesPerSec <= 0) return Infinity;
    const capBytes = budgetBytesPerSec * BUCKET_SECONDS;
    if (this.lastRefillMs < 0) this.tokens = capBytes;
    else this.tokens = Math.min(capBytes, this.tokens + (budgetBytesPerSec * Math.max(0, nowMs - this.lastRefillMs)) / 1000);
    this.lastRefillMs = nowMs;
    return Math.max(0, this.tokens);
  }

  /** Pending members (behind the baseline) and the ones the allowance lets through. */
  private schedule(world: EntityTable, baseline: EntityTable | null, area: InterestArea, focus: number, rules: InterestRules, allowance: number): void {
    const m = this.membership;
    const p = this.pending;
    p.reset();
    const f = world.fieldCount;
    let b = 0;
    const baseCount = baseline ? baseline.count : 0;
    for (let i = 0; i < m.count; i++) {
      const id = m.ids[i];
      while (b < baseCount && baseline!.ids[b] < id) b++;
      const baseRow = b < baseCount && baseline!.ids[b] === id ? b : -1;
      const row = m.rows[i];
      const cost = rowCost(rules.layout, baseline, baseRow, world, row);
      if (cost === 0) {
        m.priority[i] = 0;
        continue;
      }
      if (id === focus) m.priority[i] = Infinity;
      else {
        const near = nearness(world.values[row * f + rules.xField] - area.x, world.values[row * f + rules.yField] - area.y, area.halfWidth, area.halfHeight);
        m.priority[i] += rules.importance(world.kinds[row]) * near;
      }
      p.push(i, cost, m.priority[i]);
    }
    p.choose(allowance);
  }

  /** Write the view: members current or chosen from the world, waiting ones from the baseline. */
  private fill(world: EntityTable, baseline: EntityTable | null, area: InterestArea, view: EntityTable, stride: number, rules: InterestRules): void {
    const m = this.membership;
    const p = this.pending;
    let k = 0;
    let b = 0;
    const baseCount = baseline ? baseline.count : 0;
    let stalest = 0;
    const tick = world.tick;
    for (let i = 0; i < m.count; i++) {
      const id = m.ids[i];
      const isPending = k < p.count && p.index[k] === i;
      const waiting = isPending && p.chosen[k] === 0;
      if (isPending) k++;
      if (!waiting) {
        if (isPending) m.priority[i] = 0;
        m.staleSince[i] = -1;
      } else {
        if (m.staleSince[i] < 0) m.staleSince[i] = tick;
        if (onScreen(world, m.rows[i], area, rules)) stalest = Math.max(stalest, tick - m.staleSince[i]);
      }
      let src: EntityTable = world;
      let srcRow = m.rows[i];
      if (waiting) {
        while (b < baseCount && baseline!.ids[b] < id) b++;
        if (!(b < baseCount && baseline!.ids[b] === id)) continue; // entering, not yet sent
        src = baseline!;
        srcRow = b;
      }
      view.pushCopy(src, srcRow);
    }
    this.stalestTicks = stalest;
  }

  /** No budget: every member is sent as it is in the world (nothing waits, nothing is stale). */
  private fillAll(world: EntityTable, view: EntityTable): void {
    const m = this.membership;
    for (let i = 0; i < m.count; i++) view.pushCopy(world, m.rows[i]);
    this.stalestTicks = 0;
  }
}


function onScreen(world: EntityTable, row: number, area: InterestArea, rules: InterestRules): boolean {
  const f = world.fieldCount;
  const dx = world.values[row * f + rules.xField] - area.x;
  const dy = world.values[row * f + rules.yField] - area.y;
  return dx >= -area.halfWidth && dx <= area.halfWidth && dy >= -area.halfHeight && dy <= area.halfHeight;
}
