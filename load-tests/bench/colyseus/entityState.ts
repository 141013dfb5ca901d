/**
 * The arena's entities as @colyseus/schema 3 classes: one EntityState per
 * entity with the arena's quantized fields (int32 each, the same integers the
 * tickwire snapshot carries), its kind, and the owning player's last applied
 * input seq (players only). Built from arenaSchema so both servers sync
 * exactly the same data. Also used by the codec bench.
 */
import { MapSchema, schema, type Schema } from '@colyseus/schema';
import { arenaSchema } from '../../../shared/game/arena/schema';

/** Field names of each entity kind, by kind byte. */
export const FIELD_NAMES_BY_KIND: ReadonlyMap<number, readonly string[]> = new Map(arenaSchema.kinds.map((k) => [k.kind, k.fields.map((f) => f.name)]));
/** Every field any kind has: one EntityState class holds players and projectiles alike. */
const ALL_FIELDS = [...new Set(arenaSchema.kinds.flatMap((k) => k.fields.map((f) => f.name)))];
const fieldTypes: Record<string, 'int32'> = Object.fromEntries(ALL_FIELDS.map((name) => [name, 'int32' as const]));

export const EntityState = schema({ kind: 'uint8', ackSeq: 'uint32', ...fieldTypes }, 'EntityState');
export const ArenaRoomState = schema({ entities: { map: EntityState } }, 'ArenaRoomState');

/** Field access by name: the schema is built at runtime, so TypeScript sees a record. */
export type EntityStateInstance = Schema & Record<string, number>;
export type ArenaRoomStateInstance = Schema & { entities: MapSchema<EntityStateInstance> };

export function newEntityState(): EntityStateInstance {
  return new EntityState() as unknown as EntityStateInstance;
}

export function newArenaRoomState(): ArenaRoomStateInstance {
  return new ArenaRoomState() as unknown as ArenaRoomStateInstance;
}
