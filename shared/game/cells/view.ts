/**
 * State → what a viewer receives, and snapshot rows → what a client needs
 * (its own cell for prediction, pellets to draw).
 *
 * Today every viewer sees the whole world (the world is sized for ~100
 * players), so viewGroup is a constant and the engine encodes one view per
 * tick for everyone. Interest management (issue 12) goes here and only here:
 * viewGroup becomes the viewer's view square (viewHalfSize of its cell's mass,
 * plus a margin, aligned to the spatial grid) as a number, and writeView
 * collects the cells and pellets in that square from the two grids (the pellet
 * grid in PelletPool, the cell grid rebuilt each tick), sorts the ids in a
 * scratch typed array and writes those rows. Nothing else in the game changes.
 */
import type { Viewer } from '../../engine/gameDefinition';
import { dequantize } from '../../protocol/entitySchema';
import type { EntityTable } from '../../protocol/entityTable';
import { CellsKind, FOOD_MASS } from './constants';
import { radiusOfMass } from './mass';
import { CELLS_STRIDE, CellField, cellKindSpec, EjectedField, FoodField, POSITION_SCALE } from './schema';
import type { Cell, CellsState } from './state';

/** Every viewer sees the same (whole) world: one view per tick. */
export const WHOLE_WORLD_VIEW = 0;

export function viewGroupOf(_state: CellsState, _viewer: Viewer): number {
  return WHOLE_WORLD_VIEW;
}

/**
 * Append every entity, ids ascending: player cells (1..255, alive or
 * respawning), then pellets (256..65535) in id order from the live-id bit set.
 * Positions are already on the 1/8 u grid; × 8 is exact.
 */
export function writeCellsView(state: CellsState, _viewer: Viewer, out: EntityTable): void {
  if (out.fieldCount !== CELLS_STRIDE) {
    throw new RangeError(`cells.writeView: table has ${out.fieldCount} fields per row, cells needs ${CELLS_STRIDE}`);
  }
  const cells = state.cells;
  for (let i = 0; i < cells.length; i++) writeCell(out, cells[i]);

  const pool = state.pellets;
  const live = state.pelletIds.live;
  for (let word = state.world.firstPelletId >>> 5; word < live.length; word++) {
    let bits = live[word];
    while (bits !== 0) {
      const low = bits & -bits;
      const id = (word << 5) | (31 - Math.clz32(low));
      bits ^= low;
      const slot = pool.slotOfId[id];
      const kind = pool.kind[slot];
      const o = out.push(id, kind) * CELLS_STRIDE;
      const v = out.values; // after push: it may have grown
      v[o] = pool.x[slot] * POSITION_SCALE;
      v[o + 1] = pool.y[slot] * POSITION_SCALE;
      if (kind === CellsKind.Ejected) {
        v[o + EjectedField.Mass] = pool.mass[slot];
        v[o + EjectedField.Owner] = pool.owner[slot];
      }
    }
  }
}

function writeCell(out: EntityTable, c: Cell): void {
  const o = out.push(c.id, CellsKind.Cell) * CELLS_STRIDE;
  const v = out.values;
  v[o + CellField.X] = c.x * POSITION_SCALE;
  v[o + CellField.Y] = c.y * POSITION_SCALE;
  v[o + CellField.VX] = c.vx;
  v[o + CellField.VY] = c.vy;
  v[o + CellField.Mass] = c.mass;
  v[o + CellField.EjectTicks] = c.ejectTicks;
  v[o + CellField.RespawnTicks] = c.respawnTicks;
  v[o + CellField.Score] = c.score;
}

/** A cell row, dequantized: what prediction starts from and the HUD shows. */
export type CellSnapshot = Omit<Cell, 'id'>;

const CF = cellKindSpec.fields;

/**
 * Decode a cell row. `values` is a row (or a whole EntityTable.values with
 * `offset` = row × fieldCount); pass `out` to reuse an object.
 *
 * @example
 *   const row = table.indexOf(myId);
 *   const me = cellFromSnapshot(table.values, row * table.fieldCount);
 *   for (const input of pendingInputs) moveCell(me, input, world);
 */
export function cellFromSnapshot(values: ArrayLike<number>, offset = 0, out?: CellSnapshot): CellSnapshot {
  const c = out ?? { x: 0, y: 0, vx: 0, vy: 0, mass: 0, ejectTicks: 0, respawnTicks: 0, score: 0 };
  c.x = dequantize(CF[CellField.X], values[offset + CellField.X]);
  c.y = dequantize(CF[CellField.Y], values[offset + CellField.Y]);
  c.vx = dequantize(CF[CellField.VX], values[offset + CellField.VX]);
  c.vy = dequantize(CF[CellField.VY], values[offset + CellField.VY]);
  c.mass = values[offset + CellField.Mass];
  c.ejectTicks = values[offset + CellField.EjectTicks];
  c.respawnTicks = values[offset + CellField.RespawnTicks];
  c.score = values[offset + CellField.Score];
  return c;
}

/** A pellet row (food or ejected) as a renderer draws it: centre, radius (u), mass, owner (0 for food). */
export interface PelletSnapshot {
  x: number;
  y: number;
  radius: number;
  mass: number;
  owner: number;
}

export function pelletFromSnapshot(kind: number, values: ArrayLike<number>, offset = 0, out?: PelletSnapshot): PelletSnapshot {
  const p = out ?? { x: 0, y: 0, radius: 0, mass: 0, owner: 0 };
  p.x = values[offset + FoodField.X] / POSITION_SCALE;
  p.y = values[offset + FoodField.Y] / POSITION_SCALE;
  const ejected = kind === CellsKind.Ejected;
  p.mass = ejected ? values[offset + EjectedField.Mass] : FOOD_MASS;
  p.owner = ejected ? values[offset + EjectedField.Owner] : 0;
  p.radius = radiusOfMass(p.mass);
  return p;
}
