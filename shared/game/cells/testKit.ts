/**
 * Test fixtures for the cells' colocated tests: worlds without food (so that
 * nothing but the test's own pellets changes masses), cells placed by hand,
 * terse inputs.
 */
import type { TickInput } from '../../engine/gameDefinition';
import { CellsKind, DEFAULT_TICK_RATE } from './constants';
import { cells } from './cells';
import type { CellsInput } from './schema';
import { createCellsState, type Cell, type CellsState } from './state';
import { createCellsWorld, type CellsWorld } from './world';

/** A state on the standard world with `overrides` (e.g. { foodTarget: 0 } for an empty world). */
export function stateWith(overrides: Partial<CellsWorld> = {}, seed = 1, tickRate = DEFAULT_TICK_RATE): CellsState {
  return createCellsState(seed, { tickRate }, { ...createCellsWorld(tickRate), ...overrides });
}

export function emptyState(seed = 1, tickRate = DEFAULT_TICK_RATE): CellsState {
  return stateWith({ foodTarget: 0 }, seed, tickRate);
}

export function input(targetX: number, targetY: number, buttons = 0, viewTick = 0): TickInput<CellsInput> {
  return { targetX, targetY, buttons, viewTick };
}

export function cell(state: CellsState, id: number): Cell {
  const c = state.cellById[id];
  if (c === undefined) throw new Error(`test: no cell ${id}`);
  return c;
}

/** Add player `id` and put its cell at (x, y) with `mass`, at rest. */
export function placeCell(state: CellsState, id: number, x: number, y: number, mass = 10): Cell {
  if (state.cellById[id] === undefined) cells.addPlayer(state, id);
  const c = cell(state, id);
  c.x = x;
  c.y = y;
  c.vx = 0;
  c.vy = 0;
  c.mass = mass;
  if (c.score < mass) c.score = mass;
  return c;
}

/** Add a pellet by hand; returns its id. */
export function addPellet(state: CellsState, kind: number, x: number, y: number, mass = 1, owner = 0): number {
  const id = state.pelletIds.allocate();
  state.pellets.add(id, kind, Math.round(x * 8), Math.round(y * 8), mass, owner, kind === CellsKind.Ejected ? state.tick + state.world.ejectLifetimeTicks : 0);
  return id;
}

/** Run `ticks` steps with the same inputs. */
export function run(state: CellsState, ticks: number, inputs: ReadonlyMap<number, TickInput<CellsInput>> = new Map()): void {
  for (let i = 0; i < ticks; i++) cells.step(state, inputs);
}
