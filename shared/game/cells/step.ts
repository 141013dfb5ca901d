/**
 * One tick of cells, in a fixed order so server and replays agree:
 *
 *   1. cells, ascending id: an eaten cell counts down and respawns at 0;
 *      a living one moves (moveCell: boost, steer, move) and a boost's
 *      ejected mass becomes a pellet behind it
 *   2. eating order (heaviest first) and the cell grid are rebuilt
 *   3. cells eat cells, then cells eat pellets (eating.ts)
 *   4. ejected pellets past their lifetime disappear
 *   5. food grows back: up to foodSpawnPerTick pellets while below the target
 *   6. every decayIntervalTicks (tick % interval === 0): each living cell
 *      loses floor(mass / 500)
 *
 * Allocation-free in steady play: no arrays, closures or maps are created;
 * only events (`eaten`, `respawned`) allocate.
 */
import type { TickInput } from '../../engine/gameDefinition';
import { DECAY_DIVISOR } from './constants';
import { eatCells, eatPellets, indexCells, sortEatOrder } from './eating';
import { ejectPellet, expireEjected } from './ejected';
import { fillFood } from './food';
import { moveCell, type SteeringInput } from './movement';
import type { CellsInput } from './schema';
import { respawn } from './spawn';
import type { CellsState } from './state';

/** What a cell without input this tick does: no boost, pointer on its centre (it slows to a stop). */
const NO_INPUT: SteeringInput = Object.freeze({ targetX: 0, targetY: 0, buttons: 0 });

export function stepCells(state: CellsState, inputs: ReadonlyMap<number, TickInput<CellsInput>>): void {
  const tick = ++state.tick;
  const world = state.world;
  const cells = state.cells;

  for (let i = 0; i < cells.length; i++) {
    const c = cells[i];
    if (c.respawnTicks > 0) {
      if (--c.respawnTicks === 0) respawn(state, c);
      continue;
    }
    const input = inputs.get(c.id) ?? NO_INPUT;
    const ejected = moveCell(c, input, world);
    if (ejected > 0) ejectPellet(state, c, ejected, input);
  }

  sortEatOrder(state);
  indexCells(state);
  eatCells(state);
  eatPellets(state);

  expireEjected(state);
  fillFood(state, world.foodSpawnPerTick);

  if (tick % world.decayIntervalTicks === 0) {
    for (let i = 0; i < cells.length; i++) {
      const c = cells[i];
      if (c.respawnTicks === 0) c.mass -= Math.floor(c.mass / DECAY_DIVISOR);
    }
  }
}
