/**
 * The test clients' and load-test bots' view of the client-side baseline
 * store: the one SnapshotStore (shared/protocol/snapshotStore.ts, which the
 * browser SDK uses too) with the bookkeeping tests want — the ackSeq of the
 * last snapshot applied, a count of deltas whose baseline was not kept, and
 * a delta that contradicts its baseline thrown rather than swallowed.
 */
import type { EntityLayout } from '../../shared/protocol/entitySchema';
import type { EntityTable } from '../../shared/protocol/entityTable';
import { BaselineMismatchError } from '../../shared/protocol/snapshotDelta';
import type { SnapshotFrame } from '../../shared/protocol/snapshotFrame';
import { SnapshotStore } from '../../shared/protocol/snapshotStore';

/** Baselines kept by default: the server's snapshot ring holds 32. */
export const DEFAULT_BASELINES_KEPT = 32;

export class SnapshotReplica {
  readonly store: SnapshotStore;
  /** ackSeq of the last snapshot applied. */
  ackSeq = 0;
  /** Snapshots dropped because their baseline was not kept (the server sends a full one after). */
  withoutBaseline = 0;

  constructor(
    readonly layout: EntityLayout,
    keep = DEFAULT_BASELINES_KEPT,
  ) {
    this.store = new SnapshotStore(layout, Math.max(32, keep));
  }

  /** Newest snapshot tick applied (what the client acknowledges; 0 = none). */
  get ackTick(): number {
    return this.store.newestTick;
  }

  get applied(): number {
    return this.store.applied;
  }

  /**
   * Apply a snapshot frame. Returns false (and counts it) when its baseline is
   * not kept, or when it is not newer than the newest applied; throws
   * BaselineMismatchError on a delta that contradicts its baseline.
   */
  apply(frame: SnapshotFrame): boolean {
    const r = this.store.apply(frame.delta);
    if (r.ok) {
      this.ackSeq = frame.ackSeq;
      return true;
    }
    if (r.reason === 'missing-baseline') this.withoutBaseline++;
    if (r.reason === 'mismatch') throw new BaselineMismatchError(r.detail);
    return false;
  }

  get latest(): EntityTable | undefined {
    return this.store.newest ?? undefined;
  }

  /** The applied table at exactly `tick`, if still kept. */
  table(tick: number): EntityTable | undefined {
    return this.store.get(tick) ?? undefined;
  }

  /** Values of entity `id` in the latest table, by field index of its kind. */
  entity(id: number): number[] | undefined {
    return this.store.entity(id);
  }
}
