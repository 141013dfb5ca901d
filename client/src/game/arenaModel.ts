/**
 * The arena game as the client sees it: its schema, our own player for
 * prediction (the shared movePlayer and playerFromSnapshot, so prediction and
 * server agree to the bit), and how remote entities are blended.
 */
import { arena, ArenaField, movePlayer, playerFromSnapshot, type ArenaWorld } from '../../../shared/game/arena';
import type { EntityTable } from '../../../shared/protocol/entityTable';
import type { InputFrame } from '../../../shared/protocol/messages';
import type { LerpSpec } from '../netcode/entityLerp';
import type { PredictionModel } from '../netcode/prediction';

export const schema = arena.entitySchema;

export interface PredictedPlayer {
  x: number;
  y: number;
  vx: number;
  vy: number;
  /** Dead players do not move until they respawn (which the server decides). */
  alive: boolean;
}

/** Our player as the server has it in `table` (row `row`). */
export function predictedFromSnapshot(table: EntityTable, row: number): PredictedPlayer {
  const p = playerFromSnapshot(table.values, row * table.fieldCount);
  return { x: p.x, y: p.y, vx: p.vx, vy: p.vy, alive: p.respawnTicks === 0 };
}

export function predictionModel(world: ArenaWorld): PredictionModel<PredictedPlayer> {
  const input = { buttons: 0, aim: 0, viewTick: 0 };
  return {
    step(s: PredictedPlayer, frame: InputFrame) {
      if (!s.alive) return s;
      input.buttons = frame[0];
      input.aim = frame[1];
      movePlayer(s, input, world);
      return s;
    },
    clone: (s) => ({ ...s }),
    x: (s) => s.x,
    y: (s) => s.y,
  };
}

export const lerpSpec: LerpSpec = {
  schema,
  blended: new Set<number>([ArenaField.X, ArenaField.Y, ArenaField.Aim]),
  xField: ArenaField.X,
  yField: ArenaField.Y,
  teleportDistance: 120,
};
