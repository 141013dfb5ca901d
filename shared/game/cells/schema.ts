/**
 * Cells' wire vocabulary: the input fields and the three entity kinds. The
 * engine derives the Input codec, the snapshot codec and their validators from
 * these declarations (shared/protocol/inputSchema.ts, entitySchema.ts).
 *
 * Entity fields are ordered for the delta codec (the changed-field mask is a
 * varint, bit k = field k): what changes while a cell plays comes first.
 *
 *   kind 1 cell     x y vx vy mass ejectTicks respawnTicks score   (8 fields, the row stride)
 *   kind 2 food     x y                                           (never changes: sent once)
 *   kind 3 ejected  x y mass owner                                (never changes: sent once)
 *
 * Cells store x, y, vx, vy on this grid already (movement.ts), so a client
 * replaying its inputs from a snapshot row reproduces the server exactly.
 */
import type { EntityKindSpec, EntitySchema, FieldSpec } from '../../protocol/entitySchema';
import type { InputOf, InputSchema } from '../../protocol/inputSchema';
import { CellsKind, MAX_MASS, MAX_PLAYER_ID, TARGET_BITS, WORLD_SIZE } from './constants';

/** Positions: 1/8 u. */
export const POSITION_SCALE = 8;
/** Velocities: 1 u/s. */
export const VELOCITY_SCALE = 1;
/** |v| ≤ 1024 u/s (the fastest cell, boosting at MIN_BOOST_MASS, does 404). */
const VELOCITY_LIMIT = 1024;

export const cellsInputSchema = {
  fields: [
    { name: 'targetX', kind: 'int', bits: TARGET_BITS },
    { name: 'targetY', kind: 'int', bits: TARGET_BITS },
    { name: 'buttons', kind: 'flags', bits: 1 },
  ],
} as const satisfies InputSchema;

/** `{ targetX, targetY, buttons }`: what a player sends each tick. */
export type CellsInput = InputOf<typeof cellsInputSchema>;

/** Field indices of a cell row: `values[row * stride + CellField.Mass]`. */
export const CellField = {
  /** u × 8, 0..WORLD_SIZE. */
  X: 0,
  Y: 1,
  /** u/s. */
  VX: 2,
  VY: 3,
  /** 0 while respawning, else START_MASS..MAX_MASS. */
  Mass: 4,
  /** Ticks until a boost may eject again (0 = the next boosting tick ejects). */
  EjectTicks: 5,
  /** 0 = alive; n > 0 = eaten, respawns in n ticks. */
  RespawnTicks: 6,
  /** Highest mass reached since joining. */
  Score: 7,
} as const;

export const FoodField = { X: 0, Y: 1 } as const;

export const EjectedField = {
  X: 0,
  Y: 1,
  Mass: 2,
  /** Player id of the cell that ejected it (its colour); it may be gone since. */
  Owner: 3,
} as const;

const field = (name: string, scale: number, min: number, max: number): FieldSpec => ({ name, scale, min, max });

/** The three kinds for a world of `worldSize` u whose player ids go up to `maxPlayerId` (bigcells: 16384, 2047). */
export function makeCellsEntitySchema(worldSize: number, maxPlayerId: number): EntitySchema {
  const positionMax = worldSize * POSITION_SCALE;
  const cell: EntityKindSpec = {
    kind: CellsKind.Cell,
    name: 'cell',
    fields: [
      field('x', POSITION_SCALE, 0, positionMax),
      field('y', POSITION_SCALE, 0, positionMax),
      field('vx', VELOCITY_SCALE, -VELOCITY_LIMIT, VELOCITY_LIMIT),
      field('vy', VELOCITY_SCALE, -VELOCITY_LIMIT, VELOCITY_LIMIT),
      field('mass', 1, 0, MAX_MASS),
      field('ejectTicks', 1, 0, 0xffff),
      field('respawnTicks', 1, 0, 0xffff),
      field('score', 1, 0, MAX_MASS),
    ],
  };
  const food: EntityKindSpec = {
    kind: CellsKind.Food,
    name: 'food',
    fields: [field('x', POSITION_SCALE, 0, positionMax), field('y', POSITION_SCALE, 0, positionMax)],
  };
  const ejected: EntityKindSpec = {
    kind: CellsKind.Ejected,
    name: 'ejected',
    fields: [
      field('x', POSITION_SCALE, 0, positionMax),
      field('y', POSITION_SCALE, 0, positionMax),
      field('mass', 1, 1, MAX_MASS),
      field('owner', 1, 0, maxPlayerId),
    ],
  };
  return { kinds: [cell, food, ejected] };
}

export const cellsEntitySchema: EntitySchema = makeCellsEntitySchema(WORLD_SIZE, MAX_PLAYER_ID);
export const [cellKindSpec, foodKindSpec, ejectedKindSpec] = cellsEntitySchema.kinds;

/** Row stride of a cells EntityTable: the most fields any kind has (the cell's 8). */
export const CELLS_STRIDE = cellKindSpec.fields.length;
