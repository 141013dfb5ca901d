/**
 * The contract between the engine (the room runtime in server/, the client
 * SDK in client/src/sdk/) and a game (shared/game/<name>/). The game owns its
 * whole vocabulary — input fields, entity kinds, event types, rules — and the
 * engine only runs it:
 *
 *   commands (join, leave, input, chat) ─▶ step(state, inputs) ─▶ state
 *   state ─▶ writeView(state, viewer, table) ─▶ per-viewer snapshots
 *   state ─▶ drainEvents ─▶ Events frames
 *
 * A game is a pure, deterministic simulation: no clocks, no I/O, randomness
 * only from a PRNG kept in the state (shared/engine/prng.ts). The server runs
 * it at a fixed rate; the client runs the same code to predict its own player.
 *
 * Entity ids: players use their player id (1..maxPlayers, assigned by the
 * room, lowest free first); everything else the game spawns uses ids above
 * the largest player id the game accepts (the arena and small cells: 256..65535;
 * a big world declares its own split, e.g. bigcells 2048..65535).
 *
 * A big world adds `interest` (InterestDefinition): the engine then captures
 * the whole world once per snapshot, indexes it spatially and sends each
 * viewer only what lies in its area of interest, as deltas against what that
 * viewer acknowledged (server/interest/).
 */
import type { EntityTable } from '../protocol/entityTable';
import type { AnyEvent } from '../protocol/eventSchema';
import type { GameDescriptor } from '../protocol/gameDescriptor';
import type { InputValues } from '../protocol/inputSchema';

export interface GameOptions {
  /** Simulation ticks per second; the game's dt is 1 / tickRate seconds. */
  tickRate: number;
}

/**
 * One player's input for one tick: the game's declared fields plus `viewTick`,
 * which the engine supplies: the server tick the player was looking at when
 * it produced this input (its interpolation time), for lag compensation.
 */
export type TickInput<I extends InputValues = InputValues> = Readonly<I> & { readonly viewTick: number };

/**
 * Who a view is for. `playerId` 0 is a spectator; `focus` is the entity a
 * spectator follows (0 = none, free camera at `x`, `y`).
 */
export interface Viewer {
  readonly playerId: number;
  readonly focus: number;
  readonly x: number;
  readonly y: number;
}

/** JSON-serializable state of one player kept across disconnects and restarts. */
export type PlayerSave = Record<string, number | string | boolean>;

export interface GameDefinition<S, I extends InputValues = InputValues, E extends AnyEvent = AnyEvent> extends GameDescriptor {
  /** Seats in a quick-play room of this game. */
  readonly defaultMaxPlayers: number;
  /** The name of the n-th quick-play room (n ≥ 1), e.g. "Arena 3". */
  quickPlayRoomName(n: number): string;

  /** A new world. Same seed and options → same world. */
  createState(seed: number, options: GameOptions): S;
  /** Put a player in the world: restored from `save` if given, else freshly spawned. */
  addPlayer(state: S, playerId: number, save?: PlayerSave): void;
  /** Take a player out of the world; returns what addPlayer needs to restore it. */
  removePlayer(state: S, playerId: number): PlayerSave;
  /**
   * What removePlayer would return, without removing the player: room
   * checkpoints and migrations save players who are still playing.
   */
  savePlayer(state: S, playerId: number): PlayerSave;
  /**
   * Advance exactly one tick. `inputs` holds this tick's input for each player
   * present; a player absent from the map has no input this tick.
   */
  step(state: S, inputs: ReadonlyMap<number, TickInput<I>>): void;
  /** The state's current tick (number of steps taken). */
  tickOf(state: S): number;

  /**
   * Viewers for whom viewGroup returns the same number see the same entities
   * this tick, so the engine captures and encodes their view once. A game
   * whose every viewer sees the whole world returns a constant.
   */
  viewGroup(state: S, viewer: Viewer): number;
  /** Write what `viewer` sees, quantized, into `out` (already begun for this tick), ids ascending. */
  writeView(state: S, viewer: Viewer, out: EntityTable): void;
  /** Move the events produced since the last call into `out`. */
  drainEvents(state: S, out: E[]): void;

  /**
   * Interest management for big worlds (optional). When present the engine
   * ignores viewGroup/writeView for snapshots and sends each viewer the
   * entities of `writeWorld` inside its area of interest instead.
   */
  readonly interest?: InterestDefinition<S>;

  /**
   * Standings for big worlds (optional): the room-wide Leaderboard, Minimap
   * and Rank streams (server/bigworld/, PROTOCOL.md §8.9–8.11) read each
   * player's score and position from here; the engine ranks and quantises.
   */
  readonly standings?: StandingsDefinition<S>;
}

/** What a game's standings are made of; the engine owns the ranking, the grid and the wire. */
export interface StandingsDefinition<S> {
  /**
   * Call `out` once per ranked player: its id, its value (an integer ≥ 0;
   * higher ranks first) and its position in [0, width] × [0, height].
   */
  eachPlayer(state: S, out: (playerId: number, value: number, x: number, y: number) => void): void;
  /** The world's extent, in the units of the positions. */
  worldSize(state: S): { readonly width: number; readonly height: number };
}

/**
 * A viewer's area of interest, in the game's wire units (the units of the
 * position fields of its EntityTable rows): the rectangle on its screen,
 * and a margin around it that the engine also sends (so that an entity is
 * on the client before it scrolls into view). Entities enter when inside
 * screen + margin and leave only when outside screen + margin × hysteresis
 * (server/interest/interestMembership.ts), so one at the edge does not flicker.
 */
export interface InterestArea {
  x: number;
  y: number;
  halfWidth: number;
  halfHeight: number;
  margin: number;
}

export interface InterestDefinition<S> {
  /** Every entity of the world, ids ascending, viewer-independent: captured once per snapshot. */
  writeWorld(state: S, out: EntityTable): void;
  /** The row fields holding an entity's position (x, y), in the same units as InterestArea. */
  readonly xField: number;
  readonly yField: number;
  /** The world's extent in those units: positions lie in [0, width] × [0, height]. */
  worldSize(state: S): { readonly width: number; readonly height: number };
  /** Side of the spatial grid's squares, in those units: about a quarter of a typical area's side (docs/BIG-WORLDS.md). */
  readonly gridCellSize: number;
  /** Fill `out` with what `viewer` should receive this snapshot. */
  areaOf(state: S, viewer: Viewer, out: InterestArea): void;
  /**
   * How much an entity of `kind` matters under a byte budget (> 0): its
   * priority grows by importance × nearness each snapshot it waits.
   */
  importance(kind: number): number;
  /** Per-viewer downlink budget, bytes/s (0 = unlimited); the server's --downlink-budget overrides it. */
  readonly budgetBytesPerSec: number;
}

/** A game of any state type, as registries and the room runtime hold it. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type AnyGame = GameDefinition<any, any, any>;
