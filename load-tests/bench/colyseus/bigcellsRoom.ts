/**
 * bigcells hosted in a Colyseus 0.18 room with per-client filtering
 * (StateView), for the big-world peer comparison (issue 12). Written the way
 * Colyseus 0.18 documents an authoritative game with area-based filtering:
 *
 * - typed input: `defineInput(BigcellsInput)` buffers each client's inputs
 *   (at most 8, tickwire's input queue), sanitized on arrival; each fixed step
 *   consumes one per player with `next()`, the `idle` policy repeating the
 *   last one when none is buffered (tickwire's rule);
 * - fixed timestep: `setFixedTimestep(step, 60)`; patches at 30 Hz (`patchRate`);
 * - the state: one `.view()`-tagged map per entity kind (bigcellsState.ts);
 *   every client gets `client.view = new StateView()` on join, and in
 *   `onBeforePatch` (once per patch, right before Colyseus encodes) the world
 *   is mirrored into the maps and each client's view gets the entities that
 *   entered its area of interest and loses the ones that left
 *   (bigcellsViews.ts: tickwire's bigcells area and hysteresis).
 *
 * The simulation is the shared one (shared/game/cells with bigcells' world,
 * sized for `worldPlayers` at bigcells' density like `npm run bench:bigworld`).
 * Game events are drained and not sent, as in the bigworld bench, so both
 * sides send entity state only.
 *
 * `manualClock: true` starts no timers: the in-process bench
 * (bigcellsInProcess.ts) calls `step()` and `broadcastPatch()` itself, two
 * steps per patch, back to back, like `npm run bench:bigworld` drives tickwire.
 */
import { Room, type Client } from '@colyseus/core';
import { StateView } from '@colyseus/schema';
import { SpatialGrid } from '../../../server/interest/spatialGrid';
import type { InterestArea, TickInput } from '../../../shared/engine/gameDefinition';
import { cells } from '../../../shared/game/cells/cells';
import type { CellsEvent } from '../../../shared/game/cells/events';
import { cellsInterest } from '../../../shared/game/cells/interest';
import { CELLS_STRIDE } from '../../../shared/game/cells/schema';
import { createCellsState, type CellsState } from '../../../shared/game/cells/state';
import { createCellsWorld } from '../../../shared/game/cells/world';
import { EntityTable } from '../../../shared/protocol/entityTable';
import { worldFor } from '../../bigworld/bigWorldBench';
import { BigcellsInput, BIGCELLS_INPUT_FIELDS, sanitizeBigcellsInput, type BigcellsInputFrame } from './bigcellsInput';
import { BigcellsMirror } from './bigcellsMirror';
import { newBigcellsRoomState, type BigcellsRoomStateInstance } from './bigcellsState';
import { ClientInterest } from './bigcellsViews';

export const BIGCELLS_TICK_RATE = 60;
export const BIGCELLS_PATCH_RATE = 30;
/** Inputs buffered per client beyond which the oldest are dropped: tickwire's input queue capacity. */
const MAX_QUEUED_INPUTS = 8;

export interface BigcellsRoomOptions {
  /** The world is sized for this many players at bigcells' density (default 1,000: bigcells' own world). */
  worldPlayers?: number;
  maxClients?: number;
  seed?: number;
  manualClock?: boolean;
}

/** The reply to an `aoi` message: the ids this client's view held after the last patch, and how many entities the world has (the test compares). */
export interface AoiReport {
  playerId: number;
  ids: number[];
  worldEntities: number;
}

export class BigcellsColyseusRoom extends Room<{ state: BigcellsRoomStateInstance; input: BigcellsInputFrame }> {
  override state = newBigcellsRoomState();
  override inputs = this.defineInput(BigcellsInput, {
    bufferMaxSize: MAX_QUEUED_INPUTS,
    sanitize: (f: object) => sanitizeBigcellsInput(f as Record<string, number>),
    // No input this step: hold the last one (or all zeros before the first).
    idle: ({ latest }) => (latest as object | undefined) ?? true,
  });
  /** The shared simulation (the in-process bench drives its bots from it). */
  sim!: CellsState;
  private readonly interest = cellsInterest(0);
  private readonly world = new EntityTable(CELLS_STRIDE, 1024);
  private readonly grid = new SpatialGrid();
  private readonly area: InterestArea = { x: 0, y: 0, halfWidth: 0, halfHeight: 0, margin: 0 };
  private mirror!: BigcellsMirror;
  private readonly interestOf = new Map<string, ClientInterest>();
  private readonly playerIdOf = new Map<string, number>();
  private readonly tickInputs = new Map<number, TickInput>();
  private readonly events: CellsEvent[] = [];
  /** View changes made by the last patch (bench counters). */
  viewAdds = 0;
  viewRemoves = 0;

