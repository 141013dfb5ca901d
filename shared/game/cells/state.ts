/**
 * The whole mutable state of a cells room. Everything step() needs lives here,
 * the PRNG included, so two states built from the same seed and fed the same
 * inputs stay identical. Pellets live in typed arrays (pelletPool.ts) and the
 * per-tick scratch (eating order, cell grid) is preallocated: step() allocates
 * nothing in steady play (events aside).
 */
import type { GameOptions } from '../../engine/gameDefinition';
import type { CellsEvent } from './events';
import { fillFood } from './food';
import type { MovableCell } from './movement';
import { PelletIds } from './pelletIds';
import { PelletPool } from './pelletPool';
import { createCellsWorld, type CellsWorld } from './world';

export interface Cell extends MovableCell {
  readonly id: number;
  /** Highest mass reached since joining. */
  score: number;
}

export interface CellsState {
  tick: number;
  /** mulberry32 state (shared/engine/prng.ts). */
  rng: number;
  readonly world: CellsWorld;
  /** Present players' cells (alive or respawning), ascending id. */
  readonly cells: Cell[];
  /** cells indexed by player id (1..world.maxPlayerId). */
  readonly cellById: (Cell | undefined)[];
  readonly pellets: PelletPool;
  readonly pelletIds: PelletIds;
  /** Scratch: living cells' ids, heaviest first (eating order). */
  readonly eatOrder: Uint16Array;
  eatOrderCount: number;
  /** Scratch: living cells by grid square, rebuilt each tick (head per square, next per player id). */
  readonly cellGridHead: Int32Array;
  readonly cellGridNext: Int32Array;
  readonly events: CellsEvent[];
}

/** Seed of the in-state PRNG: salted so it is not the raw room seed. */
const STATE_RNG_SALT = 0x85ebca6b;

/**
 * A new room: an empty world filled with food from the seed. `world` defaults
 * to the standard one at the tick rate (tests and bigger worlds pass their own).
 *
 * @example
 *   const state = createCellsState(seed, { tickRate: 60 });
 */
export function createCellsState(seed: number, options: GameOptions, world = createCellsWorld(options.tickRate)): CellsState {
  const state: CellsState = {
    tick: 0,
    rng: (seed ^ STATE_RNG_SALT) >>> 0,
    world,
    cells: [],
    cellById: new Array<Cell | undefined>(world.maxPlayerId + 1).fill(undefined),
    pellets: new PelletPool(world),
    pelletIds: new PelletIds(world.firstPelletId),
    eatOrder: new Uint16Array(world.maxPlayerId + 1),
    eatOrderCount: 0,
    cellGridHead: new Int32Array(world.gridCols * world.gridRows).fill(-1),
    cellGridNext: new Int32Array(world.maxPlayerId + 1).fill(-1),
    events: [],
  };
  fillFood(state, world.foodTarget);
  return state;
}
