/**
 * How a game's events look: each event type names its fields and their kinds.
 * The validator every peer runs on an Events frame, and the TypeScript type
 * of a game's events, are derived from this declaration. Room events that
 * belong to the engine (joined, left, chat) are declared here too, once.
 */
import { Type, type TSchema } from '@sinclair/typebox';
import { Limits } from './constants';
import { textField } from './textField';

export type EventFieldSpec =
  /** An entity id (1..65535). */
  | { readonly type: 'entity' }
  | { readonly type: 'int'; readonly min: number; readonly max: number }
  | { readonly type: 'string'; readonly maxLength: number };

export interface EventSpec {
  readonly type: string;
  readonly fields: Readonly<Record<string, EventFieldSpec>>;
}

type FieldValue<F> = F extends { type: 'string' } ? string : number;
/** The object an event of spec S is on the wire and in code: `{ type, ...fields }`. */
export type EventOf<S extends EventSpec> = { type: S['type'] } & {
  -readonly [K in keyof S['fields']]: FieldValue<S['fields'][K]>;
};
/** The union of the events a list of specs declares. */
export type EventsOf<L extends readonly EventSpec[]> = L[number] extends infer S ? (S extends EventSpec ? EventOf<S> : never) : never;

/** Any event: what the engine moves around without knowing the game. */
export type AnyEvent = { type: string } & Record<string, number | string>;

/** Room events, owned by the engine: membership and chat. Game events may not reuse these types. */
export const roomEventSpecs = [
  { type: 'joined', fields: { id: { type: 'entity' }, name: { type: 'string', maxLength: Limits.maxNameLength } } },
  { type: 'left', fields: { id: { type: 'entity' } } },
  { type: 'chat', fields: { id: { type: 'entity' }, text: { type: 'string', maxLength: Limits.maxChatLength } } },
] as const satisfies readonly EventSpec[];
export type RoomEvent = EventsOf<typeof roomEventSpecs>;

const EVENT_TYPE_PATTERN = /^[a-z][a-zA-Z0-9_]{0,31}$/;
const FIELD_NAME_PATTERN = /^[a-z][a-zA-Z0-9_]{0,31}$/;

export function eventSpecsProblems(specs: readonly EventSpec[]): string[] {
  const problems: string[] = [];
  const types = new Set<string>(roomEventSpecs.map((s) => s.type));
  for (const s of specs) {
    if (!EVENT_TYPE_PATTERN.test(s.type)) problems.push(`event type "${s.type}": must match ${EVENT_TYPE_PATTERN}`);
    if (types.has(s.type)) problems.push(`event type "${s.type}" declared twice or reserved by the engine`);
    types.add(s.type);
    for (const [name, f] of Object.entries(s.fields)) {
      if (!FIELD_NAME_PATTERN.test(name) || name === 'type') problems.push(`event ${s.type}: bad field name "${name}"`);
      if (f.type === 'int' && !(Number.isSafeInteger(f.min) && Number.isSafeInteger(f.max) && f.min <= f.max)) {
        problems.push(`event ${s.type}.${name}: min/max must be safe integers, min ≤ max`);
      }
      if (f.type === 'string' && !(Number.isInteger(f.maxLength) && f.maxLength >= 0 && f.maxLength <= 1024)) {
        problems.push(`event ${s.type}.${name}: maxLength must be 0..1024`);
      }
    }
  }
  return problems;
}

function fieldSchema(f: EventFieldSpec): TSchema {
  switch (f.type) {
    case 'entity':
      return Type.Integer({ minimum: 1, maximum: 0xffff });
    case 'int':
      return Type.Integer({ minimum: f.min, maximum: f.max });
    case 'string':
      return textField(f.maxLength, 0);
  }
}

/** The TypeBox schema of one event: `{ type: literal, ...fields }`, no extra keys. */
export function eventSchema(spec: EventSpec): TSchema {
  const props: Record<string, TSchema> = { type: Type.Literal(spec.type) };
  for (const [name, f] of Object.entries(spec.fields)) props[name] = fieldSchema(f);
  return Type.Object(props, { additionalProperties: false });
}

/** The schema of any event of a game: the room's events and the game's own. */
export function gameEventSchema(gameSpecs: readonly EventSpec[]): TSchema {
  return Type.Union([...roomEventSpecs, ...gameSpecs].map(eventSchema));
}
