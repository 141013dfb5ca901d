/**
 * The snapshots a client has applied, keyed by tick: the one client-side
 * baseline store (the browser SDK, load-test bots and server tests all keep
 * their baselines with it; DOM- and Node-free, it imports shared/protocol only). The server encodes
 * each snapshot as a delta against a tick we acknowledged (ackTick), which may
 * be any of the recent ones we applied, so we keep the last `capacity` (≥ 32).
 *
 * A delta whose baseline we no longer hold (or never had) is rejected; the
 * server falls back to a full snapshot once our ackTick leaves its ring.
 */
import type { EntityLayout } from './entitySchema';
import { EntityTable } from './entityTable';
import { applyDelta, BaselineMismatchError, type SnapshotDelta } from './snapshotDelta';

export type ApplyResult =
  | { ok: true; table: EntityTable }
  | { ok: false; reason: 'stale' | 'duplicate' | 'missing-baseline' | 'mismatch'; detail: string };

export class SnapshotStore {
  private readonly ring: (EntityTable | null)[];
  private next = 0;
  /** Newest applied tick (0 = none). This is the ackTick we send. */
  newestTick = 0;
  /** Deltas dropped for a missing or mismatched baseline. */
  rejected = 0;
  /** Deltas applied. */
  applied = 0;

  constructor(
    readonly layout: EntityLayout,
    readonly capacity = 64,
  ) {
    if (capacity < 32) throw new Error('SnapshotStore: capacity must be at least 32');
    this.ring = new Array<EntityTable | null>(capacity).fill(null);
  }

  /** The applied table at exactly `tick`, if still held. */
  get(tick: number): EntityTable | null {
    if (tick <= 0) return null;
    for (const t of this.ring) if (t && t.tick === tick) return t;
    return null;
  }

  get newest(): EntityTable | null {
    return this.get(this.newestTick);
  }

  /** Apply a decoded delta. Snapshots older than the newest applied one are ignored (TCP keeps order; this guards resumes). */
  apply(delta: SnapshotDelta): ApplyResult {
    if (delta.tick < this.newestTick) return { ok: false, reason: 'stale', detail: `tick ${delta.tick} < ${this.newestTick}` };
    if (delta.tick === this.newestTick) return { ok: false, reason: 'duplicate', detail: `tick ${delta.tick}` };
    let base: EntityTable | null = null;
    if (delta.baseTick !== 0) {
      base = this.get(delta.baseTick);
      if (!base) {
        this.rejected++;
        return { ok: false, reason: 'missing-baseline', detail: `no baseline for tick ${delta.baseTick}` };
      }
    }
    let table: EntityTable;
    try {
      table = applyDelta(base, delta, this.layout);
    } catch (err) {
      if (!(err instanceof BaselineMismatchError)) throw err;
      this.rejected++;
      return { ok: false, reason: 'mismatch', detail: err.message };
    }
    this.ring[this.next] = table;
    this.next = (this.next + 1) % this.capacity;
    this.newestTick = table.tick;
    this.applied++;
    return { ok: true, table };
  }

  /** The values (wire units, one per field of its kind) of entity `id` in the newest table, or undefined. */
  entity(id: number): number[] | undefined {
    const t = this.newest;
    const row = t ? t.indexOf(id) : -1;
    if (!t || row < 0) return undefined;
    const n = this.layout.fieldCount(t.kinds[row]);
    return Array.from(t.values.subarray(row * t.fieldCount, row * t.fieldCount + n));
  }

  /** Forget everything (new connection: the server starts from a full snapshot). */
  clear(): void {
    this.ring.fill(null);
    this.next = 0;
    this.newestTick = 0;
  }
}
