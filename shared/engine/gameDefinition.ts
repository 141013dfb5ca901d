/**
 * The contract between the room runtime (server/) and a game (shared/game/*).
 * A game is a pure, deterministic simulation: no clocks, no I/O, randomness only
 * from a PRNG seeded at createState. The server drives it at a fixed rate; the
 * client reuses the same code for prediction. Hosting another game on the same
 * server means writing another GameDefinition.
 *
 * Entity ids: players use their player id, 1..255 (assigned by the room);
 * everything else the game spawns uses 256..65535.
 */
import type { EntitySchema } from '../protocol/entitySchema';
import type { EntityTable } from '../protocol/entityTable';
import type { GameEvent } from '../protocol/messages';

/** One player's controls for one tick, as received on the wire. */
export interface PlayerInput {
  /** Bit field of Button.* */
  buttons: number;
  /** Fraction of a full turn in 1/65536 steps. */
  aim: number;
  /**
   * The server tick the player was looking at when it pressed these buttons
   * (its interpolation time). Used for lag compensation; the game caps it.
   */
  viewTick: number;
}

export interface GameOptions {
  /** Simulation ticks per second; the game's dt is 1 / tickRate seconds. */
  tickRate: number;
}

/** JSON-serializable state of one player kept across disconnects and restarts. */
export type PlayerSave = Record<string, number | string | boolean>;

export interface GameDefinition<S> {
  /** Game id carried in the welcome, e.g. "arena". */
  readonly name: string;
  readonly entitySchema: EntitySchema;
  /** Entity kinds, for clients and docs: kind byte → name. */
  readonly entityKinds: Readonly<Record<number, string>>;

  /** A new world. Same seed and options → same world. */
  createState(seed: number, options: GameOptions): S;
  /** Put a player in the world: restored from `save` if given, else freshly spawned. */
  addPlayer(state: S, playerId: number, save?: PlayerSave): void;
  /** Take a player out of the world; returns what addPlayer needs to restore it. */
  removePlayer(state: S, playerId: number): PlayerSave;
  /**
   * Advance exactly one tick. `inputs` holds this tick's input for each player
   * present; a player absent from the map has no input this tick.
   */
  step(state: S, inputs: ReadonlyMap<number, PlayerInput>): void;
  /** The state's current tick (number of steps taken). */
  tickOf(state: S): number;
  /** Write every entity, quantized, into `out` (already begun for this tick). */
  writeSnapshot(state: S, out: EntityTable): void;
  /** Move the events produced since the last call into `out`. */
  drainEvents(state: S, out: GameEvent[]): void;
}
