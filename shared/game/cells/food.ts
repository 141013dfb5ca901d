/**
 * Food: mass-1 pellets at PRNG-chosen points. The world starts full
 * (foodTarget pellets); while it holds fewer, each tick adds up to
 * foodSpawnPerTick. Food never moves, so it is sent once and costs nothing in
 * deltas until it is eaten.
 */
import { nextRandom } from '../../engine/prng';
import { CellsKind, FOOD_MARGIN, FOOD_MASS } from './constants';
import { POSITION_SCALE } from './schema';
import type { CellsState } from './state';

/** Add up to `n` food pellets while below the target. Draws two PRNG numbers per pellet (x, then y). */
export function fillFood(state: CellsState, n: number): void {
  const pool = state.pellets;
  const { width, height } = state.world;
  for (let i = 0; i < n && pool.hasRoomFor(CellsKind.Food); i++) {
    const id = state.pelletIds.allocate();
    if (id === 0) return;
    const x8 = randomEighths(state, FOOD_MARGIN, width - FOOD_MARGIN);
    const y8 = randomEighths(state, FOOD_MARGIN, height - FOOD_MARGIN);
    pool.add(id, CellsKind.Food, x8, y8, FOOD_MASS, 0, 0);
  }
}

/** A coordinate in [min, max) u as whole eighths of a unit: floor((min + random × (max − min)) × 8). */
export function randomEighths(state: CellsState, min: number, max: number): number {
  return Math.floor((min + nextRandom(state) * (max - min)) * POSITION_SCALE);
}
