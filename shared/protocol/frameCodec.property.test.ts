/**
 * decode(encode(msg)) = msg for arbitrary valid messages of every type, in both
 * directions. Generators follow messages.ts: every bound is drawn up to its edge.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { JOIN_CODE_ALPHABET, Limits, Opcode } from './constants';
import type { EntitySchema } from './entitySchema';
import { decodeClientFrame, decodeServerFrame, encodeClientMessage, encodeServerMessage } from './frameCodec';
import type { ClientMessage, GameEvent, ServerMsgpackMessage } from './messages';

const schema: EntitySchema = { fields: [] };
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

const join = fc.record(
  { name: printable(Limits.maxNameLength), room: roomId, code: joinCode, resume: token },
  { requiredKeys: ['name'] },
);
const inputFrame = fc.tuple(fc.integer({ min: 0, max: 255 }), fc.integer({ min: 0, max: Limits.aimSteps - 1 }));
const input = fc.tuple(
  fc.integer({ min: 1, max: U32 }),
  tick,
  tick,
  tick,
  fc.array(inputFrame, { minLength: 1, maxLength: Limits.maxInputFrames }),
);

const clientMessage: fc.Arbitrary<ClientMessage> = fc.oneof(
  join.map((body) => ({ op: Opcode.Join, body })),
  input.map((body) => ({ op: Opcode.Input, body })),
  timeMs.map((t) => ({ op: Opcode.Ping, body: { t } })),
  fc.constant({ op: Opcode.Leave, body: {} }),
  printable(Limits.maxChatLength).map((text) => ({ op: Opcode.Chat, body: { text } })),
);

const gameEvent: fc.Arbitrary<GameEvent> = fc.oneof(
  fc.record({ type: fc.constant('joined' as const), id: entityId, name: printable(Limits.maxNameLength) }),
  fc.record({ type: fc.constant('left' as const), id: entityId }),
  fc.record({ type: fc.constant('hit' as const), id: entityId, by: entityId, damage: fc.integer({ min: 0, max: 1000 }) }),
  fc.record({ type: fc.constant('killed' as const), id: entityId, by: entityId }),
  fc.record({ type: fc.constant('scored' as const), id: entityId, score: fc.integer({ min: -1e9, max: 1e9 }) }),
  fc.record({ type: fc.constant('respawned' as const), id: entityId }),
  fc.record({ type: fc.constant('chat' as const), id: entityId, text: printable(Limits.maxChatLength) }),
);

const welcome = fc.record({
  v: fc.integer({ min: 1, max: 255 }),
  playerId: entityId,
  roomId,
  roomName: printable(Limits.maxRoomNameLength),
  game: fc.string({ maxLength: 32 }),
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
  welcome.map((body) => ({ op: Opcode.Welcome, body })),
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
      encodeClientMessage({ op: Opcode.Input, body: [U32, U32, U32, U32, Array.from({ length: 8 }, () => [255, 65535])] }),
    ];
    for (const f of biggest) {
      expect(f.length).toBeLessThan(Limits.maxClientFrameBytes / 4);
      expect(decodeClientFrame(f)).not.toHaveProperty('closeCode');
    }
  });
});
