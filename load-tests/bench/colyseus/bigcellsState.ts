/**
 * bigcells' entities as @colyseus/schema 5 state for the Colyseus 0.18 peer
 * (per-client filtering with StateView): one schema class per entity kind
 * with exactly the fields and integer grid of tickwire's bigcells snapshot
 * rows (shared/game/cells/schema.ts), each field in the narrowest Colyseus
 * integer type that holds its declared range, and one map per kind keyed by
 * the entity id.
 *
 * Every map is tagged `.view()`: its items reach a client only once that
 * client's StateView holds them (`view.add(entity)`), the documented way to
 * filter a collection per client (docs.colyseus.io/state/view). Nothing is
 * shared: the whole state is per view, as in tickwire's interest-managed games.
 *
 * Choice: three maps rather than one map of a union class (what a Colyseus
 * user writes for three kinds of entity); the kind is implicit in the map, so
 * no kind byte is sent, where tickwire sends one per created row.
 */
import { MapSchema, schema, t, type Schema } from '@colyseus/schema';
import { CellsKind } from '../../../shared/game/cells/constants';
import { makeCellsEntitySchema } from '../../../shared/game/cells/schema';
import { BIG_WORLD } from '../../../shared/game/bigcells/constants';
import type { FieldSpec } from '../../../shared/protocol/entitySchema';

type ColyseusInt = 'uint8' | 'uint16' | 'uint32' | 'int8' | 'int16' | 'int32';

/** The narrowest Colyseus integer type holding `[min, max]` (the field's quantized range). */
export function colyseusIntFor(min: number, max: number): ColyseusInt {
  if (min >= 0) return max <= 0xff ? 'uint8' : max <= 0xffff ? 'uint16' : 'uint32';
  const m = Math.max(-min - 1, max);
  return m <= 0x7f ? 'int8' : m <= 0x7fff ? 'int16' : 'int32';
}

/** Quantized range of a field: what tickwire's row holds (value × scale, rounded). */
function quantizedRange(f: FieldSpec): { min: number; max: number } {
  return { min: Math.round(f.min * f.scale), max: Math.round(f.max * f.scale) };
}

/** The biggest world a room may have (bigcells' 16,384 u): the field types hold every smaller one. */
const KINDS = makeCellsEntitySchema(BIG_WORLD.worldSize, BIG_WORLD.maxPlayerId).kinds;

function kindClass(kind: number, name: string) {
  const spec = KINDS.find((k) => k.kind === kind);
  if (!spec) throw new Error(`bigcellsState: no entity kind ${kind} in the cells schema`);
  const fields = Object.fromEntries(
    spec.fields.map((f) => {
      const r = quantizedRange(f);
      return [f.name, t[colyseusIntFor(r.min, r.max)]()];
    }),
  );
  return { klass: schema(fields, name), fieldNames: spec.fields.map((f) => f.name) };
}

const cell = kindClass(CellsKind.Cell, 'BigCell');
const food = kindClass(CellsKind.Food, 'BigFood');
const ejected = kindClass(CellsKind.Ejected, 'BigEjected');

export const BigcellsRoomState = schema(
  {
    cells: t.map(cell.klass).view(),
    food: t.map(food.klass).view(),
    ejected: t.map(ejected.klass).view(),
  },
  'BigcellsRoomState',
);

/** One entity of any kind: its fields by name (the schema is built at runtime). */
export type BigEntity = Schema & Record<string, number>;
export type BigcellsRoomStateInstance = Schema & {
  cells: MapSchema<BigEntity>;
  food: MapSchema<BigEntity>;
  ejected: MapSchema<BigEntity>;
};

/** Per kind byte: the state map it lives in, its class and its field names in row order. */
export interface KindBinding {
  readonly mapName: 'cells' | 'food' | 'ejected';
  readonly create: () => BigEntity;
  readonly fieldNames: readonly string[];
}

export const KIND_BINDINGS: ReadonlyMap<number, KindBinding> = new Map<number, KindBinding>([
  [CellsKind.Cell, { mapName: 'cells', create: () => new cell.klass() as unknown as BigEntity, fieldNames: cell.fieldNames }],
  [CellsKind.Food, { mapName: 'food', create: () => new food.klass() as unknown as BigEntity, fieldNames: food.fieldNames }],
  [CellsKind.Ejected, { mapName: 'ejected', create: () => new ejected.klass() as unknown as BigEntity, fieldNames: ejected.fieldNames }],
]);

export function newBigcellsRoomState(): BigcellsRoomStateInstance {
  return new BigcellsRoomState() as unknown as BigcellsRoomStateInstance;
}
