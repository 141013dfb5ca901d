/**
 * The arena's entities as @colyseus/schema 5 classes: one EntityState per
 * entity with the arena's quantized fields (int32 each, the same integers the
 * tickwire snapshot carries) and its kind. Built from arenaSchema so both
 * servers sync exactly the same data. No ack field: Colyseus 0.18 acks inputs
 * in its own state frames (the SDK's `input.lastProcessed`), as tickwire does
 * in its snapshot header. Also used by the codec bench.
 */
import { MapSchema, schema, t, type Schema } from '@colyseus/schema';
import { arenaSchema } from '../../../shared/game/arena/schema';

/** Field names of each entity kind, by kind byte. */
export const FIELD_NAMES_BY_KIND: ReadonlyMap<number, readonly string[]> = new Map(arenaSchema.kinds.map((k) => [k.kind, k.fields.map((f) => f.name)]));
/** Every field any kind has: one EntityState class holds players and projectiles alike. */
const ALL_FIELDS = [...new Set(arenaSchema.kinds.flatMap((k) => k.fields.map((f) => f.name)))];
const fieldTypes = { kind: t.uint8(), ...Object.fromEntries(ALL_FIELDS.map((name) => [name, t.int32()])) };

export const EntityState = schema(fieldTypes, 'EntityState');
export const ArenaRoomState = schema({ entities: t.map(EntityState) }, 'ArenaRoomState');

/** Field access by name: the schema is built at runtime, so TypeScript sees a record. */
export type EntityStateInstance = Schema & Record<string, number>;
export type ArenaRoomStateInstance = Schema & { entities: MapSchema<EntityStateInstance> };

export function newEntityState(): EntityStateInstance {
  return new EntityState() as unknown as EntityStateInstance;
}

export function newArenaRoomState(): ArenaRoomStateInstance {
  return new ArenaRoomState() as unknown as ArenaRoomStateInstance;
}
