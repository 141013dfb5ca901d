/**
 * The tables one viewer was sent, newest last: its view at each recent
 * snapshot tick exactly as the client reconstructs it. Its deltas are
 * encoded against the one it acknowledged (PROTOCOL.md §9.3, per viewer
 * instead of per room).
 *
 * Memory: ring × rows × (4 × stride + 5) bytes; 12 × 300 × 37 ≈ 130 KB per
 * viewer of the big world, 130 MB for 1,000 (docs/BIG-WORLDS.md).
 */
import { EntityTable } from '../../shared/protocol/entityTable';
import { INPUT_ACK_BITS } from '../../shared/protocol/inputCodec';

/** Snapshots kept per viewer: 12 at 30 Hz = 400 ms of round trip before a full snapshot is needed. */
export const VIEWER_RING_SIZE = 12;

/** A big-world view holds ~300 rows (docs/BIG-WORLDS.md): start there instead of growing 16 → 512 in every slot. */
const INITIAL_ROWS = 256;

export class ViewerRing {
  private readonly tables: EntityTable[];
  private newest = -1;
  /** The view being built: outside the ring until commit, so the baseline it is diffed against stays intact. */
  private spare: EntityTable;

  constructor(fieldCount: number, size = VIEWER_RING_SIZE) {
    this.tables = Array.from({ length: size }, () => new EntityTable(fieldCount, INITIAL_ROWS));
    this.spare = new EntityTable(fieldCount, INITIAL_ROWS);
  }

  /** Begin the view for `tick` (not yet in the ring). */
  next(tick: number): EntityTable {
    return this.spare.begin(tick);
  }

  /** Put the sealed view into the ring, evicting the oldest. */
  commit(): void {
    this.newest = (this.newest + 1) % this.tables.length;
    const evicted = this.tables[this.newest];
    this.tables[this.newest] = this.spare;
    this.spare = evicted;
  }

  get current(): EntityTable | null {
    return this.newest < 0 ? null : this.tables[this.newest];
  }

  /** The held table at exactly `tick` (null: not held). */
  at(tick: number): EntityTable | null {
    if (tick <= 0) return null;
    for (const t of this.tables) if (t.tick === tick) return t;
    return null;
  }

  readonly isHeld = (tick: number): boolean => this.at(tick) !== null;

  /** The held tick whose snapshot index (tick ÷ every) mod 2^INPUT_ACK_BITS is `indexLow`; 0 if none. */
  resolveAck(indexLow: number, every: number): number {
    let best = 0;
    for (const t of this.tables) {
      if (t.tick > best && Math.floor(t.tick / every) % 2 ** INPUT_ACK_BITS === indexLow) best = t.tick;
    }
    return best;
  }

}
