/**
 * Cell movement and the boost's cost: the one function both the server's step
 * and the client's prediction run. It ends by snapping the cell to the wire
 * grid (positions 1/8 u, velocities 1 u/s), so what the server stores is
 * exactly what a snapshot carries, and a client replaying its unacknowledged
 * inputs from a snapshot row lands where the server did. Only +, −, ×, ÷,
 * sqrt, floor, ceil and round are used (IEEE-exact in every engine).
 */
import { BOOST_SPEED_FACTOR, CellsButton, MIN_BOOST_MASS, STEER_RATE, TARGET_MAX, TARGET_MIN } from './constants';
import { ejectMassOf, maxSpeedOfMass, radiusOfMass } from './mass';
import { POSITION_SCALE, VELOCITY_SCALE } from './schema';
import type { CellsWorld } from './world';

/** What movement reads and writes: u, u/s, mass, ticks. */
export interface MovableCell {
  x: number;
  y: number;
  vx: number;
  vy: number;
  mass: number;
  ejectTicks: number;
  respawnTicks: number;
}

/** The input fields movement reads (a TickInput or a client's own input). */
export interface SteeringInput {
  readonly targetX: number;
  readonly targetY: number;
  readonly buttons: number;
}

/**
 * Advance `cell` by one tick of `input` (mutates it); returns the mass the
 * boost ejected this tick (0 if none), which step() turns into a pellet.
 *
 * 1. Boost: held and mass ≥ 20 ⇒ boosting. The eject countdown falls by one
 *    each tick; a boosting tick that finds it at 0 ejects
 *    max(1, floor(mass / 50)) and restarts it (200 ms).
 * 2. Target velocity: toward the pointer offset (targetX, targetY) at the top
 *    speed for the cell's mass (× 1.6 when boosting), scaled down by
 *    distance / radius while the pointer is inside the cell; zero at offset 0.
 * 3. The velocity moves toward it by at most 8 × top speed × dt.
 * 4. The centre moves by velocity × dt and is kept at least a radius inside
 *    the world; the velocity into a wall is dropped.
 *
 * An eaten cell (respawnTicks > 0) does not move: the server places it when it
 * respawns, so a client should not predict through a death.
 *
 * @example
 *   // client prediction: start from the server's row, replay the pending inputs
 *   const me = cellFromSnapshot(table.values, table.indexOf(myId) * table.fieldCount);
 *   for (const input of pendingInputs) moveCell(me, input, world);
 */
export function moveCell(cell: MovableCell, input: SteeringInput, world: CellsWorld): number {
  if (cell.respawnTicks > 0) return 0;
  const tx = targetComponent(input.targetX);
  const ty = targetComponent(input.targetY);

  let ejected = 0;
  if (cell.ejectTicks > 0) cell.ejectTicks--;
  const boosting = (input.buttons & CellsButton.Boost) !== 0 && cell.mass >= MIN_BOOST_MASS;
  if (boosting && cell.ejectTicks === 0) {
    ejected = ejectMassOf(cell.mass);
    cell.mass -= ejected;
    cell.ejectTicks = world.ejectIntervalTicks;
  }

  const radius = radiusOfMass(cell.mass);
  const speed = maxSpeedOfMass(cell.mass);
  let targetVx = 0;
  let targetVy = 0;
  const dist = Math.sqrt(tx * tx + ty * ty);
  if (dist > 0) {
    const top = boosting ? speed * BOOST_SPEED_FACTOR : speed;
    const k = dist < radius ? top / radius : top / dist;
    targetVx = tx * k;
    targetVy = ty * k;
  }

  const maxChange = speed * STEER_RATE * world.dt;
  let vx = cell.vx;
  let vy = cell.vy;
  const dvx = targetVx - vx;
  const dvy = targetVy - vy;
  const dv = Math.sqrt(dvx * dvx + dvy * dvy);
  if (dv <= maxChange) {
    vx = targetVx;
    vy = targetVy;
  } else {
    const k = maxChange / dv;
    vx += dvx * k;
    vy += dvy * k;
  }

  cell.x = cell.x + vx * world.dt;
  cell.y = cell.y + vy * world.dt;
  cell.vx = vx;
  cell.vy = vy;
  keepInWorld(cell, radius, world);
  cell.x = snap(cell.x, POSITION_SCALE);
  cell.y = snap(cell.y, POSITION_SCALE);
  cell.vx = snap(cell.vx, VELOCITY_SCALE);
  cell.vy = snap(cell.vy, VELOCITY_SCALE);
  return ejected;
}

/**
 * Clamp the centre into [radius, size − radius] on both axes (bounds rounded
 * inward to the 1/8 u grid, so a snapped centre stays inside) and drop the
 * velocity component that pushes into a wall. step() also calls it on a cell
 * that just grew by eating.
 */
export function keepInWorld(cell: MovableCell, radius: number, world: CellsWorld): void {
  const lo = Math.ceil(radius * POSITION_SCALE) / POSITION_SCALE;
  const hiX = Math.floor((world.width - radius) * POSITION_SCALE) / POSITION_SCALE;
  const hiY = Math.floor((world.height - radius) * POSITION_SCALE) / POSITION_SCALE;
  if (cell.x < lo) {
    cell.x = lo;
    if (cell.vx < 0) cell.vx = 0;
  } else if (cell.x > hiX) {
    cell.x = hiX;
    if (cell.vx > 0) cell.vx = 0;
  }
  if (cell.y < lo) {
    cell.y = lo;
    if (cell.vy < 0) cell.vy = 0;
  } else if (cell.y > hiY) {
    cell.y = hiY;
    if (cell.vy > 0) cell.vy = 0;
  }
}

/** An input component as the rules read it: an integer in the 12-bit range, anything else 0. */
export function targetComponent(v: number): number {
  return Number.isInteger(v) && v >= TARGET_MIN && v <= TARGET_MAX ? v : 0;
}

/** `value` rounded to the 1/scale grid; never −0 (so it compares and encodes like 0). */
export function snap(value: number, scale: number): number {
  return Math.round(value * scale) / scale + 0;
}
