/**
 * Process-wide timings of the Colyseus benchmark rooms (each room has its own
 * simulation interval, unlike tickwire's single loop): per-room step and patch
 * durations, read and reset by the stats endpoint between benchmark steps.
 */
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { newHistogram, recordMs, summarize, type LatencySummary } from '../../stats/latencyHistogram';

class RoomTimings {
  players = 0;
  private step = newHistogram();
  private patch = newHistogram();
  private readonly loop = monitorEventLoopDelay({ resolution: 10 });

  constructor() {
    this.loop.enable();
  }

  recordStep(ms: number): void {
    recordMs(this.step, ms);
  }

  /** Patches delivered (one per client per broadcast that had changes). */
  patchesSent = 0;

  recordPatch(ms: number, clients: number): void {
    recordMs(this.patch, ms);
    this.patchesSent += clients;
  }

  /** Figures since the last reset, then reset. */
  take(): { players: number; patchesSent: number; stepMs: LatencySummary; patchMs: LatencySummary; loopLagP99Ms: number } {
    const out = {
      players: this.players,
      patchesSent: this.patchesSent,
      stepMs: summarize(this.step),
      patchMs: summarize(this.patch),
      loopLagP99Ms: this.loop.percentile(99) / 1e6 || 0,
    };
    this.patchesSent = 0;
    this.step.reset();
    this.patch.reset();
    this.loop.reset();
    return out;
  }
}

export const roomTimings = new RoomTimings();
