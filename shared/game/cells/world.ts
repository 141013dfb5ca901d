/**
 * The world's numbers for one room: bounds, spatial grid, food target, and the
 * durations turned into ticks at the room's tick rate. Nothing here is random:
 * a client builds the same world from `welcome.tickRate` alone.
 *
 * Issue 12 (big worlds) grows the world by building a bigger CellsWorld; every
 * rule reads its sizes from here, none from the constants directly.
 */
import {
  DECAY_INTERVAL_MS,
  DEFAULT_TICK_RATE,
  EJECT_INTERVAL_MS,
  EJECT_LIFETIME_MS,
  FIRST_PELLET_ID,
  FOOD_SPAWN_PER_S,
  FOOD_TARGET,
  GRID_CELL_SIZE,
  MAX_EJECTED,
  MAX_PLAYER_ID,
  msToTicks,
  RESPAWN_DELAY_MS,
  WORLD_SIZE,
} from './constants';

/** The sizes that make a world small or big; everything else derives from the tick rate. */
export interface CellsWorldSize {
  /** u, square. */
  readonly worldSize: number;
  readonly foodTarget: number;
  readonly foodSpawnPerS: number;
  readonly maxEjected: number;
  /** Player cells are ids 1..maxPlayerId; pellets firstPelletId..65535. */
  readonly maxPlayerId: number;
  readonly firstPelletId: number;
}

/** The standard world (about 100 players): `cells`. */
export const STANDARD_WORLD: CellsWorldSize = {
  worldSize: WORLD_SIZE,
  foodTarget: FOOD_TARGET,
  foodSpawnPerS: FOOD_SPAWN_PER_S,
  maxEjected: MAX_EJECTED,
  maxPlayerId: MAX_PLAYER_ID,
  firstPelletId: FIRST_PELLET_ID,
};

export interface CellsWorld {
  /** u. */
  readonly width: number;
  readonly height: number;
  /** Spatial grid: squares of gridCellSize u, gridCols × gridRows of them. */
  readonly gridCellSize: number;
  readonly gridCols: number;
  readonly gridRows: number;
  readonly foodTarget: number;
  readonly maxEjected: number;
  readonly maxPlayerId: number;
  readonly firstPelletId: number;
  /** Simulation ticks per second, and its step in seconds (1 / tickRate). */
  readonly tickRate: number;
  readonly dt: number;
  readonly foodSpawnPerTick: number;
  readonly ejectIntervalTicks: number;
  readonly ejectLifetimeTicks: number;
  readonly decayIntervalTicks: number;
  readonly respawnDelayTicks: number;
}

/**
 * The world at `tickRate` (pass welcome.tickRate on the client so that
 * moveCell steps like the server).
 *
 * @example
 *   const world = createCellsWorld(welcome.tickRate);
 *   moveCell(me, input, world);
 */
export function createCellsWorld(tickRate = DEFAULT_TICK_RATE, size: CellsWorldSize = STANDARD_WORLD): CellsWorld {
  if (!Number.isFinite(tickRate) || tickRate <= 0) {
    throw new RangeError(`cells.createCellsWorld: tickRate must be > 0, got ${tickRate}`);
  }
  return {
    width: size.worldSize,
    height: size.worldSize,
    gridCellSize: GRID_CELL_SIZE,
    gridCols: Math.ceil(size.worldSize / GRID_CELL_SIZE),
    gridRows: Math.ceil(size.worldSize / GRID_CELL_SIZE),
    foodTarget: size.foodTarget,
    maxEjected: size.maxEjected,
    maxPlayerId: size.maxPlayerId,
    firstPelletId: size.firstPelletId,
    tickRate,
    dt: 1 / tickRate,
    foodSpawnPerTick: Math.max(1, Math.round(size.foodSpawnPerS / tickRate)),
    ejectIntervalTicks: msToTicks(EJECT_INTERVAL_MS, tickRate),
    ejectLifetimeTicks: msToTicks(EJECT_LIFETIME_MS, tickRate),
    decayIntervalTicks: msToTicks(DECAY_INTERVAL_MS, tickRate),
    respawnDelayTicks: msToTicks(RESPAWN_DELAY_MS, tickRate),
  };
}

/** Grid column (or row) of coordinate `v`, clamped into the grid. */
export function gridIndex(v: number, cellSize: number, count: number): number {
  const i = Math.floor(v / cellSize);
  return i < 0 ? 0 : i >= count ? count - 1 : i;
}
