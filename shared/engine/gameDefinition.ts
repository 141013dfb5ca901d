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
 * Entity ids: players use their player id (1..255, assigned by the room);
 * everything else the game spawns uses 256..65535.
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
}

/** A game of any state type, as registries and the room runtime hold it. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type AnyGame = GameDefinition<any, any, any>;
