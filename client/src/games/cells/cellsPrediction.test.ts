/**
 * The cells client's prediction hooks through the SDK's Predictor: inputs
 * predicted at once, the server's rows arriving late with their ackSeq, and
 * the replay landing exactly where the server is (no correction), boosts included.
 */
import { describe, expect, it } from 'vitest';
import { cells, CELLS_STRIDE, CellsButton, createCellsWorld } from '../../../../shared/game/cells';
import { createCellsState } from '../../../../shared/game/cells/state';
import { EntityTable } from '../../../../shared/protocol/entityTable';
import { Predictor } from '../../sdk/netcode/prediction';
import { cellsPrediction } from './cellsModel';

const ME = 9;
const viewer = { playerId: ME, focus: 0, x: 0, y: 0 };

describe('cells prediction hooks', () => {
  it('replays unacknowledged inputs to exactly the server position', () => {
    // No food and no ejected pellets: only our inputs move our cell (eating is corrected, not predicted).
    const world = { ...createCellsWorld(60), foodTarget: 0, maxEjected: 0 };
    const state = createCellsState(42, { tickRate: 60 }, world);
    cells.addPlayer(state, ME);
    const hooks = cellsPrediction(world);
    const predictor = new Predictor(hooks.model);
    const table = new EntityTable(CELLS_STRIDE);
    const input = (t: number) => ({
      targetX: Math.round(400 * Math.cos(t / 40)),
      targetY: Math.round(400 * Math.sin(t / 55)),
      buttons: t % 90 < 30 ? CellsButton.Boost : 0,
    });
    const LATENCY_TICKS = 8;
    cells.writeView(state, viewer, table.begin(state.tick));
    predictor.reset(hooks.fromSnapshot(table, table.indexOf(ME)));
    for (let seq = 1; seq <= 600; seq++) {
      predictor.applyInput(seq, input(seq));
      const applied = seq - LATENCY_TICKS;
      if (applied < 1) continue;
      cells.step(state, new Map([[ME, { ...input(applied), viewTick: 0 }]]));
      if (applied % 2 === 0) {
        cells.writeView(state, viewer, table.begin(state.tick));
        predictor.reconcile(hooks.fromSnapshot(table, table.indexOf(ME)), applied);
      }
    }
    expect(predictor.corrections + predictor.snaps).toBe(0);
    expect(predictor.pendingCount).toBe(LATENCY_TICKS);
  });
});
