/**
 * Event declarations: the room's events (joined, left, chat) plus a game's own
 * are validated field by field; reserved and duplicate types and bad names are
 * refused; EventsOf gives the exact TypeScript union.
 */
import { TypeCompiler } from '@sinclair/typebox/compiler';
import { describe, expect, expectTypeOf, it } from 'vitest';
import { arenaEventSpecs, type ArenaEvent } from '../game/arena/schema';
import { Limits } from './constants';
import { eventSpecsProblems, gameEventSchema, roomEventSpecs, type EventSpec, type EventsOf, type RoomEvent } from './eventSchema';

const check = TypeCompiler.Compile(gameEventSchema(arenaEventSpecs));

describe('gameEventSchema (the arena)', () => {
  it('accepts the room\'s events and the game\'s, each field at its bounds', () => {
    const ok = [
      { type: 'joined', id: 1, name: 'n'.repeat(Limits.maxNameLength) },
      { type: 'left', id: 0xffff },
      { type: 'chat', id: 2, text: 'x'.repeat(Limits.maxChatLength) },
      { type: 'chat', id: 2, text: '' }, // event strings may be empty (minLength 0)
      { type: 'hit', id: 1, by: 2, damage: 0 },
      { type: 'hit', id: 1, by: 2, damage: 1000 },
      { type: 'killed', id: 1, by: 2 },
      { type: 'scored', id: 1, score: 0x7fffffff },
      { type: 'respawned', id: 1 },
    ];
    for (const e of ok) expect(check.Check(e), JSON.stringify(e)).toBe(true);
  });

  it('refuses unknown types, extra or missing fields, out-of-range and wrongly typed values', () => {
    const bad = [
      { type: 'eaten', id: 1 },
      { type: 'left' },
      { type: 'left', id: 1, by: 2 },
      { type: 'left', id: 0 },
      { type: 'left', id: 0x10000 },
      { type: 'left', id: 1.5 },
      { type: 'left', id: '1' },
      { type: 'hit', id: 1, by: 2, damage: -1 },
      { type: 'hit', id: 1, by: 2, damage: 1001 },
      { type: 'scored', id: 1, score: 2 ** 31 },
      { type: 'joined', id: 1, name: 'n'.repeat(Limits.maxNameLength + 1) },
      { type: 'joined', id: 1, name: 'a\u0000b' },
      { type: 'chat', id: 1, text: 'x'.repeat(Limits.maxChatLength + 1) },
      { type: 'chat', id: 1, text: 7 },
      { id: 1 },
      null,
    ];
    for (const e of bad) expect(check.Check(e), JSON.stringify(e)).toBe(false);
  });

  it('a game without events still carries the room\'s', () => {
    const roomOnly = TypeCompiler.Compile(gameEventSchema([]));
    expect(roomOnly.Check({ type: 'left', id: 3 })).toBe(true);
    expect(roomOnly.Check({ type: 'hit', id: 1, by: 2, damage: 3 })).toBe(false);
  });
});

describe('eventSpecsProblems', () => {
  it('accepts the arena\'s events and none at all', () => {
    expect(eventSpecsProblems(arenaEventSpecs)).toEqual([]);
    expect(eventSpecsProblems([])).toEqual([]);
  });

  it('refuses the room\'s reserved types and duplicates', () => {
    for (const s of roomEventSpecs) {
      expect(eventSpecsProblems([{ type: s.type, fields: {} }])).toEqual([`event type "${s.type}" declared twice or reserved by the engine`]);
    }
    expect(eventSpecsProblems([{ type: 'pop', fields: {} }, { type: 'pop', fields: { id: { type: 'entity' } } }])).toEqual([
      'event type "pop" declared twice or reserved by the engine',
    ]);
  });

  it('refuses bad type and field names and bad bounds, all at once', () => {
    const specs: EventSpec[] = [
      { type: 'Pop', fields: {} },
      { type: '1pop', fields: {} },
      { type: 'p'.repeat(33), fields: {} },
      { type: 'ok', fields: { type: { type: 'entity' }, Id: { type: 'entity' }, 'a-b': { type: 'entity' } } },
      { type: 'nums', fields: { a: { type: 'int', min: 1, max: 0 }, b: { type: 'int', min: 0, max: 2 ** 53 }, c: { type: 'int', min: 0.5, max: 1 } } },
      { type: 'strs', fields: { a: { type: 'string', maxLength: -1 }, b: { type: 'string', maxLength: 1025 }, c: { type: 'string', maxLength: 1.5 } } },
    ];
    const problems = eventSpecsProblems(specs);
    expect(problems).toHaveLength(3 + 3 + 3 + 3);
    expect(problems.filter((p) => p.includes('must match'))).toHaveLength(3);
    expect(problems.filter((p) => p.startsWith('event ok: bad field name'))).toHaveLength(3);
    expect(problems.filter((p) => p.startsWith('event nums.'))).toHaveLength(3);
    expect(problems.filter((p) => p.startsWith('event strs.'))).toHaveLength(3);
  });
});

describe('EventsOf', () => {
  type Of<U, T> = Extract<U, { type: T }>;

  it('is the union of the declared events, one member per type with its own fields', () => {
    expectTypeOf<RoomEvent['type']>().toEqualTypeOf<'joined' | 'left' | 'chat'>();
    expectTypeOf<Of<RoomEvent, 'joined'>['name']>().toEqualTypeOf<string>();
    expectTypeOf<Of<RoomEvent, 'chat'>['text']>().toEqualTypeOf<string>();
    expectTypeOf<keyof Of<RoomEvent, 'left'>>().toEqualTypeOf<'type' | 'id'>();
    expectTypeOf<ArenaEvent['type']>().toEqualTypeOf<'hit' | 'killed' | 'scored' | 'respawned'>();
    expectTypeOf<keyof Of<ArenaEvent, 'hit'>>().toEqualTypeOf<'type' | 'id' | 'by' | 'damage'>();
    expectTypeOf<Of<ArenaEvent, 'hit'>['damage']>().toEqualTypeOf<number>();
    const ateSpecs = [{ type: 'ate', fields: { n: { type: 'int', min: 0, max: 9 }, what: { type: 'string', maxLength: 4 } } }] as const satisfies readonly EventSpec[];
    type Ate = EventsOf<typeof ateSpecs>;
    expect(eventSpecsProblems(ateSpecs)).toEqual([]);
    expectTypeOf<keyof Ate>().toEqualTypeOf<'type' | 'n' | 'what'>();
    expectTypeOf<Ate['what']>().toEqualTypeOf<string>();
    const ok: Ate = { type: 'ate', n: 1, what: 'x' };
    // @ts-expect-error a field the spec declares is missing
    const missing: Ate = { type: 'ate', n: 1 };
    // @ts-expect-error a string field given a number
    const mistyped: Ate = { type: 'ate', n: 1, what: 2 };
    // @ts-expect-error a type the specs do not declare
    const unknown: ArenaEvent = { type: 'left', id: 1 };
    expect([ok, missing, mistyped, unknown].map((e) => e.type)).toEqual(['ate', 'ate', 'ate', 'left']);
  });
});
