/**
 * Big-world bench: one bigcells room at constant player density (the world's
 * side grows with √players, food with players), driven in-process at 60 Hz
 * with 30 snapshots/s through the real InterestBroadcaster, for 100, 250,
 * 500 and 1,000 players. Bots steer (hunt the next cell, flee threats,
 * wander back from the edges) and boost (shared/game/cells/testBots.ts);
 * every viewer acknowledges each snapshot one snapshot later (a 33 ms RTT).
 *
 * Reports per step: server CPU per player (ms of CPU per second of play,
 * simulation + interest + encode; sockets excluded: the frames go to
 * counting links, so no generator shares the machine), p99 tick (step, plus
 * the broadcast on snapshot ticks), downlink bytes/s per client, entities
 * per view, encodes per snapshot, and the worst staleness of an on-screen
 * entity (with --budget; from the first snapshot, the join burst included),
 * and the standings streams' share of the downlink (Leaderboard, Minimap and
 * Rank once per second, server/bigworld/).
 * Figures: docs/BIG-WORLDS.md.
 *
 * `npm run bench:bigworld [-- --seconds 5] [--budget 16000] [--counts 100,250,500,1000]`
 */
import { performance } from 'node:perf_hooks';
import { StandingsStreams } from '../../server/bigworld/standingsStreams';
import { InterestBroadcaster, type InterestRecipient } from '../../server/interest/interestBroadcaster';
import { SendStatus, type ClientLink } from '../../server/rooms/clientLink';
import type { BackpressurePolicy } from '../../server/rooms/snapshotBroadcaster';
import { ServerStats } from '../../server/serverStats';
import type { StandingsDefinition } from '../../shared/engine/gameDefinition';
import { BIG_WORLD } from '../../shared/game/bigcells/constants';
import { bigcellsStandings } from '../../shared/game/bigcells/standings';
import { cells } from '../../shared/game/cells/cells';
import type { CellsEvent } from '../../shared/game/cells/events';
import { cellsInterest } from '../../shared/game/cells/interest';
import { makeCellsEntitySchema } from '../../shared/game/cells/schema';
import { createCellsState } from '../../shared/game/cells/state';
import { createBots, driveBots } from '../../shared/game/cells/testBots';
import { createCellsWorld, type CellsWorldSize } from '../../shared/game/cells/world';
import { EntityLayout } from '../../shared/protocol/entitySchema';

const TICK_RATE = 60;
const SNAPSHOT_EVERY = 2;
const POLICY: BackpressurePolicy = { skipBytes: 1 << 30, slowCloseMs: 5000, fullSnapshotIntervalMs: 1000 };

export interface BigWorldStep {
  players: number;
  worldSizeU: number;
  cpuMsPerSecPerPlayer: number;
  tickP50Ms: number;
  tickP99Ms: number;
  tickMaxMs: number;
  downBytesPerClientPerSec: number;
  entitiesPerView: number;
  encodesPerSnapshot: number;
  stalestOnScreenMs: number;
  budgetBytesPerSec: number;
  /** CPU time of the interest broadcast per viewer per snapshot, µs (capture + index + views + encodes). */
  broadcastUsPerViewer: number;
  /** CPU time of the simulation (and the bots) per tick, ms. */
  simMsPerTick: number;
  /**
   * Tick percentiles by the process's CPU time (simulation + broadcast), ms:
   * what the tick takes on one core of its own when the machine is shared
   * (wall times then include the time other processes ran).
   */
  tickCpuP50Ms: number;
  tickCpuP99Ms: number;
  /** Squares (× kind layers) replaced per snapshot, of the whole world's. */
  changedSquaresPerSnapshot: number;
  /** Leaderboard + Minimap + Rank bytes per client per second (included in downBytesPerClientPerSec). */
  standingsBytesPerClientPerSec: number;
}

class CountingLink implements ClientLink {
  bytes = 0;
  readonly isOpen = true;
  send(bytes: Uint8Array): SendStatus {
    this.bytes += bytes.length;
    return SendStatus.Success;
  }
  sendBatch(first: Uint8Array, rest: readonly Uint8Array[]): SendStatus {
    this.bytes += first.length;
    for (const r of rest) this.bytes += r.length;
    return SendStatus.Success;
  }
  bufferedAmount(): number {
    return 0;
  }
  close(): void {}
}

class BenchViewer implements InterestRecipient {
  readonly link = new CountingLink();
  readonly viewer: { playerId: number; focus: number; x: number; y: number };
  viewGroup = -1;
  ackTick = 0;
  lastAckedTick = 0;
  lastFullAtMs = -Infinity;
  lastFullTick = 0;
  backedUpSinceMs = 0;
  readonly lastAppliedSeq = 0;
  constructor(id: number) {
    this.viewer = { playerId: id, focus: id, x: 0, y: 0 };
  }
}

/** bigcells' world scaled to `players` at bigcells' density (1,000 players per 16,384² u). */
export function worldFor(players: number): CellsWorldSize {
  const k = players / 1000;
  return {
    ...BIG_WORLD,
    worldSize: Math.round(BIG_WORLD.worldSize * Math.sqrt(k)),
    foodTarget: Math.round(BIG_WORLD.foodTarget * k),
    foodSpawnPerS: Math.round(BIG_WORLD.foodSpawnPerS * k),
    maxEjected: Math.round(BIG_WORLD.maxEjected * k),
  };
}

