/**
 * Big-world bench: one bigcells room at constant player density (the world's
 * side grows with √players, food with players), driven in-process at 60 Hz
 * with 30 snapshots/s through the real InterestBroadcaster, for 100, 250,
 * 500 and 1,000 players, through the room's own outbound path (ViewGroups:
 * InterestBroadcaster, standings streams, events). Bots steer (hunt the next
 * cell, flee threats, wander back from the edges) and boost
 * (shared/game/cells/testBots.ts); every viewer acknowledges each snapshot
 * one snapshot later (a 33 ms RTT). `spread` (the default, as rooms run):
 * each viewer on its own snapshot phase, a share of the views every tick;
 * off: every view on the snapshot tick (the room before phases), for a
 * before/after in one run.
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
 * A join burst: the last fifth of the viewers connect at once one second
 * into the warm-up (their players already in the world, the code already
 * compiled); the largest tick CPU of the two snapshot intervals after it is
 * the join-burst tick (every joiner's first snapshot is a full one).
 *
 * `npm run bench:bigworld [-- --seconds 5] [--budget 16000] [--counts 100,250,500,1000] [--spread off]`
 */
import { performance } from 'node:perf_hooks';
import type { InterestRecipient } from '../../server/interest/interestBroadcaster';
import { CountingLink } from './countingLink';
import { encodeEventFrames } from '../../server/rooms/eventFrames';
import type { BackpressurePolicy } from '../../server/rooms/snapshotBroadcaster';
import { ViewGroups } from '../../server/rooms/viewGroups';
import { ServerStats } from '../../server/serverStats';
import type { AnyGame } from '../../shared/engine/gameDefinition';
import { makeBigcells } from '../../shared/game/bigcells/bigcells';
import { BIG_WORLD } from '../../shared/game/bigcells/constants';
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
  /** Events bytes per client per second (included in downBytesPerClientPerSec). */
  eventsBytesPerClientPerSec: number;
  /** Viewers on their own snapshot phases (false: all on the snapshot tick). */
  spread: boolean;
  /** Largest tick CPU (ms) of the two snapshot intervals after a fifth of the viewers joined at once (first, full snapshots). */
  joinBurstTickCpuMs: number;
  /** Wall ms per tick capturing and indexing the world (O(entities)). */
  worldMsPerTick: number;
  /** Snapshots per viewer per second (30 expected). */
  snapshotsPerViewerPerSec: number;
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

export function runBigWorldStep(players: number, seconds: number, budgetBytesPerSec: number, spread = true, warmupSeconds = 2): BigWorldStep {
  const size = worldFor(players);
  const state = createCellsState(12345, { tickRate: TICK_RATE }, createCellsWorld(TICK_RATE, size));
  for (let id = 1; id <= players; id++) cells.addPlayer(state, id);
  const bots = createBots(state, 99);
  const layout = new EntityLayout(makeCellsEntitySchema(size.worldSize, size.maxPlayerId));
  const stats = new ServerStats();
  // bigcells' outbound rules (interest, standings) on the scaled world's layout.
  const game = { ...makeBigcells(budgetBytesPerSec), interest: cellsInterest(budgetBytesPerSec) } as unknown as AnyGame;
  const views = new ViewGroups(game, layout, 12, POLICY, stats, SNAPSHOT_EVERY);
  const viewers = Array.from({ length: players }, (_, i) => new BenchViewer(i + 1));
  const burstTick = TICK_RATE;
  const burstSize = Math.floor(players / 5);
  // Before the burst only the first four fifths are connected.
  let connected = viewers.slice(0, players - burstSize);
  let standingsStart = 0;
  let eventBytesStart = 0;
  let snapshotsStart = 0;
  let worldMsStart = 0;
  let joinBurstCpuMs = 0;
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
  let broadcastCpuMs = 0;
  let simCpuMs = 0;
  const tickCpuMs: number[] = [];
  let changedSquares = 0;
  for (let t = 1; t <= totalTicks; t++) {
    if (t === warmupTicks + 1) {
      cpuStart = process.cpuUsage();
      bytesStart = viewers.reduce((a, v) => a + v.link.bytes, 0);
      eventBytesStart = viewers.reduce((a, v) => a + v.link.eventBytes, 0);
      snapshotsStart = viewers.reduce((a, v) => a + v.link.snapshots, 0);
      encodesStart = stats.snapshotsEncoded;
      standingsStart = stats.standingsBytesOut;
      worldMsStart = views.interest!.worldMs;
    }
    const started = performance.now();
    const cpu0 = process.cpuUsage();
    driveBots(state, bots);
    cells.step(state, bots.inputs);
    cells.drainEvents(state, events);
    const cpu1 = process.cpuUsage(cpu0);
    const simTickCpuMs = (cpu1.user + cpu1.system) / 1000;
    // Each viewer acknowledged the snapshot before its newest (one snapshot of round trip).
    if (t === burstTick) connected = viewers;
    for (const v of connected) if (v.link.lastTick > 0) v.ackTick = v.lastAckedTick = v.link.lastTick;
    const nowMs = (t * 1000) / TICK_RATE;
    const cpu2 = process.cpuUsage();
    if (spread) {
      views.broadcastDue(state, connected, state.tick, nowMs, events);
      events.length = 0;
    } else if (t % SNAPSHOT_EVERY === 0) {
      // This tick's events as Events frames, as a room without phases encodes them.
      views.broadcast(state, connected, state.tick, nowMs, encodeEventFrames(state.tick, events));
      events.length = 0;
    }
    const cpu3 = process.cpuUsage(cpu2);
    const broadcastTickCpuMs = (cpu3.user + cpu3.system) / 1000;
    const elapsed = performance.now() - started;
    if (t >= burstTick && t < burstTick + 2 * SNAPSHOT_EVERY) joinBurstCpuMs = Math.max(joinBurstCpuMs, simTickCpuMs + broadcastTickCpuMs);
    if (t > warmupTicks) {
      tickMs.push(elapsed);
      tickCpuMs.push(simTickCpuMs + broadcastTickCpuMs);
      simCpuMs += simTickCpuMs;
      broadcastCpuMs += broadcastTickCpuMs;
      stalestTicks = Math.max(stalestTicks, stats.interestStalestTicks);
      if (t % SNAPSHOT_EVERY === 0) {
        changedSquares += views.interest!.changedSquares;
        for (let i = 0; i < players; i += Math.max(1, Math.floor(players / 50))) {
          viewRows += views.interest!.viewRowCount(viewers[i]);
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
    eventsBytesPerClientPerSec: (viewers.reduce((a, v) => a + v.link.eventBytes, 0) - eventBytesStart) / players / seconds,
    spread,
    joinBurstTickCpuMs: joinBurstCpuMs,
    worldMsPerTick: (views.interest!.worldMs - worldMsStart) / (seconds * TICK_RATE),
    snapshotsPerViewerPerSec: (viewers.reduce((a, v) => a + v.link.snapshots, 0) - snapshotsStart) / players / seconds,
  };
}
