/**
 * Joining and leaving. A leaving player's state becomes a PlayerSave (flat,
 * JSON-safe) and a returning player gets exactly that state back; a save from
 * an older build or a damaged store degrades field by field to fresh values.
 */
import type { PlayerSave } from '../../engine/gameDefinition';
import { MAX_PLAYER_ID, PLAYER_MAX_HEALTH, PLAYER_RADIUS } from './constants';
import { placeAtSpawnPoint } from './combat';
import { snap } from './movement';
import { AIM_STEPS, POSITION_SCALE, VELOCITY_SCALE } from './schema';
import type { ArenaPlayer, ArenaState } from './state';

/** Version tag stored in saves, bumped if the meaning of a field changes. */
export const PLAYER_SAVE_VERSION = 1;
const I32_MAX = 0x7fffffff;
const SPEED_LIMIT = 1024;

export function addPlayer(state: ArenaState, playerId: number, save?: PlayerSave): void {
  if (!Number.isInteger(playerId) || playerId < 1 || playerId > MAX_PLAYER_ID) {
    throw new RangeError(`arena.addPlayer player=[${playerId}]: id must be an integer in 1..${MAX_PLAYER_ID}`);
  }
  if (state.playerById[playerId] !== undefined) {
    throw new Error(`arena.addPlayer player=[${playerId}]: already in the world`);
  }
  const p: ArenaPlayer = {
    id: playerId,
    x: 0,
    y: 0,
    vx: 0,
    vy: 0,
    aim: 0,
    health: PLAYER_MAX_HEALTH,
    respawnTicks: 0,
    // Not saved: a player resumed while dead fires no trade shot (its client sent nothing while away).
    diedAtTick: 0,
    ghost: { x: 0, y: 0, vx: 0, vy: 0 },
    cooldownTicks: 0,
    score: 0,
    kills: 0,
    deaths: 0,
  };
  if (save !== undefined && save.v === PLAYER_SAVE_VERSION) restore(state, p, save);
  else placeAtSpawnPoint(state, p);

  const list = state.players;
  let i = list.length;
  list.push(p);
  while (i > 0 && list[i - 1].id > playerId) {
    list[i] = list[i - 1];
    i--;
  }
  list[i] = p;
  state.playerById[playerId] = p;
}

export function removePlayer(state: ArenaState, playerId: number): PlayerSave {
  const save = savePlayer(state, playerId);
  const p = state.playerById[playerId]!;
  state.playerById[playerId] = undefined;
  const list = state.players;
  const at = list.indexOf(p);
  for (let i = at; i < list.length - 1; i++) list[i] = list[i + 1];
  list.length--;
  return save;
}

/** What addPlayer needs to restore the player, which stays in the world. */
export function savePlayer(state: ArenaState, playerId: number): PlayerSave {
  const p = Number.isInteger(playerId) ? state.playerById[playerId] : undefined;
  if (p === undefined) throw new Error(`arena.savePlayer player=[${playerId}]: not in the world`);
  return {
    v: PLAYER_SAVE_VERSION,
    x: p.x,
    y: p.y,
    vx: p.vx,
    vy: p.vy,
    aim: p.aim,
    health: p.health,
    respawnTicks: p.respawnTicks,
    cooldownTicks: p.cooldownTicks,
    score: p.score,
    kills: p.kills,
    deaths: p.deaths,
  };
}

function restore(state: ArenaState, p: ArenaPlayer, save: PlayerSave): void {
  const { width, height } = state.world;
  const x = num(save.x, PLAYER_RADIUS, width - PLAYER_RADIUS, NaN);
  const y = num(save.y, PLAYER_RADIUS, height - PLAYER_RADIUS, NaN);
  if (Number.isNaN(x) || Number.isNaN(y)) {
    placeAtSpawnPoint(state, p);
  } else {
    p.x = snap(x, POSITION_SCALE);
    p.y = snap(y, POSITION_SCALE);
    p.vx = snap(num(save.vx, -SPEED_LIMIT, SPEED_LIMIT, 0), VELOCITY_SCALE);
    p.vy = snap(num(save.vy, -SPEED_LIMIT, SPEED_LIMIT, 0), VELOCITY_SCALE);
  }
  p.aim = Math.round(num(save.aim, 0, AIM_STEPS - 1, 0));
  p.respawnTicks = Math.round(num(save.respawnTicks, 0, 0xffff, 0));
  p.health = Math.round(num(save.health, 0, PLAYER_MAX_HEALTH, PLAYER_MAX_HEALTH));
  // Dead ⇔ health 0 ⇔ a respawn countdown runs; repair saves that break it.
  if (p.respawnTicks > 0) p.health = 0;
  else if (p.health === 0) p.respawnTicks = state.respawnDelayTicks;
  p.cooldownTicks = Math.round(num(save.cooldownTicks, 0, 0xffff, 0));
  p.score = Math.round(num(save.score, 0, I32_MAX, 0));
  p.kills = Math.round(num(save.kills, 0, I32_MAX, 0));
  p.deaths = Math.round(num(save.deaths, 0, I32_MAX, 0));
}

/** `value` clamped into [min, max] if it is a finite number, else `fallback`. */
function num(value: unknown, min: number, max: number, fallback: number): number {
  if (typeof value !== 'number' || !Number.isFinite(value)) return fallback;
  return value < min ? min : value > max ? max : value;
}
