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
  FOOD_SPAWN_PER_S,
  FOOD_TARGET,
  GRID_CELL_SIZE,
  MAX_EJECTED,
  msToTicks,
  RESPAWN_DELAY_MS,
  WORLD_SIZE,
} from './constants';

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
export function createCellsWorld(tickRate = DEFAULT_TICK_RATE): CellsWorld {
  if (!Number.isFinite(tickRate) || tickRate <= 0) {
    throw new RangeError(`cells.createCellsWorld: tickRate must be > 0, got ${tickRate}`);
  }
  return {
    width: WORLD_SIZE,
    height: WORLD_SIZE,
    gridCellSize: GRID_CELL_SIZE,
    gridCols: Math.ceil(WORLD_SIZE / GRID_CELL_SIZE),
    gridRows: Math.ceil(WORLD_SIZE / GRID_CELL_SIZE),
    foodTarget: FOOD_TARGET,
    maxEjected: MAX_EJECTED,
    tickRate,
    dt: 1 / tickRate,
    foodSpawnPerTick: Math.max(1, Math.round(FOOD_SPAWN_PER_S / tickRate)),
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
