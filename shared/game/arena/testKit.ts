/**
 * Test fixtures for the arena's colocated tests: hand-built worlds (open floor,
 * chosen obstacles) instead of seeded ones, and terse inputs.
 */
import type { TickInput, Viewer } from '../../engine/gameDefinition';
import { EntityLayout } from '../../protocol/entitySchema';
import type { EntityTable } from '../../protocol/entityTable';
import { arena } from './arena';
import { DEFAULT_TICK_RATE, WORLD_HEIGHT, WORLD_WIDTH } from './constants';
import { arenaSchema, type ArenaInput } from './schema';
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

/** One tick's input as the engine hands it to the arena (mutable, so scripts can reuse frames). */
export type ArenaTickInput = { -readonly [K in keyof TickInput<ArenaInput>]: number };

/** `aim` in 1/1024 turn (the input field's unit). */
export function input(buttons: number, aim = 0, viewTick = 0): ArenaTickInput {
  return { buttons, aim, viewTick };
}

/** The arena's entity layout, compiled once for the tests. */
export const arenaLayout = new EntityLayout(arenaSchema);

/** A spectator with no focus: the arena shows everyone the whole world anyway. */
export const WHOLE_WORLD: Viewer = { playerId: 0, focus: 0, x: 0, y: 0 };

/** Capture the world into `table` (begun here at the state's tick), as the room does. */
export function writeSnapshot(state: ArenaState, table: EntityTable): EntityTable {
  arena.writeView(state, WHOLE_WORLD, table.begin(arena.tickOf(state)));
  return table;
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
