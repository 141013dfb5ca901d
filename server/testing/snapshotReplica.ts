/** Rebuilds the server's world from snapshot deltas the way a real client does. */
import type { EntityLayout } from '../../shared/protocol/entitySchema';
import type { EntityTable } from '../../shared/protocol/entityTable';
import type { SnapshotFrame } from '../../shared/protocol/snapshotFrame';
import { applyDelta } from '../../shared/protocol/snapshotDelta';

export class SnapshotReplica {
  readonly tables = new Map<number, EntityTable>();
  ackTick = 0;
  ackSeq = 0;
  applied = 0;

  constructor(private readonly layout: EntityLayout) {}

  apply(frame: SnapshotFrame): void {
    const { delta, ackSeq } = frame;
    const base = delta.baseTick === 0 ? null : (this.tables.get(delta.baseTick) ?? null);
    const table = applyDelta(base, delta, this.layout);
    this.tables.set(delta.tick, table);
    if (delta.tick > this.ackTick) this.ackTick = delta.tick;
    this.ackSeq = ackSeq;
    this.applied++;
    // Keep what a real client keeps: enough baselines for the server's ring.
    for (const tick of this.tables.keys()) if (tick < delta.tick - 256) this.tables.delete(tick);
  }

  get latest(): EntityTable | undefined {
    return this.tables.get(this.ackTick);
  }

  /** Values of entity `id` in the latest table, by field index. */
  entity(id: number): number[] | undefined {
    const t = this.latest;
    if (!t) return undefined;
    const row = t.indexOf(id);
    return row < 0 ? undefined : Array.from(t.values.subarray(row * t.fieldCount, (row + 1) * t.fieldCount));
  }
}