export function runBigWorldStep(players: number, seconds: number, budgetBytesPerSec: number, warmupSeconds = 2): BigWorldStep {
  const size = worldFor(players);
  const state = createCellsState(12345, { tickRate: TICK_RATE }, createCellsWorld(TICK_RATE, size));
  for (let id = 1; id <= players; id++) cells.addPlayer(state, id);
  const bots = createBots(state, 99);
  const layout = new EntityLayout(makeCellsEntitySchema(size.worldSize, size.maxPlayerId));
  const stats = new ServerStats();
  const broadcaster = new InterestBroadcaster(cellsInterest(budgetBytesPerSec), layout, 12, POLICY, stats);
  const viewers = Array.from({ length: players }, (_, i) => new BenchViewer(i + 1));
  const standings = new StandingsStreams(bigcellsStandings as StandingsDefinition<unknown>, stats);
  let standingsStart = 0;
  const events: CellsEvent[] = [];
  const tickMs: number[] = [];
  const warmupTicks = warmupSeconds * TICK_RATE;
  const totalTicks = warmupTicks + seconds * TICK_RATE;
  let cpuStart = process.cpuUsage();
  let bytesStart = 0;
  let encodesStart = 0;
  let viewRows = 0;
  let viewSamples = 0;
  let stalestTicks = 0;
  let lastSnapshotTick = 0;
  let broadcastCpuMs = 0;
  let simCpuMs = 0;
  const tickCpuMs: number[] = [];
  let changedSquares = 0;
  for (let t = 1; t <= totalTicks; t++) {
    if (t === warmupTicks + 1) {
      cpuStart = process.cpuUsage();
      bytesStart = viewers.reduce((a, v) => a + v.link.bytes, 0);
      encodesStart = stats.snapshotsEncoded;
      standingsStart = stats.standingsBytesOut;
    }
    const started = performance.now();
    const cpu0 = process.cpuUsage();
    driveBots(state, bots);
    cells.step(state, bots.inputs);
    cells.drainEvents(state, events);
    events.length = 0;
    const cpu1 = process.cpuUsage(cpu0);
    const simTickCpuMs = (cpu1.user + cpu1.system) / 1000;
    let broadcastTickCpuMs = 0;
    if (t % SNAPSHOT_EVERY === 0) {
      // Each viewer acknowledged the previous snapshot (one snapshot of round trip).
      for (const v of viewers) if (lastSnapshotTick > 0) v.ackTick = v.lastAckedTick = lastSnapshotTick;
      const cpu2 = process.cpuUsage();
      standings.send(state, viewers, state.tick, (t * 1000) / TICK_RATE);
      broadcaster.broadcast(state, viewers, state.tick, (t * 1000) / TICK_RATE, []);
      const cpu3 = process.cpuUsage(cpu2);
      broadcastTickCpuMs = (cpu3.user + cpu3.system) / 1000;
      lastSnapshotTick = state.tick;
    }
    const elapsed = performance.now() - started;
    if (t > warmupTicks) {
      tickMs.push(elapsed);
      tickCpuMs.push(simTickCpuMs + broadcastTickCpuMs);
      simCpuMs += simTickCpuMs;
      broadcastCpuMs += broadcastTickCpuMs;
      if (t % SNAPSHOT_EVERY === 0) {
        stalestTicks = Math.max(stalestTicks, stats.interestStalestTicks);
        changedSquares += broadcaster.changedSquares;
        for (let i = 0; i < players; i += Math.max(1, Math.floor(players / 50))) {
          viewRows += broadcaster.viewRowCount(viewers[i]);
          viewSamples++;
        }
      }
    }
  }
  const cpu = process.cpuUsage(cpuStart);
  const snapshots = (seconds * TICK_RATE) / SNAPSHOT_EVERY;
  const cpuMs = (cpu.user + cpu.system) / 1000;
  const bytes = viewers.reduce((a, v) => a + v.link.bytes, 0) - bytesStart;
  tickMs.sort((a, b) => a - b);
  tickCpuMs.sort((a, b) => a - b);
  const pct = (p: number, list = tickMs) => list[Math.min(list.length - 1, Math.floor(p * list.length))];
  return {
    players,
    worldSizeU: size.worldSize,
    cpuMsPerSecPerPlayer: cpuMs / seconds / players,
    tickP50Ms: pct(0.5),
    tickP99Ms: pct(0.99),
    tickMaxMs: tickMs[tickMs.length - 1],
    downBytesPerClientPerSec: bytes / players / seconds,
    entitiesPerView: viewRows / Math.max(1, viewSamples),
    encodesPerSnapshot: (stats.snapshotsEncoded - encodesStart) / snapshots,
    stalestOnScreenMs: (Math.max(stalestTicks, stats.interestStalestTicksMax) * 1000) / TICK_RATE,
    budgetBytesPerSec,
    broadcastUsPerViewer: (broadcastCpuMs * 1000) / snapshots / players,
    simMsPerTick: simCpuMs / (seconds * TICK_RATE),
    tickCpuP50Ms: pct(0.5, tickCpuMs),
    tickCpuP99Ms: pct(0.99, tickCpuMs),
    changedSquaresPerSnapshot: changedSquares / snapshots,
    standingsBytesPerClientPerSec: (stats.standingsBytesOut - standingsStart) / players / seconds,
  };
}
