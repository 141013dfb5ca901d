/**
 * One Colyseus client's area of interest, kept in its StateView: each patch
 * the entities within the area are computed exactly as tickwire's bigcells
 * does (cellsInterest's area: screen + margin growing with the zoom; enter at
 * screen + margin, leave past screen + 1.5 × margin), then the difference
 * with the last patch goes to the view: `view.add(entity)` for entering
 * entities, `view.remove(entity)` for leaving ones — the documented StateView
 * usage (docs.colyseus.io/state/view, "area-based" filtering).
 *
 * Choice: the set itself comes from tickwire's own grid and membership
 * (server/interest/spatialGrid.ts, interestMembership.ts: one query of the
 * leave rectangle, a merge with the last set, no allocation), so both servers
 * pick exactly the same entities and the peer pays no more than tickwire for
 * finding them; what differs is what each framework does with the set.
 */
import type { StateView } from '@colyseus/schema';
import type { InterestArea } from '../../../shared/engine/gameDefinition';
import type { EntityTable } from '../../../shared/protocol/entityTable';
import { InterestMembership } from '../../../server/interest/interestMembership';
import type { SpatialGrid } from '../../../server/interest/spatialGrid';
import type { BigEntity } from './bigcellsState';
import type { BigcellsMirror } from './bigcellsMirror';

export class ClientInterest {
  private readonly membership = new InterestMembership();
  /** What the view held after the last patch: ids ascending and the entity objects added. */
  private ids = new Uint32Array(256);
  private entities: (BigEntity | undefined)[] = [];
  private count = 0;
  /** The other buffers, swapped each update (no allocation in steady play). */
  private spareIds = new Uint32Array(256);
  private spareEntities: (BigEntity | undefined)[] = [];
  /** Entities added and removed by the last update (for the bench's counters). */
  added = 0;
  removed = 0;

  constructor(
    readonly playerId: number,
    readonly view: StateView,
  ) {}

  /** Entities in the view after the last update. */
  get size(): number {
    return this.count;
  }

  /** Ids in the view after the last update, ascending. */
  memberIds(): number[] {
    return Array.from(this.ids.subarray(0, this.count));
  }

  /** Step 1 of a patch: the entities in the area now (with hysteresis). */
  findMembers(world: EntityTable, grid: SpatialGrid, area: InterestArea, xField: number, yField: number): void {
    this.membership.update(world, grid, area, xField, yField);
  }

  /** Step 2: what entered goes into the StateView, what left comes out. */
  applyToView(mirror: BigcellsMirror): void {
    const view = this.view;
    const ids = this.membership.ids;
    const n = this.membership.count;
    const byId = mirror.entitiesById;
    const prevIds = this.ids;
    const prev = this.entities;
    const prevCount = this.count;
    if (this.spareIds.length < n) this.spareIds = new Uint32Array(n * 2);
    const nextIds = this.spareIds;
    // Only grown, never shrunk (a length change would reallocate); slots past `count` are not read.
    const next = this.spareEntities;
    while (next.length < n) next.push(undefined);
    let i = 0;
    let j = 0;
    let added = 0;
    let removed = 0;
    while (i < n || j < prevCount) {
      const id = i < n ? ids[i] : 0xffffffff;
      const was = j < prevCount ? prevIds[j] : 0xffffffff;
      if (id < was) {
        const e = byId[id];
        if (e !== undefined) view.add(e);
        added++;
        nextIds[i] = id;
        next[i++] = e;
      } else if (was < id) {
        // Still in the state: remove it from this view. Gone from the state: Colyseus sends the delete itself.
        const old = prev[j++];
        if (old !== undefined && byId[was] === old) view.remove(old);
        removed++;
      } else {
        // Same id: a different object (the id was reused for another kind) is an entering entity.
        const e = byId[id];
        if (e !== prev[j] && e !== undefined) {
          view.add(e);
          added++;
        }
        nextIds[i] = id;
        next[i++] = e;
        j++;
      }
    }
    this.spareIds = prevIds;
    this.spareEntities = prev;
    this.ids = nextIds;
    this.entities = next;
    this.count = n;
    this.added = added;
    this.removed = removed;
  }
}
