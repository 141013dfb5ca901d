/**
 * A game's wire vocabulary as data: its input fields, entity kinds and event
 * types. The Welcome carries it, so a generic client can decode a game's
 * inputs, entities and events without the game's code, and check with the
 * hash that its own copy of the game matches the server's.
 */
import { Type, type Static } from '@sinclair/typebox';
import { entitySchemaProblems, MAX_SCHEMA_FIELDS, type EntitySchema } from './entitySchema';
import { eventSpecsProblems, type EventSpec } from './eventSchema';
import { inputSchemaProblems, MAX_INPUT_FIELD_BITS, MAX_INPUT_FIELDS, type InputSchema } from './inputSchema';

export interface GameDescriptor {
  /** Id in URLs, the lobby API and the Welcome: `^[a-z][a-z0-9-]{0,23}$`. */
  readonly name: string;
  /** Human name for the lobby. */
  readonly title: string;
  /** Bumped by the game when its rules or schemas change incompatibly. */
  readonly version: number;
  readonly input: InputSchema;
  readonly entities: EntitySchema;
  readonly events: readonly EventSpec[];
}

export const GAME_NAME_PATTERN = '^[a-z][a-z0-9-]{0,23}$';

export function gameDescriptorProblems(d: GameDescriptor): string[] {
  const problems: string[] = [];
  if (!new RegExp(GAME_NAME_PATTERN).test(d.name)) problems.push(`name "${d.name}" must match ${GAME_NAME_PATTERN}`);
  if (d.title.length < 1 || d.title.length > 32) problems.push('title must be 1..32 characters');
  if (!Number.isInteger(d.version) || d.version < 1 || d.version > 65535) problems.push('version must be 1..65535');
  problems.push(...inputSchemaProblems(d.input), ...entitySchemaProblems(d.entities), ...eventSpecsProblems(d.events));
  return problems.map((p) => `game ${d.name}: ${p}`);
}

/** Canonical JSON (keys sorted) of the descriptor: what the hash covers. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

/** FNV-1a (32-bit) of the canonical JSON of the descriptor's wire vocabulary (describeGame), as 8 hex digits. */
export function descriptorHash(d: GameDescriptor): string {
  const text = canonicalJson(describeGame(d));
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h.toString(16).padStart(8, '0');
}

// ---- the descriptor as it travels in the Welcome (validated like any inbound message)

const strict = { additionalProperties: false } as const;
const Name = Type.String({ pattern: '^[a-zA-Z][a-zA-Z0-9_]{0,31}$' });
const Int32 = Type.Integer({ minimum: -0x80000000, maximum: 0x7fffffff });

const WireFieldSpec = Type.Object(
  { name: Name, scale: Type.Number({ exclusiveMinimum: 0, maximum: 1e6 }), min: Int32, max: Int32, wrap: Type.Optional(Type.Integer({ minimum: 1, maximum: 0x7fffffff })) },
  strict,
);
const WireEntityKind = Type.Object(
  { kind: Type.Integer({ minimum: 1, maximum: 255 }), name: Name, fields: Type.Array(WireFieldSpec, { maxItems: MAX_SCHEMA_FIELDS }) },
  strict,
);
const Bits = Type.Integer({ minimum: 1, maximum: MAX_INPUT_FIELD_BITS });
const WireInputField = Type.Union([
  Type.Object({ name: Name, kind: Type.Literal('flags'), bits: Bits, carryMask: Type.Optional(Type.Integer({ minimum: 0, maximum: 0xffffff })) }, strict),
  Type.Object({ name: Name, kind: Type.Literal('uint'), bits: Bits, wrap: Type.Optional(Type.Boolean()) }, strict),
  Type.Object({ name: Name, kind: Type.Literal('int'), bits: Bits }, strict),
]);
const WireEventField = Type.Union([
  Type.Object({ type: Type.Literal('entity') }, strict),
  Type.Object({ type: Type.Literal('int'), min: Type.Integer(), max: Type.Integer() }, strict),
  Type.Object({ type: Type.Literal('string'), maxLength: Type.Integer({ minimum: 0, maximum: 1024 }) }, strict),
]);
const WireEventSpec = Type.Object(
  { type: Name, fields: Type.Record(Type.String({ pattern: '^[a-z][a-zA-Z0-9_]{0,31}$' }), WireEventField, { maxProperties: 16 }) },
  strict,
);

export const GameDescriptorBody = Type.Object(
  {
    name: Type.String({ pattern: GAME_NAME_PATTERN }),
    title: Type.String({ minLength: 1, maxLength: 32 }),
    version: Type.Integer({ minimum: 1, maximum: 65535 }),
    input: Type.Object({ fields: Type.Array(WireInputField, { minItems: 1, maxItems: MAX_INPUT_FIELDS }) }, strict),
    entities: Type.Object({ kinds: Type.Array(WireEntityKind, { minItems: 1, maxItems: 32 }) }, strict),
    events: Type.Array(WireEventSpec, { maxItems: 64 }),
  },
  strict,
);
export type GameDescriptorBody = Static<typeof GameDescriptorBody>;

/** The plain-data descriptor of a game (drops anything that is not part of the wire vocabulary). */
export function describeGame(d: GameDescriptor): GameDescriptor {
  return {
    name: d.name,
    title: d.title,
    version: d.version,
    input: { fields: d.input.fields.map((f) => ({ ...f })) },
    entities: { kinds: d.entities.kinds.map((k) => ({ kind: k.kind, name: k.name, fields: k.fields.map((f) => ({ ...f })) })) },
    events: d.events.map((e) => ({ type: e.type, fields: { ...e.fields } })),
  };
}
