/**
 * Test fixtures for the arena's colocated tests: hand-built worlds (open floor,
 * chosen obstacles) instead of seeded ones, and terse inputs.
 */
import type { PlayerInput } from '../../engine/gameDefinition';
import { DEFAULT_TICK_RATE, WORLD_HEIGHT, WORLD_WIDTH } from './constants';
import { createArenaState, type ArenaPlayer, type ArenaState } from './state';
import type { ArenaWorld, Point, Rect } from './world';

export function testWorld(
  obstacles: Rect[] = [],
  spawnPoints: Point[] = [{ x: 1400, y: 150 }],
  tickRate = DEFAULT_TICK_RATE,
): ArenaWorld {
  return { width: WORLD_WIDTH, height: WORLD_HEIGHT, obstacles, spawnPoints, tickRate, dt: 1 / tickRate };
}

/** A fresh arena state on `world` instead of the seeded one. */
export function stateOn(world: ArenaWorld, seed = 1): ArenaState {
  return { ...createArenaState(seed, { tickRate: world.tickRate }), world };
}

export function input(buttons: number, aim = 0, viewTick = 0): PlayerInput {
  return { buttons, aim, viewTick };
}

export function player(state: ArenaState, id: number): ArenaPlayer {
  const p = state.playerById[id];
  if (p === undefined) throw new Error(`test: no player ${id}`);
  return p;
}

export function placePlayer(state: ArenaState, id: number, x: number, y: number): ArenaPlayer {
  const p = player(state, id);
  p.x = x;
  p.y = y;
  p.vx = 0;
  p.vy = 0;
  return p;
}
