/**
 * The client-side baseline store of the test clients and load-test bots:
 * rebuilds the server's world from snapshot deltas the way a real client
 * does, keeping the newest `keep` tables as delta baselines (the server may
 * diff against any tick the client acknowledged). One copy for tests and
 * bots; the browser client's store (client/src/netcode/snapshotStore.ts) is
 * the third and belongs to the client SDK.
 */
import type { EntityLayout } from '../../shared/protocol/entitySchema';
import type { EntityTable } from '../../shared/protocol/entityTable';
import type { SnapshotFrame } from '../../shared/protocol/snapshotFrame';
import { applyDelta } from '../../shared/protocol/snapshotDelta';

/** Baselines kept by default: the server's snapshot ring holds 32. */
export const DEFAULT_BASELINES_KEPT = 32;

export class SnapshotReplica {
  readonly tables = new Map<number, EntityTable>();
  /** Newest snapshot tick applied (what the client acknowledges; 0 = none). */
  ackTick = 0;
  /** ackSeq of the last snapshot applied. */
  ackSeq = 0;
  applied = 0;
  /** Snapshots dropped because their baseline was not kept (the server sends a full one after). */
  withoutBaseline = 0;

  constructor(
    readonly layout: EntityLayout,
    private readonly keep = DEFAULT_BASELINES_KEPT,
  ) {}

  /**
   * Apply a snapshot frame. Returns false (and counts it) when its baseline is
   * not kept; throws BaselineMismatchError on a delta that contradicts it.
   */
  apply(frame: SnapshotFrame): boolean {
    const { delta, ackSeq } = frame;
    const base = delta.baseTick === 0 ? null : (this.tables.get(delta.baseTick) ?? null);
    if (delta.baseTick !== 0 && base === null) {
      this.withoutBaseline++;
      return false;
    }
    const table = applyDelta(base, delta, this.layout);
    this.tables.set(delta.tick, table);
    if (delta.tick > this.ackTick) this.ackTick = delta.tick;
    this.ackSeq = ackSeq;
    this.applied++;
    if (this.tables.size > this.keep) {
      // Map order is insertion order (ascending ticks): drop the oldest, never the newest.
      for (const tick of this.tables.keys()) {
        if (this.tables.size <= this.keep) break;
        if (tick !== this.ackTick) this.tables.delete(tick);
      }
    }
    return true;
  }

  get latest(): EntityTable | undefined {
    return this.tables.get(this.ackTick);
  }

  /** Values of entity `id` in the latest table, by field index (its kind's fields, then zeros to the stride). */
  entity(id: number): number[] | undefined {
    const t = this.latest;
    if (!t) return undefined;
    const row = t.indexOf(id);
    return row < 0 ? undefined : Array.from(t.values.subarray(row * t.fieldCount, (row + 1) * t.fieldCount));
  }
}
