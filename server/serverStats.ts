/**
 * Plain counters the hot paths bump (a field increment, no label lookups);
 * metrics.ts exposes them to Prometheus at scrape time.
 */
export class ServerStats {
  messagesIn = 0;
  messagesOut = 0;
  bytesIn = 0;
  bytesOut = 0;
  snapshotsSent = 0;
  /** Snapshots not sent because the client's buffer was over the threshold. */
  snapshotsSkipped = 0;
  /** Snapshot frames encoded (once per baseline group, not per client). */
  snapshotsEncoded = 0;
  fullSnapshots = 0;
  /** Inputs skipped to keep a player's input latency bounded (standing queue, overflow). */
  inputsSkipped = 0;
  /** Input messages dropped because their delta base was no longer held (the client repeats the frames). */
  inputsMissingBase = 0;
  /** Ticks on which a player's due input frame had not arrived (its last input was repeated). */
  inputsLate = 0;
  /** InputTiming advice sent (a client told to run its input clock ahead or behind). */
  inputTimingSent = 0;
  /** InputAck frames sent (a client told which Input frames it may stop repeating). */
  inputAcksSent = 0;
  ticks = 0;
  /** Milliseconds of the current tick spent broadcasting snapshots (encode + send); reset every tick. */
  tickBroadcastMs = 0;
  tickOverruns = 0;
  droppedTicks = 0;
  connections = 0;
  upgradesRefused = 0;
  /** Surplus Inputs dropped within a connection's stall allowance (a burst after a pause; never fatal). */
  inputsDropped = 0;
  /** Surplus messages of any kind (pings included) dropped within the stall allowance. */
  messagesDropped = 0;
  /** The most surplus any one connection has had outstanding (messages): the biggest burst seen. */
  peakRateSurplus = 0;
  /** Resumable sessions ended because their address held more than maxDetachedPerAddress. */
  detachedEvicted = 0;
  // ---- send pass ----
  /** Send passes completed (each writes what one or more ticks queued). */
  sendPasses = 0;
  /** Frames the socket refused in a send pass after they were queued (closed meanwhile). */
  sendPassDropped = 0;
  /** Big worlds: the worst staleness of an on-screen entity over all viewers at the last snapshot, ticks. */
  interestStalestTicks = 0;
  /** Big worlds: the worst such staleness since the server started, ticks. */
  interestStalestTicksMax = 0;
  // ---- spectators ----
  /** Spectators watching rooms of this process (not in any player figure). */
  spectators = 0;
  /** Spectators closed for a player-only frame (4006). */
  spectatorsRefusedInput = 0;
  /** Bytes of the big-world standings streams (Leaderboard, Minimap, Rank) sent, counted in bytesOut too. */
  standingsBytesOut = 0;
  readonly closesByCode = new Map<number, number>();
  readonly refusalsByStatus = new Map<number, number>();

  countClose(code: number): void {
    this.closesByCode.set(code, (this.closesByCode.get(code) ?? 0) + 1);
  }

  countRefusal(status: number): void {
    this.upgradesRefused++;
    this.refusalsByStatus.set(status, (this.refusalsByStatus.get(status) ?? 0) + 1);
  }
}
