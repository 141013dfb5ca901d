/**
 * decode(encode(msg)) = msg for arbitrary valid messages of every type, in both
 * directions. Generators follow messages.ts: every bound is drawn up to its edge.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { JOIN_CODE_ALPHABET, Limits, Opcode } from './constants';
import { arena } from '../game/arena/arena';
import { arenaEventSpecs } from '../game/arena/schema';
import { BitWriter } from './bitStream';
import { roomEventSpecs, type AnyEvent, type EventSpec } from './eventSchema';
import { decodeClientFrame, decodeServerFrame, encodeClientMessage, encodeServerMessage } from './frameCodec';
import { GameCodec } from './gameCodec';
import { describeGame, descriptorHash, type GameDescriptor, type GameDescriptorBody } from './gameDescriptor';
import { encodeInputMessage, MAX_FRAMES_PER_INPUT } from './inputCodec';
import type { ClientMsgpackMessage, ServerMsgpackMessage } from './messages';

const schema = new GameCodec(arena);
/** A second game with every input field kind and an event with every field type. */
const other: GameDescriptor = {
  name: 'other-game',
  title: 'Other',
  version: 65535,
  input: {
    fields: [
      { name: 'keys', kind: 'flags', bits: 24, carryMask: 0xffffff },
      { name: 'angle', kind: 'uint', bits: 16, wrap: true },
      { name: 'stick', kind: 'int', bits: 8 },
    ],
  },
  entities: {
    kinds: [
      { kind: 255, name: 'blob', fields: [{ name: 'r', scale: 0.5, min: -5, max: 5 }] },
      { kind: 3, name: 'pellet', fields: [{ name: 'x', scale: 1, min: 0, max: 0 }] },
    ],
  },
  events: [{ type: 'ate', fields: { id: { type: 'entity' }, n: { type: 'int', min: -3, max: 3 }, what: { type: 'string', maxLength: 5 } } }],
};
const U32 = 0xffffffff;
const CONTROL = /[\u0000-\u001f\u007f-\u009f]/;

/**
 * Printable, well-formed UTF-16 text of min..max code units. ('binary' never
 * yields lone surrogates; those have no UTF-8 form and come back as U+FFFD.)
 */
const printable = (max: number, min = 1) =>
  fc
    .oneof(
      fc.string({ unit: 'binary', minLength: min, maxLength: max }),
      fc.string({ unit: 'grapheme-ascii', minLength: min, maxLength: max }),
    )
    .map((s) => s.replace(/[\u0000-\u001f\u007f-\u009f]/g, '_'))
    .filter((s) => s.length >= min && s.length <= max && !CONTROL.test(s));

const roomId = fc.string({ unit: fc.constantFrom(...'0123456789abcdefghijklmnopqrstuvwxyz'), minLength: 1, maxLength: 16 });
const joinCode = fc.string({ unit: fc.constantFrom(...JOIN_CODE_ALPHABET), minLength: 10, maxLength: 10 });
const token = fc.string({
  unit: fc.constantFrom(...'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_'),
  minLength: Limits.resumeTokenLength,
  maxLength: Limits.resumeTokenLength,
});
const tick = fc.integer({ min: 0, max: U32 });
const entityId = fc.integer({ min: 1, max: 0xffff });
/** Any finite double but -0: msgpackr packs -0 as the integer 0 (harmless, but not Object.is-equal). */
const timeMs = fc.double({ noNaN: true, noDefaultInfinity: true }).map((t) => (Object.is(t, -0) ? 0 : t));

const gameName = fc.stringMatching(/^[a-z][a-z0-9-]{0,23}$/);
const join = fc.record(
  { name: printable(Limits.maxNameLength), room: roomId, code: joinCode, resume: token, game: gameName },
  { requiredKeys: ['name'] },
);

const clientMessage: fc.Arbitrary<ClientMsgpackMessage> = fc.oneof(
  join.map((body) => ({ op: Opcode.Join, body })),
  timeMs.map((t) => ({ op: Opcode.Ping, body: { t } })),
  fc.constant({ op: Opcode.Leave, body: {} }),
  printable(Limits.maxChatLength).map((text) => ({ op: Opcode.Chat, body: { text } })),
);

