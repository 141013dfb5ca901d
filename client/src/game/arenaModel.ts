/**
 * The arena game as the client sees it: reading snapshot rows, and the
 * prediction model for our own player (the shared movePlayer, so prediction
 * and server agree to the bit).
 */
import { movePlayer } from '../../../shared/game/arena/movement';
import { ArenaField, arenaSchema } from '../../../shared/game/arena/schema';
import type { ArenaWorld } from '../../../shared/game/arena/world';
import { dequantize } from '../../../shared/protocol/entitySchema';
import type { EntityTable } from '../../../shared/protocol/entityTable';
import type { InputFrame } from '../../../shared/protocol/messages';
import type { LerpSpec } from '../netcode/entityLerp';
import type { PredictionModel } from '../netcode/prediction';

export const schema = arenaSchema;
export { ArenaField };

export interface PredictedPlayer {
  x: number;
  y: number;
  vx: number;
  vy: number;
  /** Dead players do not move until they respawn (which the server decides). */
  alive: boolean;
}

/** Field `f` of `row`, in real units. */
export function fieldOf(table: EntityTable, row: number, f: number): number {
  return dequantize(schema.fields[f], table.values[row * schema.fields.length + f]);
}

/** Our player as the server has it in `table` (row `row`). */
export function predictedFromSnapshot(table: EntityTable, row: number): PredictedPlayer {
  return {
    x: fieldOf(table, row, ArenaField.X),
    y: fieldOf(table, row, ArenaField.Y),
    vx: fieldOf(table, row, ArenaField.VX),
    vy: fieldOf(table, row, ArenaField.VY),
    alive: fieldOf(table, row, ArenaField.RespawnTicks) === 0,
  };
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

/** A projectile's position at (fractional) `tick`: fired at (x, y) at bornTick, constant velocity. */
export function projectileAt(values: Float64Array, tick: number, tickRate: number): { x: number; y: number } {
  const dt = (tick - values[ArenaField.BornTick]) / tickRate;
  return { x: values[ArenaField.X] + values[ArenaField.VX] * dt, y: values[ArenaField.Y] + values[ArenaField.VY] * dt };
}
