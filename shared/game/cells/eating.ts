/**
 * Who eats whom. One rule for every prey (a cell, food or ejected mass): the
 * eater has ≥ 1.25 × its mass and covers it enough (centre distance <
 * eaterRadius − 0.4 × preyRadius; mass.ts).
 *
 * Order, so that the result never depends on iteration details:
 * - living cells take turns heaviest first (ties: lower id first), in the
 *   order fixed once per tick after movement (sortEatOrder);
 * - in its turn an eater uses its mass and radius from the start of the turn,
 *   eats every qualifying prey at once, and gains their mass at the end of the
 *   turn (capped at MAX_MASS); a prey eaten earlier this tick is gone;
 * - first every turn against cells (eatCells), then every turn against
 *   pellets (eatPellets).
 *
 * Candidates come from spatial grids: pellets from PelletPool's static grid,
 * cells from a grid rebuilt each tick (indexCells). A prey's centre lies
 * within the eater's radius, so only the squares under the eater are visited.
 */
import { MAX_MASS } from './constants';
import { coveredEnough, heavyEnoughToEat, radiusOfMass } from './mass';
import { keepInWorld } from './movement';
import type { Cell, CellsState } from './state';
import { gridIndex } from './world';

/** Fill state.eatOrder with the living cells, heaviest first, ties by id (insertion sort: mostly sorted from the last tick). */
export function sortEatOrder(state: CellsState): void {
  const order = state.eatOrder;
  const byId = state.cellById;
  let n = 0;
  const cells = state.cells;
  for (let i = 0; i < cells.length; i++) {
    const c = cells[i];
    if (c.respawnTicks > 0) continue;
    let j = n++;
    // cells is ascending by id, so an equal mass never moves ahead: ties stay id-ascending.
    while (j > 0 && byId[order[j - 1]]!.mass < c.mass) {
      order[j] = order[j - 1];
      j--;
    }
    order[j] = c.id;
  }
  state.eatOrderCount = n;
}

/** Rebuild the cell grid: each living cell linked into the square of its centre. */
export function indexCells(state: CellsState): void {
  const head = state.cellGridHead;
  const next = state.cellGridNext;
  const w = state.world;
  head.fill(-1);
  const cells = state.cells;
  for (let i = 0; i < cells.length; i++) {
    const c = cells[i];
    if (c.respawnTicks > 0) continue;
    const square = gridIndex(c.y, w.gridCellSize, w.gridRows) * w.gridCols + gridIndex(c.x, w.gridCellSize, w.gridCols);
    next[c.id] = head[square];
    head[square] = c.id;
  }
}

/** Every eater's turn against cells. Pushes an `eaten` event per cell eaten. */
export function eatCells(state: CellsState): void {
  const order = state.eatOrder;
  const byId = state.cellById;
  const head = state.cellGridHead;
  const next = state.cellGridNext;
  const w = state.world;
  for (let o = 0; o < state.eatOrderCount; o++) {
    const eater = byId[order[o]]!;
    if (eater.respawnTicks > 0) continue;
    const mass = eater.mass;
    const radius = radiusOfMass(mass);
    let gained = 0;
    const c0 = gridIndex(eater.x - radius, w.gridCellSize, w.gridCols);
    const c1 = gridIndex(eater.x + radius, w.gridCellSize, w.gridCols);
    const r0 = gridIndex(eater.y - radius, w.gridCellSize, w.gridRows);
    const r1 = gridIndex(eater.y + radius, w.gridCellSize, w.gridRows);
    for (let row = r0; row <= r1; row++) {
      for (let col = c0; col <= c1; col++) {
        for (let id = head[row * w.gridCols + col]; id !== -1; id = next[id]) {
          const prey = byId[id]!;
          if (prey === eater || prey.respawnTicks > 0 || !heavyEnoughToEat(mass, prey.mass)) continue;
          if (!coveredEnough(prey.x - eater.x, prey.y - eater.y, radius, radiusOfMass(prey.mass))) continue;
          gained += prey.mass;
          state.events.push({ type: 'eaten', id: prey.id, by: eater.id, mass: prey.mass });
          die(state, prey);
        }
      }
    }
    if (gained > 0) grow(state, eater, gained);
  }
}

/** Every eater's turn against pellets (food and ejected). */
export function eatPellets(state: CellsState): void {
  const order = state.eatOrder;
  const byId = state.cellById;
  const pool = state.pellets;
  const head = pool.gridHead;
  const w = state.world;
  for (let o = 0; o < state.eatOrderCount; o++) {
    const eater = byId[order[o]]!;
    if (eater.respawnTicks > 0) continue;
    const mass = eater.mass;
    const radius = radiusOfMass(mass);
    let gained = 0;
    const c0 = gridIndex(eater.x - radius, w.gridCellSize, w.gridCols);
    const c1 = gridIndex(eater.x + radius, w.gridCellSize, w.gridCols);
    const r0 = gridIndex(eater.y - radius, w.gridCellSize, w.gridRows);
    const r1 = gridIndex(eater.y + radius, w.gridCellSize, w.gridRows);
    for (let row = r0; row <= r1; row++) {
      for (let col = c0; col <= c1; col++) {
        let slot = head[row * w.gridCols + col];
        while (slot !== -1) {
          const after = pool.nextInSquare(slot); // read before a removal unlinks it
          const preyMass = pool.mass[slot];
          if (
            heavyEnoughToEat(mass, preyMass) &&
            coveredEnough(pool.x[slot] - eater.x, pool.y[slot] - eater.y, radius, radiusOfMass(preyMass))
          ) {
            gained += preyMass;
            state.pelletIds.release(pool.remove(slot));
          }
          slot = after;
        }
      }
    }
    if (gained > 0) grow(state, eater, gained);
  }
}

/** Eaten: out of the world until the respawn countdown ends; its mass is gone. */
function die(state: CellsState, cell: Cell): void {
  cell.mass = 0;
  cell.vx = 0;
  cell.vy = 0;
  cell.ejectTicks = 0;
  cell.respawnTicks = state.world.respawnDelayTicks;
}

function grow(state: CellsState, cell: Cell, gained: number): void {
  const mass = cell.mass + gained;
  cell.mass = mass > MAX_MASS ? MAX_MASS : mass;
  if (cell.mass > cell.score) cell.score = cell.mass;
  // A bigger radius near a wall: keep the whole cell inside, as movement does.
  keepInWorld(cell, radiusOfMass(cell.mass), state.world);
}
