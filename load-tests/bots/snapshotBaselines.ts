/**
 * The snapshot tables a client keeps as delta baselines: the newest `keep`
 * applied tables by tick (the server may diff against any tick we acked).
 */
import { applyDelta, type EntitySchema, type EntityTable, type SnapshotDelta } from '../../shared/protocol';

export class SnapshotBaselines {
  private readonly tables = new Map<number, EntityTable>();
  newestTick = 0;

  constructor(
    private readonly schema: EntitySchema,
    private readonly keep = 32,
  ) {}

  /** Apply a delta; false when its baseline is not kept (the snapshot is dropped). */
  apply(delta: SnapshotDelta): boolean {
    const base = delta.baseTick === 0 ? null : (this.tables.get(delta.baseTick) ?? null);
    if (delta.baseTick !== 0 && base === null) return false;
    const table = applyDelta(base, delta, this.schema);
    this.tables.set(delta.tick, table);
    if (delta.tick > this.newestTick) this.newestTick = delta.tick;
    if (this.tables.size > this.keep) {
      for (const tick of this.tables.keys()) {
        if (this.tables.size <= this.keep) break;
        if (tick !== this.newestTick) this.tables.delete(tick);
      }
    }
    return true;
  }
}
