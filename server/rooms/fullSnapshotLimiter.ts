/**
 * Which baseline a client's next snapshot is encoded against, with full
 * snapshots rate-limited per client.
 *
 * A client asks for a full snapshot by acknowledging tick 0 (it lost its
 * baselines), or gets one when its ack has left the ring. Full snapshots are
 * several times the size of a delta, so a client that acks 0 on every Input
 * used to pull a full snapshot every time (6.7× the normal downlink). Now:
 *
 *   ack held in the ring              → delta against it (the normal case)
 *   else, no full for intervalMs      → full snapshot (and the clock restarts)
 *   else, last nonzero ack still held → delta against that baseline
 *   else, last full sent still held   → delta against it: the socket is ordered
 *                                       and reliable, so the client has it
 *   else                              → nothing this time (WITHHELD)
 *
 * So a client that never acknowledges (or whose acks lag past the ring) still
 * gets every snapshot, as deltas against a baseline up to one interval old;
 * one that asks for full snapshots gets one per interval. A resume sends its
 * full snapshot at once (a new connection: its clock is reset).
 */

/** chooseBaseline's answer when nothing is sent to the client this time. */
export const WITHHELD = -1;

/** A snapshot recipient's acknowledgement state, as the limiter sees it. */
export interface AckState {
  /** Newest snapshot tick the client has applied (0 = it asks for a full snapshot). */
  readonly ackTick: number;
  /** The newest nonzero ack ever accepted from this connection (0 = none). */
  readonly lastAckedTick: number;
  /** When this connection was last sent a full snapshot (-Infinity = never). */
  lastFullAtMs: number;
  /** The tick of that full snapshot (0 = none, or its send was dropped). */
  lastFullTick: number;
}

/**
 * The baseline tick to encode against (0 = full snapshot) or WITHHELD.
 * `held(tick)`: the ring still has that snapshot. Records a full snapshot's time.
 */
export function chooseBaseline(r: AckState, currentTick: number, held: (tick: number) => boolean, nowMs: number, intervalMs: number): number {
  if (usable(r.ackTick, currentTick, held)) return r.ackTick;
  if (nowMs - r.lastFullAtMs >= intervalMs) {
    r.lastFullAtMs = nowMs;
    r.lastFullTick = currentTick;
    return 0;
  }
  if (usable(r.lastAckedTick, currentTick, held)) return r.lastAckedTick;
  if (usable(r.lastFullTick, currentTick, held)) return r.lastFullTick;
  return WITHHELD;
}

function usable(tick: number, currentTick: number, held: (tick: number) => boolean): boolean {
  return tick > 0 && tick < currentTick && held(tick);
}
