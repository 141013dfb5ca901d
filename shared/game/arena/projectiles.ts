/**
 * Projectiles: firing (id allocation, lag to compensate), straight-line flight
 * and hits against obstacles, walls and lag-compensated players.
 *
 *   shooter's screen:  target drawn at tick V (interpolated, behind the server)
 *   server tick T:     input with viewTick V arrives → lagTicks = T − V (capped)
 *   server tick T+k:   projectile's path over tick T+k (age k−1 → k) is tested
 *                      against the targets' paths between the hitboxes recorded
 *                      at ticks T+k−1 − lagTicks and T+k − lagTicks (swept)
 */
import {
  FIRST_PROJECTILE_ID,
  LAST_PROJECTILE_ID,
  PLAYER_RADIUS,
  PROJECTILE_RADIUS,
  PROJECTILE_SPEED,
} from './constants';
import { aimToRadians } from './aim';
import { applyHit, registerHitOnDowned } from './combat';
import { snap, type MovableState } from './movement';
import { POSITION_SCALE, VELOCITY_SCALE } from './schema';
import type { ArenaPlayer, ArenaProjectile, ArenaState } from './state';
import type { ArenaWorld } from './world';

/** Projectiles appear this far from the shooter's center: just outside its circle. */
const MUZZLE_DISTANCE = PLAYER_RADIUS + PROJECTILE_RADIUS + 2;

/**
 * Position along one axis of a projectile `ageTicks` after it was fired from
 * `origin` with velocity `velocity` px/s. Clients must extrapolate with this
 * exact expression to draw projectiles where the server tests them.
 */
export function projectileAt(origin: number, velocity: number, ageTicks: number, tickRate: number): number {
  return origin + (velocity * ageTicks) / tickRate;
}

/** Where a shot starts and how fast it flies (wire-exact: snapped like the snapshot carries it). */
export interface ProjectileLaunch {
  x0: number;
  y0: number;
  /** px/s */
  vx: number;
  vy: number;
}

/**
 * The launch of a shot fired from (x, y) along `aim` (state units, aimFromInput).
 * The server fires with it and a client predicting its own shots uses the same
 * expression, so a predicted shot starts where the server's will.
 */
export function projectileLaunch(x: number, y: number, aim: number, out: ProjectileLaunch): ProjectileLaunch {
  const angle = aimToRadians(aim);
  const dx = Math.cos(angle);
  const dy = Math.sin(angle);
  out.x0 = snap(x + dx * MUZZLE_DISTANCE, POSITION_SCALE);
  out.y0 = snap(y + dy * MUZZLE_DISTANCE, POSITION_SCALE);
  out.vx = snap(dx * PROJECTILE_SPEED, VELOCITY_SCALE);
  out.vy = snap(dy * PROJECTILE_SPEED, VELOCITY_SCALE);
  return out;
}

/**
 * `shooter` fires along its aim at the current tick, from `from` (itself; a dead
 * shooter's ghost for a trade, trades.ts). `viewTick` is the tick the shooter was
 * looking at; 0 means unknown (no snapshot yet) and gets no compensation.
 */
export function fireProjectile(state: ArenaState, shooter: ArenaPlayer, from: Readonly<MovableState>, viewTick: number): void {
  const id = allocateProjectileId(state);
  if (id === 0) return;
  const p = state.projectilePool.pop() ?? newProjectile();
  p.id = id;
  p.owner = shooter.id;
  projectileLaunch(from.x, from.y, shooter.aim, p);
  p.bornTick = state.tick;
  const lag = viewTick > 0 ? Math.floor(state.tick - viewTick) : 0;
  p.lagTicks = lag > state.maxLagTicks ? state.maxLagTicks : lag > 0 ? lag : 0; // NaN → 0
  p.x = p.x0;
  p.y = p.y0;
  p.endAge = projectileEndAge(state.world, state.projectileLifetimeTicks, p);
  insertSorted(state.projectiles, p);
}

/**
 * The first age (ticks) at which a shot launched as `p` is gone: past its
 * lifetime, or past the moment its straight path leaves the world or touches an
 * obstacle grown by the projectile radius. Continuous (a ray cast), so even a
 * path that only clips an obstacle's corner between two ticks stops there.
 */
export function projectileEndAge(world: ArenaWorld, lifetimeTicks: number, p: Readonly<ProjectileLaunch>): number {
  const ux = p.vx / world.tickRate;
  const uy = p.vy / world.tickRate;
  const { width, height, obstacles } = world;
  // Leaving the world: x < 0 or x > width (likewise y) at age > t.
  let t = Infinity;
  if (ux > 0) t = (width - p.x0) / ux;
  else if (ux < 0) t = p.x0 / -ux;
  if (uy > 0) t = Math.min(t, (height - p.y0) / uy);
  else if (uy < 0) t = Math.min(t, p.y0 / -uy);
  if (p.x0 < 0 || p.x0 > width || p.y0 < 0 || p.y0 > height) t = -1;
  for (let i = 0; i < obstacles.length; i++) {
    const o = obstacles[i];
    const enter = Math.max(
      slabEnter(p.x0, ux, o.x - PROJECTILE_RADIUS, o.x + o.w + PROJECTILE_RADIUS),
      slabEnter(p.y0, uy, o.y - PROJECTILE_RADIUS, o.y + o.h + PROJECTILE_RADIUS),
    );
    const exit = Math.min(
      slabExit(p.x0, ux, o.x - PROJECTILE_RADIUS, o.x + o.w + PROJECTILE_RADIUS),
      slabExit(p.y0, uy, o.y - PROJECTILE_RADIUS, o.y + o.h + PROJECTILE_RADIUS),
    );
    if (enter < exit && exit > 0 && enter < t) t = enter;
  }
  // Gone at the first whole age strictly after t; alive through the lifetime.
  const end = t < 0 ? 0 : Math.floor(t) + 1;
  return Math.min(end, lifetimeTicks + 1);
}

