/**
 * Proof that the Colyseus room simulated the same world as tickwire's bench:
 * a fingerprint of a cells state (tick, PRNG, every entity's id, kind and
 * row values, as the snapshot would carry them), and a replay of the bigworld
 * bench's own loop (same seed, players 1..N, `driveBots` then `cells.step` on
 * the bots' inputs, no framework in between) to compare it with.
 */
import { cells } from '../../../shared/game/cells/cells';
import type { CellsEvent } from '../../../shared/game/cells/events';
import { CELLS_STRIDE } from '../../../shared/game/cells/schema';
import { createCellsState, type CellsState } from '../../../shared/game/cells/state';
import { createBots, driveBots } from '../../../shared/game/cells/testBots';
import { createCellsWorld } from '../../../shared/game/cells/world';
import { EntityTable } from '../../../shared/protocol/entityTable';
import { worldFor } from '../../bigworld/bigWorldBench';

const FNV_OFFSET = 0x811c9dc5;
const FNV_PRIME = 0x01000193;

function mix(h: number, v: number): number {
  return Math.imul(h ^ (v | 0), FNV_PRIME) >>> 0;
}

/** FNV-1a over the state's tick, PRNG and every entity row (hex). */
export function cellsFingerprint(state: CellsState): string {
  const table = new EntityTable(CELLS_STRIDE, 1024).begin(state.tick);
  cells.writeView(state, { playerId: 0, focus: 0, x: 0, y: 0 }, table);
  table.finish();
  let h = mix(mix(FNV_OFFSET, state.tick), state.rng);
  for (let row = 0; row < table.count; row++) {
    h = mix(mix(h, table.ids[row]), table.kinds[row]);
    for (let k = 0; k < CELLS_STRIDE; k++) h = mix(h, table.values[row * CELLS_STRIDE + k]);
  }
  return `${table.count}:${h.toString(16)}`;
}

/** The bigworld bench's loop without any server: the state after `ticks` ticks. */
export function replayWithoutServer(players: number, seed: number, botSeed: number, tickRate: number, ticks: number): CellsState {
  const state = createCellsState(seed, { tickRate }, createCellsWorld(tickRate, worldFor(players)));
  for (let id = 1; id <= players; id++) cells.addPlayer(state, id);
  const bots = createBots(state, botSeed);
  const events: CellsEvent[] = [];
  for (let t = 0; t < ticks; t++) {
    driveBots(state, bots);
    cells.step(state, bots.inputs);
    cells.drainEvents(state, events);
    events.length = 0;
  }
  return state;
}
