/** Plain counters of the cluster layer; clusterMetrics.ts exposes them at scrape time. */
export class ClusterStats {
  /** Store operations that failed (Redis down, timeouts). */
  storeErrors = 0;
  /** Fire-and-forget writes dropped because too many were in flight (resync repairs them). */
  writesDropped = 0;
  /** Joins answered with Moved (routed to another node). */
  moved = 0;
  /** Cross-node operations refused because the store was unreachable (HTTP 503, close 4106). */
  unavailable = 0;
  /** Full resyncs of this node's rooms, sessions and presence (at connect and after an outage). */
  resyncs = 0;
  /** Rooms moved off this node by a drain (room mobility increments it). */
  migrations = 0;
  /** Rooms this node restored from a dead node's checkpoint (room mobility increments it). */
  failovers = 0;
  /** Round trip of the last heartbeat's ping, ms (-1 until one succeeded). */
  storeLatencyMs = -1;
}
