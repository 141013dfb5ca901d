import { describe, expect, it } from 'vitest';
import { bigcells, BIG_WORLD } from '../../../../shared/game/bigcells';
import { Opcode } from '../../../../shared/protocol/constants';
import { EntityLayout } from '../../../../shared/protocol/entitySchema';
import type { SessionInfo } from '../../sdk/gameModule';
import { DrawnTable } from '../../sdk/netcode/entityLerp';
import { BigcellsLogic } from './bigcellsLogic';

const layout = new EntityLayout(bigcells.entities);
const session: SessionInfo = { seed: 1, tickRate: 60, snapshotRate: 20, playerId: 12, roomId: 'r', roomName: 'Ocean 1', layout };
const nameOf = (id: number): string => `p${id}`;

function sample() {
  return {
    nowMs: 0,
    renderTick: 0,
    tickRate: 60,
    playerId: 12,
    drawn: new DrawnTable(layout.stride),
    newest: null,
    myRow: -1,
    predicted: null,
    predictedDraw: null,
    nameOf,
  };
}

describe('bigcells logic: standings streams', () => {
  it('feeds Leaderboard, Rank and Minimap messages into the view, whatever the snapshots show', () => {
    const logic = new BigcellsLogic(session);
    expect(logic.view(sample())).toMatchObject({ leaderboard: [], minimap: null, ranked: 0 });
    logic.onMessage({ op: Opcode.Leaderboard, body: { t: 60, n: 300, top: [[4, 900], [9, 800]] } });
    logic.onMessage({ op: Opcode.Rank, body: { r: 41, s: 120 } });
    logic.onMessage({ op: Opcode.Minimap, body: { t: 60, s: 1, d: [7], p: [[4, 128, 0]] } });
    // Messages that are not standings are ignored.
    logic.onMessage({ op: Opcode.InputTiming, body: { a: 1 } });
    const v = logic.view(sample());
    expect(v.leaderboard.map((r) => [r.rank, r.name, r.isMe])).toEqual([
      [1, 'p4', false],
      [2, 'p9', false],
      [41, 'p12', true],
    ]);
    expect(v.ranked).toBe(300);
    expect(v.minimap).toEqual({ side: 1, density: Uint8Array.from([7]), top: [{ id: 4, x: (128.5 / 256) * BIG_WORLD.worldSize, y: (0.5 / 256) * BIG_WORLD.worldSize }] });
    expect(v.world.width).toBe(BIG_WORLD.worldSize);
  });
});
