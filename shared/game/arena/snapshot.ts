/**
 * State → snapshot rows, and snapshot rows → what a client needs (its own
 * player for prediction, projectiles extrapolated to the render tick).
 */
import { dequantize } from '../../protocol/entitySchema';
import type { EntityTable } from '../../protocol/entityTable';
import { ArenaKind } from './constants';
import { projectileAt } from './projectiles';
import { AIM_STEPS, ARENA_FIELD_COUNT, ArenaField, playerFields, ProjectileField, projectileFields } from './schema';
import type { ArenaPlayer, ArenaState } from './state';

const F = playerFields;
const P = projectileFields;
const FIELDS = ARENA_FIELD_COUNT;
// Per-field quantization in flat arrays: one monomorphic path for every field
// (FieldSpec objects with and without `wrap` have different shapes).
const SCALE = Float64Array.from(F, (f) => f.scale);
const MIN = Float64Array.from(F, (f) => f.min);
const MAX = Float64Array.from(F, (f) => f.max);

/** quantize() for the non-wrapping fields; NaN stays NaN and is stored as 0 by the Int32Array. */
function q(field: number, value: number): number {
  const v = Math.round(value * SCALE[field]);
  return v < MIN[field] ? MIN[field] : v > MAX[field] ? MAX[field] : v;
}

/** Append every entity, players then projectiles, each ascending by id (so ids ascend overall). Every viewer sees the whole arena. */
export function writeArenaSnapshot(state: ArenaState, out: EntityTable): void {
  const players = state.players;
  for (let i = 0; i < players.length; i++) {
    const p = players[i];
    const o = out.push(p.id, ArenaKind.Player) * FIELDS;
    const v = out.values; // after push: it may have grown
    v[o + ArenaField.X] = q(ArenaField.X, p.x);
    v[o + ArenaField.Y] = q(ArenaField.Y, p.y);
    v[o + ArenaField.VX] = q(ArenaField.VX, p.vx);
    v[o + ArenaField.VY] = q(ArenaField.VY, p.vy);
    v[o + ArenaField.Aim] = p.aim & (AIM_STEPS - 1);
    v[o + ArenaField.RespawnTicks] = q(ArenaField.RespawnTicks, p.respawnTicks);
    v[o + ArenaField.CooldownTicks] = q(ArenaField.CooldownTicks, p.cooldownTicks);
    v[o + ArenaField.Health] = q(ArenaField.Health, p.health);
    v[o + ArenaField.Score] = q(ArenaField.Score, p.score);
    v[o + ArenaField.Kills] = q(ArenaField.Kills, p.kills);
    v[o + ArenaField.Deaths] = q(ArenaField.Deaths, p.deaths);
  }
  const projectiles = state.projectiles;
  for (let i = 0; i < projectiles.length; i++) {
    const p = projectiles[i];
    const o = out.push(p.id, ArenaKind.Projectile) * FIELDS;
    const v = out.values;
    // Projectiles share the player's first four fields (x, y, vx, vy), so q() applies.
    v[o + ProjectileField.X] = q(ArenaField.X, p.x0);
    v[o + ProjectileField.Y] = q(ArenaField.Y, p.y0);
    v[o + ProjectileField.VX] = q(ArenaField.VX, p.vx);
    v[o + ProjectileField.VY] = q(ArenaField.VY, p.vy);
    v[o + ProjectileField.Owner] = clampInt(p.owner, P[ProjectileField.Owner].max);
    v[o + ProjectileField.BornTick] = clampInt(p.bornTick, P[ProjectileField.BornTick].max);
    v[o + ProjectileField.LagTicks] = clampInt(p.lagTicks, P[ProjectileField.LagTicks].max);
  }
}

function clampInt(v: number, max: number): number {
  return v < 0 ? 0 : v > max ? max : v;
}

/** A player row, dequantized: what the HUD shows and prediction starts from (a player's state without its id and the server-only death tick). */
export type PlayerSnapshot = Omit<ArenaPlayer, 'id' | 'diedAtTick' | 'ghost'>;

/**
 * Decode a player row. `values` is a row (or a whole EntityTable.values with
 * `offset` = row × field count); pass `out` to reuse an object.
 *
 * @example
 *   const row = table.indexOf(myId);
 *   const me = playerFromSnapshot(table.values, row * table.fieldCount);
 */
export function playerFromSnapshot(values: ArrayLike<number>, offset = 0, out?: PlayerSnapshot): PlayerSnapshot {
  const p = out ?? { x: 0, y: 0, vx: 0, vy: 0, aim: 0, health: 0, respawnTicks: 0, cooldownTicks: 0, score: 0, kills: 0, deaths: 0 };
  p.x = dequantize(F[ArenaField.X], values[offset + ArenaField.X]);
  p.y = dequantize(F[ArenaField.Y], values[offset + ArenaField.Y]);
  p.vx = dequantize(F[ArenaField.VX], values[offset + ArenaField.VX]);
  p.vy = dequantize(F[ArenaField.VY], values[offset + ArenaField.VY]);
  p.aim = values[offset + ArenaField.Aim];
  p.health = values[offset + ArenaField.Health];
  p.respawnTicks = values[offset + ArenaField.RespawnTicks];
  p.cooldownTicks = values[offset + ArenaField.CooldownTicks];
  p.score = values[offset + ArenaField.Score];
  p.kills = values[offset + ArenaField.Kills];
  p.deaths = values[offset + ArenaField.Deaths];
  return p;
}

export interface ProjectileSnapshot {
  /** Position at the requested tick, px. */
  x: number;
  y: number;
  vx: number;
  vy: number;
  owner: number;
  bornTick: number;
  /** Its hits are tested against the players at bornTick − lagTicks + age (its shooter's view). */
  lagTicks: number;
}

/**
 * A projectile row extrapolated to `tick` (may be fractional, for rendering
 * between ticks): the server's own flight formula, so it is drawn where it is tested.
 */
export function projectileFromSnapshot(
  values: ArrayLike<number>,
  tick: number,
  tickRate: number,
  offset = 0,
  out?: ProjectileSnapshot,
): ProjectileSnapshot {
  const p = out ?? { x: 0, y: 0, vx: 0, vy: 0, owner: 0, bornTick: 0, lagTicks: 0 };
  const x0 = dequantize(P[ProjectileField.X], values[offset + ProjectileField.X]);
  const y0 = dequantize(P[ProjectileField.Y], values[offset + ProjectileField.Y]);
  p.vx = dequantize(P[ProjectileField.VX], values[offset + ProjectileField.VX]);
  p.vy = dequantize(P[ProjectileField.VY], values[offset + ProjectileField.VY]);
  p.owner = values[offset + ProjectileField.Owner];
  p.bornTick = values[offset + ProjectileField.BornTick];
  p.lagTicks = values[offset + ProjectileField.LagTicks];
  p.x = projectileAt(x0, p.vx, tick - p.bornTick, tickRate);
  p.y = projectileAt(y0, p.vy, tick - p.bornTick, tickRate);
  return p;
}
