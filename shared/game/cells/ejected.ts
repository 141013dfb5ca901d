/**
 * Ejected mass: what a boost costs becomes a pellet just behind the cell,
 * which any cell heavy enough may eat (its own ejector too, if it turns back).
 * Ejected pellets never move and disappear after EJECT_LIFETIME_MS.
 */
import { CellsKind, EJECT_GAP } from './constants';
import { radiusOfMass } from './mass';
import { targetComponent, type SteeringInput } from './movement';
import { POSITION_SCALE } from './schema';
import type { Cell, CellsState } from './state';

/**
 * Put `mass` ejected by `cell` (already moved this tick) behind it: opposite
 * its velocity, or opposite its pointer offset when it stands still, or below
 * it when both are zero; its edge EJECT_GAP u from the cell's edge, centre
 * clamped into the world. When MAX_EJECTED pellets exist, the mass is lost.
 */
export function ejectPellet(state: CellsState, cell: Cell, mass: number, input: SteeringInput): void {
  const pool = state.pellets;
  if (!pool.hasRoomFor(CellsKind.Ejected)) return;
  const id = state.pelletIds.allocate();
  if (id === 0) return;
  let dx = cell.vx;
  let dy = cell.vy;
  if (dx === 0 && dy === 0) {
    dx = targetComponent(input.targetX);
    dy = targetComponent(input.targetY);
    if (dx === 0 && dy === 0) dy = -1;
  }
  const len = Math.sqrt(dx * dx + dy * dy);
  const gap = radiusOfMass(cell.mass) + radiusOfMass(mass) + EJECT_GAP;
  const { width, height } = state.world;
  const x8 = eighthsInside(cell.x - (dx / len) * gap, width);
  const y8 = eighthsInside(cell.y - (dy / len) * gap, height);
  pool.add(id, CellsKind.Ejected, x8, y8, mass, cell.id, state.tick + state.world.ejectLifetimeTicks);
}

/** Remove ejected pellets whose time is up (they are in age order). */
export function expireEjected(state: CellsState): void {
  const pool = state.pellets;
  for (let slot = pool.oldestEjected(); slot !== -1 && pool.expireTick[slot] <= state.tick; slot = pool.oldestEjected()) {
    state.pelletIds.release(pool.remove(slot));
  }
}

/** `v` (u) rounded to whole eighths of a unit, clamped into [0, size]. */
function eighthsInside(v: number, size: number): number {
  const q = Math.round(v * POSITION_SCALE);
  const max = size * POSITION_SCALE;
  return q < 0 ? 0 : q > max ? max : q;
}
