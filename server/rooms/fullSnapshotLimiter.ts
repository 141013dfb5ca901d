/**
 * Which baseline a client's next snapshot is encoded against, with full
 * snapshots rate-limited per client.
 *
 * A client asks for a full snapshot by acknowledging tick 0 (it lost its
 * baselines), or gets one when its ack has left the ring. Full snapshots are
 * several times the size of a delta, so a client that acked 0 on every Input
 * used to pull a full snapshot every time (3.8× an honest client's downlink
 * in the arena with 5 players). Now:
 *
 *   ack held in the ring                    → delta against it (the normal case)
 *   within intervalMs of its last full:
 *     last nonzero ack still held           → delta against that baseline
 *     last full sent still held             → delta against it: the socket is
 *                                             ordered and reliable, so the client has it
 *   otherwise                               → full snapshot (the interval restarts)
 *
 * So a client gets at most one full snapshot per intervalMs (or per ring of
 * snapshots, if the ring spans less time than that), and every client —
 * one that never acknowledges, or whose acks lag past the ring — still gets
 * every snapshot, as deltas against a baseline at most one interval old.
 * A resume sends its full snapshot at once (a new connection: its interval
 * is reset).
 */

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
 * The baseline tick to encode against (0 = full snapshot). `held(tick)`: the
 * ring still has that snapshot. Records a full snapshot's time and tick.
 */
export function chooseBaseline(r: AckState, currentTick: number, held: (tick: number) => boolean, nowMs: number, intervalMs: number): number {
  if (usable(r.ackTick, currentTick, held)) return r.ackTick;
  if (nowMs - r.lastFullAtMs < intervalMs) {
    if (usable(r.lastAckedTick, currentTick, held)) return r.lastAckedTick;
    if (usable(r.lastFullTick, currentTick, held)) return r.lastFullTick;
  }
  r.lastFullAtMs = nowMs;
  r.lastFullTick = currentTick;
  return 0;
}

/** A baseline must be an earlier snapshot the ring still holds (a plain function: this runs per recipient per snapshot). */
function usable(tick: number, currentTick: number, held: (tick: number) => boolean): boolean {
  return tick > 0 && tick < currentTick && held(tick);
}
