/**
 * When a node counts as dead. A missing presence key (`tw:node:<id>`) alone is
 * not enough: on a loaded machine a holder's heartbeat can come late (its event
 * loop stalled past the key's expiry, 3 heartbeats), and a reader's view can
 * predate a new node's first heartbeat. Declaring such a node dead sends its
 * players away with 4107, or worse, restores its rooms elsewhere while it still
 * runs them (two holders). So a node is dead only when its presence was missing
 * on reads spanning at least `graceMs` (one heartbeat) with no read between
 * them finding it present:
 *
 *   key:    present ─────────┐ (expired: late heartbeat or crash)
 *   reads:   ok    ok     miss ────────── miss      (≥ graceMs after the first miss)
 *                         suspect:                 dead: 4107, failover claims its rooms
 *                         still routed to, not failed over
 *
 * A late heartbeat renews the key before the second read and the node stays
 * alive; a crashed node is declared dead one heartbeat later than its key
 * expired. Pure: the clock is injected.
 */
export type Liveness = 'alive' | 'suspect' | 'dead';

export class LivenessJudge {
  /** Node id → when its presence was first found missing (since its last present read), ms on `nowMs`. */
  private readonly missingSinceMs = new Map<string, number>();

  constructor(
    private readonly graceMs: number,
    private readonly nowMs: () => number,
  ) {}

  /** Record one read of `nodeId`'s presence key and judge it. */
  observe(nodeId: string, present: boolean): Liveness {
    if (present) {
      this.missingSinceMs.delete(nodeId);
      return 'alive';
    }
    const now = this.nowMs();
    const since = this.missingSinceMs.get(nodeId);
    if (since === undefined) {
      this.missingSinceMs.set(nodeId, now);
      return 'suspect';
    }
    return now - since >= this.graceMs ? 'dead' : 'suspect';
  }

  /** Stop tracking nodes no longer of interest (bounded memory: only ids still listed somewhere are kept). */
  retainOnly(nodeIds: ReadonlySet<string>): void {
    for (const id of this.missingSinceMs.keys()) if (!nodeIds.has(id)) this.missingSinceMs.delete(id);
  }
}
