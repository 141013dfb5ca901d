/**
 * What one side of the big-world peer comparison reports (one server, one
 * player count), printed as one JSON line by bigcellsPeerSide.ts.
 */
export interface BigPeerSideResult {
  server: 'colyseus' | 'tickwire';
  /** Node version of the process that ran this side. */
  node: string;
  /** Colyseus' @colyseus/core and @colyseus/schema versions ('' for tickwire). */
  versions: string;
  players: number;
  worldSizeU: number;
  /** Simulated seconds measured (after the warm-up). */
  seconds: number;
  /** Process CPU time (user + system) per second of play per player, over the measured window. */
  cpuMsPerSecPerPlayer: number;
  /** Downlink to each client, bytes per second of play (tickwire: standings streams included). */
  downBytesPerClientPerSec: number;
  /** tickwire only: the standings streams' share of the downlink (Colyseus sends none). */
  standingsBytesPerClientPerSec: number;
  entitiesPerView: number;
  /** CPU used by other processes while this side ran, in cores (from /proc/stat). */
  otherCores: number | null;
  /** 1-minute load average when this side started and ended. */
  loadBefore: number;
  loadAfter: number;
  /** Where the CPU went, ms per second of play per player. */
  split: Record<string, number>;
  /** Wall seconds for the joins (Colyseus: seat reservation + join + first view), not measured in the CPU figure. */
  joinSeconds: number;
  /** Colyseus only: entities added to a client's view per second (entering its area). */
  viewAddsPerClientPerSec?: number;
  /**
   * Colyseus only: the room's world after the run equals the bigworld bench's loop replayed
   * without a server (same seeds, same bots): the typed input path changed nothing.
   */
  sameWorld?: boolean;
}
