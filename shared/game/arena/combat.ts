/**
 * Damage, death, scoring and respawning, with the events each produces.
 */
import { nextRandom } from '../../engine/prng';
import { PLAYER_MAX_HEALTH, PROJECTILE_DAMAGE } from './constants';
import type { ArenaPlayer, ArenaState } from './state';

/** `target` is hit by a projectile fired by player `by` (who may have left). */
export function applyHit(state: ArenaState, target: ArenaPlayer, by: number): void {
  const damage = Math.min(PROJECTILE_DAMAGE, target.health);
  target.health -= damage;
  state.events.push({ type: 'hit', id: target.id, by, damage });
  if (target.health > 0) return;

  target.respawnTicks = state.respawnDelayTicks;
  target.diedAtTick = state.tick;
  const ghost = target.ghost;
  ghost.x = target.x;
  ghost.y = target.y;
  ghost.vx = target.vx;
  ghost.vy = target.vy;
  target.vx = 0;
  target.vy = 0;
  target.deaths++;
  state.events.push({ type: 'killed', id: target.id, by });
  const killer = state.playerById[by];
  if (killer !== undefined && killer !== target) {
    killer.kills++;
    killer.score++;
    state.events.push({ type: 'scored', id: killer.id, score: killer.score });
  }
}

/**
 * `target` was alive where the shooter `by` saw it (the rewound hit test
 * touched it) but is already down on the server: killed by another shot in
 * the time our shot's input took to arrive. The hit is registered for the
 * shooter — a `hit` event with damage 0, which in these rules only this
 * produces (a living target always takes ≥ 1) — so its client shows the hit
 * marker its screen promised; nobody takes damage, dies again or scores.
 */
export function registerHitOnDowned(state: ArenaState, target: ArenaPlayer, by: number): void {
  state.events.push({ type: 'hit', id: target.id, by, damage: 0 });
}

/** Put `p` back at a spawn point the PRNG picks, at full health. */
export function respawn(state: ArenaState, p: ArenaPlayer): void {
  placeAtSpawnPoint(state, p);
  p.health = PLAYER_MAX_HEALTH;
  p.respawnTicks = 0;
  p.cooldownTicks = 0;
  state.events.push({ type: 'respawned', id: p.id });
}

/** Other living players must be at least this far from a spawn point for it to be used. */
const SPAWN_MIN_DISTANCE = 96;

/**
 * A PRNG-chosen spawn point with no living player within SPAWN_MIN_DISTANCE
 * (two players never spawn on each other); if every point is taken, the one
 * farthest from its nearest player.
 */
export function placeAtSpawnPoint(state: ArenaState, p: ArenaPlayer): void {
  const points = state.world.spawnPoints;
  const start = Math.floor(nextRandom(state) * points.length);
  let at = points[start];
  let best = -1;
  for (let n = 0; n < points.length; n++) {
    const point = points[(start + n) % points.length];
    let nearest = Infinity;
    for (const other of state.players) {
      if (other === p || other.respawnTicks > 0) continue;
      const d = (other.x - point.x) ** 2 + (other.y - point.y) ** 2;
      if (d < nearest) nearest = d;
    }
    if (nearest >= SPAWN_MIN_DISTANCE * SPAWN_MIN_DISTANCE) {
      at = point;
      break;
    }
    if (nearest > best) {
      best = nearest;
      at = point;
    }
  }
  p.x = at.x;
  p.y = at.y;
  p.vx = 0;
  p.vy = 0;
}
