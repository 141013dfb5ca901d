import { describe, expect, it } from 'vitest';
import { EntityTable } from '../../protocol/entityTable';
import { cells } from './cells';
import { CellsButton } from './constants';
import { moveCell } from './movement';
import { CELLS_STRIDE } from './schema';
import { cell, input, stateWith } from './testKit';
import { cellFromSnapshot } from './view';
import { createCellsWorld } from './world';

const viewer = { playerId: 7, focus: 0, x: 0, y: 0 };

/** A seeded script: a pointer offset that wanders (sometimes inside the cell), boost toggled now and then. */
function script(ticks: number, seed: number): { targetX: number; targetY: number; buttons: number }[] {
  const out = [];
  let r = seed;
  let tx = 0;
  let ty = 0;
  let buttons = 0;
  for (let t = 0; t < ticks; t++) {
    r = (Math.imul(r, 1103515245) + 12345) >>> 0;
    if (t % 9 === 0) {
      tx = ((r >>> 4) % 1201) - 600;
      ty = ((r >>> 14) % 1201) - 600;
      if ((r & 3) === 0) tx = ty = (r >>> 8) % 7; // pointer inside the cell, or on its centre
    }
    if (t % 23 === 0) buttons = (r >>> 30) & CellsButton.Boost;
    out.push({ targetX: tx, targetY: ty, buttons });
  }
  return out;
}

describe('client prediction', () => {
  it.each([20, 30, 60, 120])(
    'cellFromSnapshot + moveCell over the pending inputs reproduces the server exactly (%i Hz)',
    (tickRate) => {
      // Nothing but the player's own inputs changes its cell: no food, no pellets to re-eat,
      // mass below the decay threshold (see README: eating and decay are corrected, not predicted).
      const state = stateWith({ foodTarget: 0, maxEjected: 0 }, 777, tickRate);
      cells.addPlayer(state, 7);
      cell(state, 7).mass = 400;
      const world = createCellsWorld(tickRate);
      const inputs = script(900, tickRate);
      const table = new EntityTable(CELLS_STRIDE);
      let boostedEjects = 0;
      for (let ackAt = 0; ackAt < 800; ackAt += 50) {
        // The server runs to ackAt and sends its view; the client predicts 10–40 ticks ahead of it.
        while (state.tick < ackAt) cells.step(state, new Map([[7, input(inputs[state.tick].targetX, inputs[state.tick].targetY, inputs[state.tick].buttons)]]));
        cells.writeView(state, viewer, table.begin(state.tick));
        const predicted = cellFromSnapshot(table.values, table.indexOf(7) * table.fieldCount);
        const ahead = 10 + (ackAt % 31);
        for (let t = ackAt; t < ackAt + ahead; t++) boostedEjects += moveCell(predicted, inputs[t], world) > 0 ? 1 : 0;
        while (state.tick < ackAt + ahead) cells.step(state, new Map([[7, input(inputs[state.tick].targetX, inputs[state.tick].targetY, inputs[state.tick].buttons)]]));
        const { id: _id, ...server } = cell(state, 7);
        expect(predicted).toEqual(server);
      }
      expect(boostedEjects).toBeGreaterThan(3); // the script does exercise the boost
    },
  );
});