/** Any event a list of specs declares, every field drawn up to its bounds. */
function eventArb(specs: readonly EventSpec[]): fc.Arbitrary<AnyEvent> {
  return fc.oneof(
    ...specs.map((spec) =>
      fc.record({
        type: fc.constant(spec.type),
        ...Object.fromEntries(
          Object.entries(spec.fields).map(([name, f]) => [
            name,
            f.type === 'entity' ? entityId : f.type === 'int' ? fc.integer({ min: f.min, max: f.max }) : printable(f.maxLength, 0),
          ]),
        ),
      }) as fc.Arbitrary<AnyEvent>,
    ),
  );
}
const gameEvent = eventArb([...roomEventSpecs, ...arenaEventSpecs]);

const welcome = fc.record({
  v: fc.integer({ min: 1, max: 255 }),
  playerId: entityId,
  roomId,
  roomName: printable(Limits.maxRoomNameLength),
  game: fc.constantFrom(arena, other).map((g) => describeGame(g) as GameDescriptorBody),
  seed: fc.integer({ min: 0, max: U32 }),
  tickRate: fc.integer({ min: 1, max: 240 }),
  snapshotRate: fc.integer({ min: 1, max: 240 }),
  serverTick: tick,
  maxPlayers: fc.integer({ min: 1, max: 256 }),
  resume: token,
  resumed: fc.boolean(),
  maxInputRate: fc.integer({ min: 1, max: 10_000 }),
  players: fc.array(fc.record({ id: entityId, name: printable(Limits.maxNameLength) }), { maxLength: 40 }),
});

const serverMessage: fc.Arbitrary<ServerMsgpackMessage> = fc.oneof(
  welcome.map((w) => ({ op: Opcode.Welcome, body: { ...w, gameHash: descriptorHash(w.game) } })),
  fc.record({ tick, events: fc.array(gameEvent, { maxLength: 30 }) }).map((body) => ({ op: Opcode.Events, body })),
  fc.record({ t: timeMs, s: timeMs, k: tick }).map((body) => ({ op: Opcode.Pong, body })),
  fc
    .record({ code: fc.integer({ min: 1000, max: 4999 }), message: fc.string({ maxLength: 200 }) })
    .map((body) => ({ op: Opcode.Error, body })),
);

describe('decode(encode(msg)) = msg', () => {
  it('client → server messages', () => {
    fc.assert(
      fc.property(clientMessage, (msg) => {
        expect(decodeClientFrame(encodeClientMessage(msg))).toEqual(msg);
      }),
      { seed: 0x7c1e, numRuns: 3000 },
    );
  });

  it('server → client messages', () => {
    fc.assert(
      fc.property(serverMessage, (msg) => {
        expect(decodeServerFrame(encodeServerMessage(msg), schema)).toEqual(msg);
      }),
      { seed: 0x5e4e, numRuns: 1500 },
    );
  });

  it('a client frame always fits Limits.maxClientFrameBytes', () => {
    // Worst cases of every client message are far below the cap, so a valid client never trips 1009.
    const biggest = [
      encodeClientMessage({ op: Opcode.Chat, body: { text: '\u{10ffff}'.repeat(Limits.maxChatLength / 2) } }),
      encodeClientMessage({ op: Opcode.Chat, body: { text: '\u0800'.repeat(Limits.maxChatLength) } }),
      encodeClientMessage({
        op: Opcode.Join,
        body: { name: '\uffff'.repeat(Limits.maxNameLength), room: 'z'.repeat(16), code: 'Z'.repeat(10), resume: 'A'.repeat(43) },
      }),
      // 32 frames where every field changes as far as it can: the longest Input the arena's client can send.
      encodeInputMessage(
        new BitWriter(),
        schema.input,
        U32,
        Array.from({ length: MAX_FRAMES_PER_INPUT }, (_, i) => (i % 2 === 0 ? [0b11111, 0] : [0, 512])).flat(),
        MAX_FRAMES_PER_INPUT,
        null,
        U32,
        10_000,
      ),
    ];
    for (const f of biggest) {
      expect(f.length).toBeLessThan(Limits.maxClientFrameBytes / 4);
      expect(decodeClientFrame(f)).not.toHaveProperty('closeCode');
    }
  });

  it('Events of any game round-trip with that game\'s codec (and are refused by another game\'s)', () => {
    const otherCodec = new GameCodec(other);
    fc.assert(
      fc.property(tick, fc.array(eventArb(other.events), { minLength: 1, maxLength: 10 }), (t, events) => {
        const f = encodeServerMessage({ op: Opcode.Events, body: { tick: t, events } });
        expect(decodeServerFrame(f, otherCodec)).toEqual({ op: Opcode.Events, body: { tick: t, events } });
        expect(decodeServerFrame(f, schema)).toMatchObject({ closeCode: 4001 });
      }),
      { seed: 0xe7e7, numRuns: 300 },
    );
  });
});