  override onCreate(options: BigcellsRoomOptions): void {
    const size = worldFor(options.worldPlayers ?? 1000);
    this.maxClients = options.maxClients ?? Math.min(size.maxPlayerId, 1000);
    this.sim = createCellsState(options.seed ?? 12345, { tickRate: BIGCELLS_TICK_RATE }, createCellsWorld(BIGCELLS_TICK_RATE, size));
    this.mirror = new BigcellsMirror(this.state);
    // For the test: the server's side of a client's view, to compare with what the client decoded.
    this.onMessage('aoi', (client: Client) => client.send('aoi', this.aoiReport(client)));
    if (options.manualClock) {
      this.patchRate = null;
      return;
    }
    this.patchRate = 1000 / BIGCELLS_PATCH_RATE;
    this.setFixedTimestep(() => this.step(), BIGCELLS_TICK_RATE);
  }

  override onJoin(client: Client): void {
    const taken = new Set(this.playerIdOf.values());
    let id = 1;
    while (taken.has(id)) id++;
    this.playerIdOf.set(client.sessionId, id);
    cells.addPlayer(this.sim, id);
    client.view = new StateView();
    this.interestOf.set(client.sessionId, new ClientInterest(id, client.view));
    client.send('welcome', { playerId: id, tickRate: BIGCELLS_TICK_RATE });
  }

  override onLeave(client: Client): void {
    const id = this.playerIdOf.get(client.sessionId);
    if (id === undefined) return;
    this.playerIdOf.delete(client.sessionId);
    this.interestOf.delete(client.sessionId);
    client.view?.dispose();
    cells.removePlayer(this.sim, id);
  }

  /** One fixed step: one input per player, then the shared simulation. */
  step(): void {
    for (const [sessionId, id] of this.playerIdOf) {
      const frame = this.inputs.get(sessionId).next() as Record<string, number> | undefined;
      if (!frame) continue;
      let input = this.tickInputs.get(id) as Record<string, number> | undefined;
      if (!input) this.tickInputs.set(id, (input = { viewTick: 0 }) as TickInput);
      for (const name of BIGCELLS_INPUT_FIELDS) input[name] = frame[name];
      input.viewTick = this.sim.tick;
    }
    cells.step(this.sim, this.tickInputs as Map<number, never>);
    cells.drainEvents(this.sim, this.events);
    this.events.length = 0;
  }

  /** Colyseus calls this at the start of every broadcastPatch: mirror the world, then update every view. */
  override onBeforePatch(): void {
    this.mirrorWorld();
    this.findAreas();
    this.updateViews();
  }

  /** Capture the world once, index it, and copy it into the state maps. */
  mirrorWorld(): void {
    const world = this.world.begin(this.sim.tick);
    this.interest.writeWorld(this.sim, world);
    world.finish();
    const size = this.interest.worldSize(this.sim);
    this.grid.build(world, this.interest.xField, this.interest.yField, size.width, size.height, this.interest.gridCellSize);
    this.mirror.mirror(world);
  }

  /** Each client's area of interest: which entities are in it now. */
  findAreas(): void {
    for (const ci of this.interestOf.values()) {
      this.interest.areaOf(this.sim, { playerId: ci.playerId, focus: ci.playerId, x: 0, y: 0 }, this.area);
      ci.findMembers(this.world, this.grid, this.area, this.interest.xField, this.interest.yField);
    }
  }

  /** view.add / view.remove of what entered and left each client's area. */
  updateViews(): void {
    let adds = 0;
    let removes = 0;
    for (const ci of this.interestOf.values()) {
      ci.applyToView(this.mirror);
      adds += ci.added;
      removes += ci.removed;
    }
    this.viewAdds = adds;
    this.viewRemoves = removes;
  }

  /** Entities per client view after the last patch, averaged over the clients. */
  averageViewSize(): number {
    let sum = 0;
    for (const ci of this.interestOf.values()) sum += ci.size;
    return this.interestOf.size > 0 ? sum / this.interestOf.size : 0;
  }

  /** The player id of a session (undefined before its join). */
  playerIdOfSession(sessionId: string): number | undefined {
    return this.playerIdOf.get(sessionId);
  }

  private aoiReport(client: Client): AoiReport {
    const ci = this.interestOf.get(client.sessionId);
    return { playerId: ci?.playerId ?? 0, ids: ci?.memberIds() ?? [], worldEntities: this.mirror.size };
  }
}
