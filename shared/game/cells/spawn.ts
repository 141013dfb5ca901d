/**
 * Where cells appear: joining without a save, and respawning after being
 * eaten. SPAWN_ATTEMPTS PRNG-chosen points are tried in turn; the first whose
 * distance to every living cell's edge is at least SPAWN_CLEARANCE wins, else
 * the one with the most clearance (the first of equals).
 */
import { SPAWN_ATTEMPTS, SPAWN_CLEARANCE, SPAWN_MARGIN, START_MASS } from './constants';
import { randomEighths } from './food';
import { radiusOfMass } from './mass';
import { POSITION_SCALE } from './schema';
import type { Cell, CellsState } from './state';

/** Move `cell` to a fresh spawn point (draws 2 × SPAWN_ATTEMPTS PRNG numbers, always). */
export function placeAtSpawnPoint(state: CellsState, cell: Cell): void {
  const { width, height } = state.world;
  let bestX = 0;
  let bestY = 0;
  let bestClearance = -Infinity;
  for (let attempt = 0; attempt < SPAWN_ATTEMPTS; attempt++) {
    const x = randomEighths(state, SPAWN_MARGIN, width - SPAWN_MARGIN) / POSITION_SCALE;
    const y = randomEighths(state, SPAWN_MARGIN, height - SPAWN_MARGIN) / POSITION_SCALE;
    if (bestClearance >= SPAWN_CLEARANCE) continue; // keep drawing: a fixed PRNG cost per spawn
    const clearance = clearanceAt(state, cell, x, y);
    if (clearance > bestClearance) {
      bestClearance = clearance;
      bestX = x;
      bestY = y;
    }
  }
  cell.x = bestX;
  cell.y = bestY;
  cell.vx = 0;
  cell.vy = 0;
}

/** Back in the world after being eaten: start mass, a spawn point, a `respawned` event. */
export function respawn(state: CellsState, cell: Cell): void {
  cell.mass = START_MASS;
  cell.ejectTicks = 0;
  if (cell.score < START_MASS) cell.score = START_MASS;
  placeAtSpawnPoint(state, cell);
  state.events.push({ type: 'respawned', id: cell.id });
}

/** Smallest distance from (x, y) to the edge of a living cell other than `self` (Infinity if none). */
function clearanceAt(state: CellsState, self: Cell, x: number, y: number): number {
  let min = Infinity;
  const cells = state.cells;
  for (let i = 0; i < cells.length; i++) {
    const c = cells[i];
    if (c === self || c.respawnTicks > 0) continue;
    const dx = c.x - x;
    const dy = c.y - y;
    const d = Math.sqrt(dx * dx + dy * dy) - radiusOfMass(c.mass);
    if (d < min) min = d;
  }
  return min;
}
