/**
 * Player movement and collision: the one function both the server's step and
 * the client's prediction run. It is exact only if both start from the same
 * numbers, so it ends by snapping the state to the wire grid (positions 1/8 px,
 * velocities 4 px/s): what the server stores is exactly what a snapshot carries,
 * and a client replaying its unacknowledged inputs from a snapshot lands where
 * the server did. Only +, ×, ÷, sqrt and Math.round are used here (IEEE-exact in
 * every engine); no sin/cos, whose last bits may differ between browsers.
 */
import { ArenaButton as Button } from './constants';
import { PLAYER_ACCELERATION, PLAYER_FRICTION, PLAYER_MAX_SPEED, PLAYER_RADIUS } from './constants';
import { POSITION_SCALE, VELOCITY_SCALE } from './schema';
import type { ArenaWorld } from './world';

/** What movement reads and writes: px and px/s, world coordinates (y down). */
export interface MovableState {
  x: number;
  y: number;
  vx: number;
  vy: number;
}

/**
 * Advance `p` by one tick of `input` in `world` (mutates `p`).
 *
 * The velocity moves toward the target velocity (held direction × max speed, or
 * zero with nothing held) by at most acceleration × dt (friction × dt when
 * stopping). The circle then moves and is pushed out of obstacles and walls;
 * the velocity component into the surface is removed, so players slide along it.
 *
 * step() moves only live players (respawnTicks === 0); a dead player stands
 * still and reappears at a spawn point the server's PRNG picks, so a client
 * should not predict through a death: wait for the respawned snapshot.
 *
 * @example
 *   // client prediction: start from the server's snapshot, replay pending inputs
 *   const me = playerFromSnapshot(table.values, table.indexOf(myId) * table.fieldCount);
 *   if (me.respawnTicks === 0) for (const input of pendingInputs) movePlayer(me, input, world);
 */
export function movePlayer(p: MovableState, input: { readonly buttons: number }, world: ArenaWorld): void {
  const b = input.buttons;
  const ix = (b & Button.Right ? 1 : 0) - (b & Button.Left ? 1 : 0);
  const iy = (b & Button.Down ? 1 : 0) - (b & Button.Up ? 1 : 0);
  const held = ix !== 0 || iy !== 0;
  const norm = ix !== 0 && iy !== 0 ? Math.SQRT1_2 : 1;
  const targetVx = ix * norm * PLAYER_MAX_SPEED;
  const targetVy = iy * norm * PLAYER_MAX_SPEED;
  const maxChange = (held ? PLAYER_ACCELERATION : PLAYER_FRICTION) * world.dt;

  let vx = p.vx;
  let vy = p.vy;
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

  let x = p.x + vx * world.dt;
  let y = p.y + vy * world.dt;

  // Obstacles are farther apart than a player's diameter (world.ts), so a player
  // touches at most one of them, or one wall, at a time: a single pass suffices.
  const obstacles = world.obstacles;
  const r = PLAYER_RADIUS;
  for (let i = 0; i < obstacles.length; i++) {
    const o = obstacles[i];
    const right = o.x + o.w;
    const bottom = o.y + o.h;
    if (x + r <= o.x || x - r >= right || y + r <= o.y || y - r >= bottom) continue;
    const cx = x < o.x ? o.x : x > right ? right : x;
    const cy = y < o.y ? o.y : y > bottom ? bottom : y;
    let nx = x - cx;
    let ny = y - cy;
    const dist2 = nx * nx + ny * ny;
    if (dist2 >= r * r) continue;
    if (dist2 > 0) {
      const dist = Math.sqrt(dist2);
      nx /= dist;
      ny /= dist;
      x = cx + nx * r;
      y = cy + ny * r;
    } else {
      // Center inside the rectangle (only if it was spawned or restored there): leave by the nearest side.
      const toLeft = x - o.x;
      const toRight = right - x;
      const toTop = y - o.y;
      const toBottom = bottom - y;
      const m = Math.min(toLeft, toRight, toTop, toBottom);
      nx = m === toLeft ? -1 : m === toRight ? 1 : 0;
      ny = nx !== 0 ? 0 : m === toTop ? -1 : 1;
      if (nx < 0) x = o.x - r;
      else if (nx > 0) x = right + r;
      else if (ny < 0) y = o.y - r;
      else y = bottom + r;
    }
    const into = vx * nx + vy * ny;
    if (into < 0) {
      vx -= into * nx;
      vy -= into * ny;
    }
  }

  if (x < r) {
    x = r;
    if (vx < 0) vx = 0;
  } else if (x > world.width - r) {
    x = world.width - r;
    if (vx > 0) vx = 0;
  }
  if (y < r) {
    y = r;
    if (vy < 0) vy = 0;
  } else if (y > world.height - r) {
    y = world.height - r;
    if (vy > 0) vy = 0;
  }

  p.x = snap(x, POSITION_SCALE);
  p.y = snap(y, POSITION_SCALE);
  p.vx = snap(vx, VELOCITY_SCALE);
  p.vy = snap(vy, VELOCITY_SCALE);
}

/** `value` rounded to the 1/scale grid; never -0 (so it compares and encodes like 0). */
export function snap(value: number, scale: number): number {
  return Math.round(value * scale) / scale + 0;
}
