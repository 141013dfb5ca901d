/**
 * Joining and leaving. A leaving player's cell becomes a PlayerSave (flat,
 * JSON-safe) and a returning player gets exactly that cell back; a save from
 * an older build or a damaged store degrades field by field to fresh values.
 */
import type { PlayerSave } from '../../engine/gameDefinition';
import { MAX_MASS, START_MASS } from './constants';
import { radiusOfMass } from './mass';
import { keepInWorld, snap } from './movement';
import { POSITION_SCALE, VELOCITY_SCALE } from './schema';
import { placeAtSpawnPoint } from './spawn';
import type { Cell, CellsState } from './state';

/** Version tag stored in saves, bumped if the meaning of a field changes. */
export const CELLS_SAVE_VERSION = 1;
const SPEED_LIMIT = 1024;

export function addPlayer(state: CellsState, playerId: number, save?: PlayerSave): void {
  const maxId = state.world.maxPlayerId;
  if (!Number.isInteger(playerId) || playerId < 1 || playerId > maxId) {
    throw new RangeError(`cells.addPlayer player=[${playerId}]: id must be an integer in 1..${maxId}`);
  }
  if (state.cellById[playerId] !== undefined) {
    throw new Error(`cells.addPlayer player=[${playerId}]: already in the world`);
  }
  const cell: Cell = { id: playerId, x: 0, y: 0, vx: 0, vy: 0, mass: START_MASS, ejectTicks: 0, respawnTicks: 0, score: START_MASS };
  if (save !== undefined && save.v === CELLS_SAVE_VERSION) restore(state, cell, save);
  else placeAtSpawnPoint(state, cell);

  const list = state.cells;
  let i = list.length;
  list.push(cell);
  while (i > 0 && list[i - 1].id > playerId) {
    list[i] = list[i - 1];
    i--;
  }
  list[i] = cell;
  state.cellById[playerId] = cell;
}

export function removePlayer(state: CellsState, playerId: number): PlayerSave {
  const save = savePlayer(state, playerId);
  const cell = state.cellById[playerId]!;
  state.cellById[playerId] = undefined;
  const list = state.cells;
  const at = list.indexOf(cell);
  for (let i = at; i < list.length - 1; i++) list[i] = list[i + 1];
  list.length--;
  return save;
}

/** What addPlayer needs to restore the cell, which stays in the world. */
export function savePlayer(state: CellsState, playerId: number): PlayerSave {
  const cell = Number.isInteger(playerId) ? state.cellById[playerId] : undefined;
  if (cell === undefined) throw new Error(`cells.savePlayer player=[${playerId}]: not in the world`);
  return {
    v: CELLS_SAVE_VERSION,
    x: cell.x,
    y: cell.y,
    vx: cell.vx,
    vy: cell.vy,
    mass: cell.mass,
    ejectTicks: cell.ejectTicks,
    respawnTicks: cell.respawnTicks,
    score: cell.score,
  };
}

function restore(state: CellsState, cell: Cell, save: PlayerSave): void {
  const w = state.world;
  cell.respawnTicks = Math.round(num(save.respawnTicks, 0, 0xffff, 0));
  // Alive ⇔ mass in START_MASS..MAX_MASS; eaten ⇔ mass 0 with a countdown. Repair saves that break it.
  cell.mass = cell.respawnTicks > 0 ? 0 : Math.floor(num(save.mass, START_MASS, MAX_MASS, START_MASS));
  cell.ejectTicks = cell.respawnTicks > 0 ? 0 : Math.round(num(save.ejectTicks, 0, w.ejectIntervalTicks, 0));
  cell.score = Math.floor(num(save.score, START_MASS, MAX_MASS, START_MASS));
  if (cell.mass > cell.score) cell.score = cell.mass;
  const x = num(save.x, 0, w.width, NaN);
  const y = num(save.y, 0, w.height, NaN);
  if (Number.isNaN(x) || Number.isNaN(y)) {
    placeAtSpawnPoint(state, cell);
    return;
  }
  cell.x = snap(x, POSITION_SCALE);
  cell.y = snap(y, POSITION_SCALE);
  const alive = cell.respawnTicks === 0;
  cell.vx = alive ? snap(num(save.vx, -SPEED_LIMIT, SPEED_LIMIT, 0), VELOCITY_SCALE) : 0;
  cell.vy = alive ? snap(num(save.vy, -SPEED_LIMIT, SPEED_LIMIT, 0), VELOCITY_SCALE) : 0;
  if (alive) keepInWorld(cell, radiusOfMass(cell.mass), w);
}

/** `value` clamped into [min, max] if it is a finite number, else `fallback`. */
function num(value: unknown, min: number, max: number, fallback: number): number {
  if (typeof value !== 'number' || !Number.isFinite(value)) return fallback;
  return value < min ? min : value > max ? max : value;
}