/** Age at which x0 + u·age enters the open interval (lo, hi); -Infinity if always inside, Infinity if never. */
function slabEnter(x0: number, u: number, lo: number, hi: number): number {
  if (u === 0) return x0 > lo && x0 < hi ? -Infinity : Infinity;
  return u > 0 ? (lo - x0) / u : (hi - x0) / u;
}

/** Age at which x0 + u·age leaves the open interval (lo, hi). */
function slabExit(x0: number, u: number, lo: number, hi: number): number {
  if (u === 0) return x0 > lo && x0 < hi ? Infinity : -Infinity;
  return u > 0 ? (hi - x0) / u : (lo - x0) / u;
}

/**
 * Move every projectile to the current tick and resolve what it hits. Call
 * after players moved and their hitboxes for this tick were recorded.
 */
export function advanceProjectiles(state: ArenaState): void {
  const list = state.projectiles;
  const tick = state.tick;
  let kept = 0;
  for (let i = 0; i < list.length; i++) {
    const p = list[i];
    const age = tick - p.bornTick;
    let alive = age < p.endAge;
    if (alive) {
      // p.x, p.y hold the previous tick's position (the muzzle at age 0).
      const fromX = p.x;
      const fromY = p.y;
      p.x = projectileAt(p.x0, p.vx, age, state.tickRate);
      p.y = projectileAt(p.y0, p.vy, age, state.tickRate);
      if (hitPlayer(state, p, age, fromX, fromY)) alive = false;
    }
    if (alive) {
      list[kept++] = p;
    } else {
      state.liveProjectileIds[p.id >>> 5] &= ~(1 << (p.id & 31));
      state.projectilePool.push(p);
    }
  }
  list.length = kept;
}

/**
 * Test `p` against the players as its shooter saw them; apply the first hit.
 * Swept over the tick just flown: the shot's path from (fromX, fromY) and each
 * target's path between the two rewound ticks, as continuously as the shooter's
 * screen draws them (predictedShots.ts judges its frames the same way), so a
 * graze between two ticks is a hit on both sides. At age 0 nothing has flown:
 * the muzzle is tested where the target was. A target still present but down
 * now (killed in transit) takes the shot without damage (registerHitOnDowned);
 * one that has left is passed through.
 *
 *   rewound tick:   T+k−1−lag ─────────▶ T+k−lag      (target moves A → B)
 *   projectile:     age k−1   ─────────▶ age k        (shot moves from → p)
 */
function hitPlayer(state: ArenaState, p: ArenaProjectile, age: number, fromX: number, fromY: number): boolean {
  const history = state.history;
  const at = state.tick - p.lagTicks;
  const slot = history.slotOf(at);
  const prevSlot = age > 0 ? history.slotOf(at - 1) : slot;
  for (let i = history.sweptOverlapIn(prevSlot, slot, fromX, fromY, p.x, p.y, PROJECTILE_RADIUS, p.owner); i >= 0; ) {
    const target = state.playerById[history.idAt(slot, i)];
    // Alive back then (the rewound record) is what the shooter saw. Alive now: damage. Down now
    // (killed since, by another shot): the hit still registers for the shooter, without damage.
    if (target !== undefined) {
      if (target.respawnTicks === 0) applyHit(state, target, p.owner);
      else registerHitOnDowned(state, target, p.owner);
      return true;
    }
    i = history.sweptOverlapIn(prevSlot, slot, fromX, fromY, p.x, p.y, PROJECTILE_RADIUS, p.owner, i + 1);
  }
  return false;
}

/** A free id in 256..65535, starting after the last one given out; 0 if all are live. */
function allocateProjectileId(state: ArenaState): number {
  const live = state.liveProjectileIds;
  let id = state.nextProjectileId;
  for (let tries = LAST_PROJECTILE_ID - FIRST_PROJECTILE_ID + 1; tries > 0; tries--) {
    const word = id >>> 5;
    const bit = 1 << (id & 31);
    const next = id === LAST_PROJECTILE_ID ? FIRST_PROJECTILE_ID : id + 1;
    if ((live[word] & bit) === 0) {
      live[word] |= bit;
      state.nextProjectileId = next;
      return id;
    }
    id = next;
  }
  return 0;
}

/** Keep `list` ascending by id; new ids are nearly always the largest. */
function insertSorted(list: ArenaProjectile[], p: ArenaProjectile): void {
  let i = list.length;
  list.push(p);
  while (i > 0 && list[i - 1].id > p.id) {
    list[i] = list[i - 1];
    i--;
  }
  list[i] = p;
}

function newProjectile(): ArenaProjectile {
  return { id: 0, owner: 0, x0: 0, y0: 0, vx: 0, vy: 0, bornTick: 0, lagTicks: 0, endAge: 0, x: 0, y: 0 };
}
