import { describe, expect, it } from 'vitest';
import { CellField, CellsKind, cellsEntitySchema, FoodField } from '../../../../shared/game/cells';
import { EntityLayout } from '../../../../shared/protocol/entitySchema';
import { EntityTable } from '../../../../shared/protocol/entityTable';
import { lerpTables } from '../../sdk/netcode/entityLerp';
import { cellsLerp } from './cellsModel';
import { leaderboard, LEADERBOARD_ROWS, remoteCells, type CellView } from './cellsView';

const layout = new EntityLayout(cellsEntitySchema);

function cellRow(id: number, x: number, y: number, mass: number, respawnTicks = 0) {
  const values = new Array<number>(layout.stride).fill(0);
  values[CellField.X] = x * 8;
  values[CellField.Y] = y * 8;
  values[CellField.Mass] = mass;
  values[CellField.RespawnTicks] = respawnTicks;
  return { id, kind: CellsKind.Cell, values };
}

function foodRow(id: number, x: number, y: number) {
  const values = new Array<number>(layout.stride).fill(0);
  values[FoodField.X] = x * 8;
  values[FoodField.Y] = y * 8;
  return { id, kind: CellsKind.Food, values };
}

describe('cells view', () => {
  it('blends remote cells (position and mass), leaves out ours, the eaten and the pellets', () => {
    const from = EntityTable.from(layout.stride, 10, [cellRow(1, 100, 100, 50), cellRow(2, 200, 200, 80), cellRow(3, 0, 0, 20, 30), foodRow(300, 5, 5)]);
    const to = EntityTable.from(layout.stride, 12, [cellRow(1, 100, 100, 50), cellRow(2, 210, 200, 90), cellRow(3, 0, 0, 20, 28), foodRow(300, 5, 5)]);
    const drawn = lerpTables(from, to, 0.5, cellsLerp(layout));
    const cells = remoteCells(drawn, layout, 1, (id) => `p${id}`);
    expect(cells.map((c) => [c.id, c.name, c.x, c.y, c.mass])).toEqual([[2, 'p2', 205, 200, 85]]);
  });

  it('ranks by mass, and appends our row when we are below the top rows', () => {
    const cell = (id: number, mass: number, isMe = false): CellView => ({ id, name: `p${id}`, isMe, x: 0, y: 0, mass, radius: 1, color: 0 });
    const cells = Array.from({ length: 14 }, (_, i) => cell(i + 1, 100 + i * 10));
    cells.push(cell(99, 5, true));
    const rows = leaderboard(cells);
    expect(rows).toHaveLength(LEADERBOARD_ROWS + 1);
    expect(rows[0]).toEqual({ rank: 1, id: 14, name: 'p14', mass: 230, isMe: false });
    expect(rows[rows.length - 1]).toEqual({ rank: 15, id: 99, name: 'p99', mass: 5, isMe: true });
    expect(leaderboard([cell(1, 50, true), cell(2, 50)]).map((r) => r.id)).toEqual([1, 2]);
  });
});
