/**
 * Cells as the client sees it: our own cell for prediction (the shared
 * moveCell and cellFromSnapshot, so prediction and server agree to the bit),
 * and how entities blend between snapshots (cells glide and grow smoothly;
 * pellets never change, so nothing of theirs blends).
 */
import { CellField, CellsKind, cellFromSnapshot, moveCell, type CellsWorld, type MovableCell } from '../../../../shared/game/cells';
import type { EntityLayout } from '../../../../shared/protocol/entitySchema';
import type { EntityTable } from '../../../../shared/protocol/entityTable';
import type { InputValues } from '../../../../shared/protocol/inputSchema';
import type { PredictionHooks } from '../../sdk/gameModule';
import type { LerpSpec } from '../../sdk/netcode/entityLerp';

export type PredictedCell = MovableCell;

/** Our cell as the server has it in `table` (row `row`). */
export function predictedFromSnapshot(table: EntityTable, row: number): PredictedCell {
  const c = cellFromSnapshot(table.values, row * table.fieldCount);
  return { x: c.x, y: c.y, vx: c.vx, vy: c.vy, mass: c.mass, ejectTicks: c.ejectTicks, respawnTicks: c.respawnTicks };
}

export function cellsPrediction(world: CellsWorld): PredictionHooks<PredictedCell> {
  const input = { targetX: 0, targetY: 0, buttons: 0 };
  return {
    model: {
      step(s: PredictedCell, values: Readonly<InputValues>) {
        input.targetX = values.targetX;
        input.targetY = values.targetY;
        input.buttons = values.buttons;
        // An eaten cell does not move (moveCell checks); the mass a boost ejects is the server's to spawn.
        moveCell(s, input, world);
        return s;
      },
      clone: (s) => ({ ...s }),
      x: (s) => s.x,
      y: (s) => s.y,
    },
    fromSnapshot: predictedFromSnapshot,
  };
}

/** A respawn moves a cell farther than this between two snapshots (u): drawn there at once. */
const TELEPORT_U = 400;
const STATIC = { blended: [], xField: 0, yField: 1, teleportDistance: TELEPORT_U };

export function cellsLerp(layout: EntityLayout): LerpSpec {
  return {
    layout,
    kinds: {
      [CellsKind.Cell]: { blended: [CellField.X, CellField.Y, CellField.Mass], xField: CellField.X, yField: CellField.Y, teleportDistance: TELEPORT_U },
      [CellsKind.Food]: STATIC,
      [CellsKind.Ejected]: STATIC,
    },
  };
}
