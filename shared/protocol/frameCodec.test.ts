/**
 * frameCodec: round trips for every message in both catalogs, and the
 * validation table (every rejection carries the documented close code).
 * Input frames (0x02) are bit-packed and decoded by the room against the
 * game's input schema (inputCodec.test.ts); here they only pass through.
 * Events validate against the game's declared events plus the room's.
 */
import { Packr } from 'msgpackr';
import { describe, expect, it } from 'vitest';
import { CloseCode, Limits, Opcode } from './constants';
import { DecodeError, isDecodeError } from './decodeError';
import {
  decodeClientFrame,
  decodeServerFrame,
  encodeClientMessage,
  encodeServerMessage,
  MAX_SERVER_FRAME_BYTES,
} from './frameCodec';
import { arena } from '../game/arena/arena';
import { GameCodec } from './gameCodec';
import { descriptorHash, describeGame, type GameDescriptor, type GameDescriptorBody } from './gameDescriptor';
import type { ClientMsgpackMessage, ServerMsgpackMessage } from './messages';

/** The arena's codec: its events (hit, killed, scored, respawned) plus the room's (joined, left, chat). */
const schema = new GameCodec(arena);
/** The smallest game a Welcome can describe. */
const tiny: GameDescriptor = {
  name: 'a',
  title: 'A',
  version: 1,
  input: { fields: [{ name: 'b', kind: 'flags', bits: 1 }] },
  entities: { kinds: [{ kind: 1, name: 'dot', fields: [{ name: 'x', scale: 1, min: 0, max: 1 }] }] },
  events: [],
};
/** A descriptor as the Welcome carries it (plain data; the TypeBox type has mutable arrays). */
const wire = (d: GameDescriptor) => describeGame(d) as GameDescriptorBody;

/** Raw msgpack, no guard and no validation: for building frames the encoder would refuse to make. */
const rawPackr = new Packr({ useRecords: false, structuredClone: false, mapsAsObjects: true, moreTypes: false });
const frame = (op: number, body: unknown): Uint8Array => {
  const packed = rawPackr.pack(body);
  const out = new Uint8Array(packed.length + 1);
  out[0] = op;
  out.set(packed, 1);
  return out;
};
const bytes = (...b: number[]): Uint8Array => Uint8Array.from(b);

const TOKEN = 'AbCdEfGhIjKlMnOpQrStUvWxYz0123456789-_abcde'; // 43 base64url chars

const clientSamples: ClientMsgpackMessage[] = [
  { op: Opcode.Join, body: { name: 'Ada' } },
  { op: Opcode.Join, body: { name: 'Ada Lovelace', room: 'r1a2b3' } },
  { op: Opcode.Join, body: { name: 'Grace', code: 'ABCD234XYZ' } },
  { op: Opcode.Join, body: { name: 'Zoë ⚔', room: 'lobby', resume: TOKEN } },
  { op: Opcode.Join, body: { name: 'Ada', game: 'arena' } },
  { op: Opcode.Join, body: { name: 'Ada', game: 'big-world-2' } },
  { op: Opcode.Ping, body: { t: 0 } },
  { op: Opcode.Ping, body: { t: 123456.789 } },
  { op: Opcode.Ping, body: { t: -5 } },
  { op: Opcode.Leave, body: {} },
  { op: Opcode.Chat, body: { text: 'gg' } },
  { op: Opcode.Chat, body: { text: 'x'.repeat(Limits.maxChatLength) } },
];

const serverSamples: ServerMsgpackMessage[] = [
  {
    op: Opcode.Welcome,
    body: {
      v: 2,
      playerId: 3,
      roomId: 'k3x9',
      roomName: 'Quick play 1',
      game: wire(arena),
      gameHash: descriptorHash(describeGame(arena)),
      seed: 0xdeadbeef,
      tickRate: 60,
      snapshotRate: 30,
      serverTick: 12345,
      maxPlayers: 10,
      resume: TOKEN,
      resumed: false,
      maxInputRate: 120,
      players: [
        { id: 1, name: 'Ada' },
        { id: 3, name: 'Grace' },
      ],
    },
  },
  {
    op: Opcode.Welcome,
    body: {
      v: 2, playerId: 1, roomId: 'a', roomName: 'R', game: wire(tiny), gameHash: descriptorHash(tiny), seed: 0, tickRate: 1, snapshotRate: 1,
      serverTick: 0, maxPlayers: 1, resume: TOKEN, resumed: true, maxInputRate: 1, players: [],
    },
  },
  {
    op: Opcode.Events,
    body: {
      tick: 900,
      events: [
        { type: 'joined', id: 4, name: 'Linus' },
        { type: 'left', id: 2 },
        { type: 'hit', id: 4, by: 3, damage: 25 },
        { type: 'killed', id: 4, by: 3 },
        { type: 'scored', id: 3, score: 0 },
        { type: 'respawned', id: 4 },
        { type: 'chat', id: 3, text: 'nice shot' },
      ],
    },
  },
  { op: Opcode.Events, body: { tick: 0, events: [] } },
  { op: Opcode.Pong, body: { t: 1000.25, s: 1_763_700_000_000.5, k: 77 } },
  { op: Opcode.Error, body: { code: CloseCode.InvalidMessage, message: 'chat: slow down' } },
  { op: Opcode.Moved, body: { url: 'https://play.example.com/n/b', roomId: 'k3v9q2m7xa' } },
  { op: Opcode.InputTiming, body: { a: -2 } },
];

describe('round trip', () => {
  it.each(clientSamples.map((m, i) => [i, m.op, m] as const))('client sample %i (opcode 0x%s)', (_i, _op, msg) => {
    const encoded = encodeClientMessage(msg);
    expect(encoded[0]).toBe(msg.op);
    expect(decodeClientFrame(encoded)).toEqual(msg);
  });

  it.each(serverSamples.map((m, i) => [i, m.op, m] as const))('server sample %i (opcode 0x%s)', (_i, _op, msg) => {
    const encoded = encodeServerMessage(msg);
    expect(encoded[0]).toBe(msg.op);
    expect(decodeServerFrame(encoded, schema)).toEqual(msg);
  });

  it('covers every opcode of both catalogs', () => {
    const client = new Set(clientSamples.map((m) => m.op));
    const server = new Set(serverSamples.map((m) => m.op));
    expect([...client].sort()).toEqual([Opcode.Join, Opcode.Ping, Opcode.Leave, Opcode.Chat]);
    expect([...server].sort()).toEqual([Opcode.Welcome, Opcode.Events, Opcode.Pong, Opcode.Error, Opcode.Moved, Opcode.InputTiming]);
  });

  it('covers every event type', () => {
    const events = serverSamples.flatMap((m) => (m.op === Opcode.Events ? m.body.events.map((e) => e.type) : []));
    expect(new Set(events)).toEqual(new Set(['joined', 'left', 'hit', 'killed', 'scored', 'respawned', 'chat']));
  });

  it('omits optional fields left undefined instead of packing msgpackr\'s undefined extension', () => {
    // `{ name, room: options.room }` is how callers naturally build a Join.
    const msg = { op: Opcode.Join, body: { name: 'Ada', room: undefined, code: undefined, resume: undefined } } as const;
    const encoded = encodeClientMessage(msg);
    expect(decodeClientFrame(encoded)).toEqual({ op: Opcode.Join, body: { name: 'Ada' } });
  });

  it('decodes a frame that is a view into a larger buffer', () => {
    const encoded = encodeClientMessage(clientSamples[3]);
    const big = new Uint8Array(encoded.length + 20).fill(0xc1);
    big.set(encoded, 7);
    expect(decodeClientFrame(big.subarray(7, 7 + encoded.length))).toEqual(clientSamples[3]);
  });

  it('passes an Input frame through as its bytes (the room decodes it against the player\'s input state)', () => {
    const f = bytes(Opcode.Input, 0x07, 0x0a);
    const decoded = decodeClientFrame(f);
    expect(decoded).toEqual({ op: Opcode.Input, bytes: f });
    // ... but not one over the frame limit.
    const big = new Uint8Array(Limits.maxClientFrameBytes + 1);
    big[0] = Opcode.Input;
    expectReject(decodeClientFrame(big), CloseCode.MessageTooBig);
    expect(isDecodeError(decodeClientFrame(big.subarray(0, Limits.maxClientFrameBytes)))).toBe(false);
  });
});

function expectReject(result: unknown, closeCode: number): DecodeError {
  expect(result).toBeInstanceOf(DecodeError);
  const err = result as DecodeError;
  expect(err.closeCode, err.reason).toBe(closeCode);
  return err;
}

describe('opcodes', () => {
  const clientOps = new Set<number>([Opcode.Join, Opcode.Input, Opcode.Ping, Opcode.Leave, Opcode.Chat, Opcode.Ack]);
  const serverOps = new Set<number>([Opcode.Welcome, Opcode.Snapshot, Opcode.Events, Opcode.Pong, Opcode.Error, Opcode.Moved, Opcode.InputTiming, Opcode.Watching, Opcode.Leaderboard, Opcode.Minimap, Opcode.Rank]);

  it('client decoder rejects 0x00, 0x06 and 0x08–0xff with DecodeFailed, whatever the body', () => {
    for (let op = 0; op < 256; op++) {
      if (clientOps.has(op)) continue;
      for (const body of [{}, { name: 'Ada' }, [1, 0, 0, 0, [[0, 0]]]]) {
        const err = expectReject(decodeClientFrame(frame(op, body)), CloseCode.DecodeFailed);
        expect(err.reason).toMatch(/unknown opcode/);
      }
    }
  });

  it('client decoder rejects every server opcode carrying a valid server message', () => {
    for (const msg of serverSamples) expectReject(decodeClientFrame(encodeServerMessage(msg)), CloseCode.DecodeFailed);
  });

  it('server decoder rejects every client opcode carrying a valid client message', () => {
    for (const msg of clientSamples) expectReject(decodeServerFrame(encodeClientMessage(msg), schema), CloseCode.DecodeFailed);
  });

  it('server decoder rejects every opcode outside 0x80–0x85', () => {
    for (let op = 0; op < 256; op++) {
      if (serverOps.has(op)) continue;
      expectReject(decodeServerFrame(frame(op, {}), schema), CloseCode.DecodeFailed);
    }
  });

  it('rejects an empty frame and an opcode without a body (an Input\'s body is checked by its decoder)', () => {
    expectReject(decodeClientFrame(new Uint8Array(0)), CloseCode.DecodeFailed);
    expectReject(decodeServerFrame(new Uint8Array(0), schema), CloseCode.DecodeFailed);
    for (const op of clientOps) if (op !== Opcode.Input) expectReject(decodeClientFrame(bytes(op)), CloseCode.DecodeFailed);
    for (const op of serverOps) expectReject(decodeServerFrame(bytes(op), schema), CloseCode.DecodeFailed);
  });
});

const NAME = 'Ada';

/** [case, opcode, body, expected close code]; bodies are packed raw. */
const invalidClient: [string, number, unknown][] = [
  // missing fields
  ['Join without name', Opcode.Join, { room: 'abc' }],
  ['Join as an empty map', Opcode.Join, {}],
  ['Ping without t', Opcode.Ping, {}],
  ['Chat without text', Opcode.Chat, {}],
  // extra fields
  ['Join with an extra key', Opcode.Join, { name: NAME, admin: true }],
  ['Join with key "constructor"', Opcode.Join, { name: NAME, constructor: 1 }],
  ['Leave with a key', Opcode.Leave, { reason: 'bye' }],
  ['Ping with an extra key', Opcode.Ping, { t: 1, x: 1 }],
  ['Chat with an extra key', Opcode.Chat, { text: 'hi', to: 3 }],
  // non-finite numbers (packed as float64)
  ['Ping t NaN', Opcode.Ping, { t: NaN }],
  ['Ping t Infinity', Opcode.Ping, { t: Infinity }],
  ['Ping t -Infinity', Opcode.Ping, { t: -Infinity }],
  // Join's game: a game name (^[a-z][a-z0-9-]{0,23}$)
  ['Join game with upper case', Opcode.Join, { name: NAME, game: 'Arena' }],
  ['Join game of 25 chars', Opcode.Join, { name: NAME, game: 'a'.repeat(25) }],
  ['Join game starting with a digit', Opcode.Join, { name: NAME, game: '1arena' }],
  ['Join game empty', Opcode.Join, { name: NAME, game: '' }],
  ['Join game as a number', Opcode.Join, { name: NAME, game: 1 }],
  ['Join game as a map', Opcode.Join, { name: NAME, game: { name: 'arena' } }],
  // oversized strings and arrays, and too-short strings
  ['name of 25 chars', Opcode.Join, { name: 'n'.repeat(Limits.maxNameLength + 1) }],
  ['empty name', Opcode.Join, { name: '' }],
  ['chat of 201 chars', Opcode.Chat, { text: 'c'.repeat(Limits.maxChatLength + 1) }],
  ['empty chat', Opcode.Chat, { text: '' }],
  ['room id of 17 chars', Opcode.Join, { name: NAME, room: 'a'.repeat(17) }],
  ['room id with upper case', Opcode.Join, { name: NAME, room: 'Lobby' }],
  ['join code of 9 chars', Opcode.Join, { name: NAME, code: 'ABCD23456' }],
  ['join code with I (not Crockford)', Opcode.Join, { name: NAME, code: 'ABCDEFGHI2' }],
  ['join code with 0 (looks like O)', Opcode.Join, { name: NAME, code: 'ABCDEFGH02' }],
  ['join code with 1 (looks like I, L)', Opcode.Join, { name: NAME, code: 'ABCDEFGH12' }],
  ['join code lower case', Opcode.Join, { name: NAME, code: 'abcd234xyz' }],
  ['resume token of 42 chars', Opcode.Join, { name: NAME, resume: TOKEN.slice(1) }],
  ['resume token with "+"', Opcode.Join, { name: NAME, resume: `+${TOKEN.slice(1)}` }],
  // control characters in names and chat
  ['name with NUL', Opcode.Join, { name: 'a\u0000b' }],
  ['name with newline', Opcode.Join, { name: 'a\nb' }],
  ['name with tab', Opcode.Join, { name: '\tab' }],
  ['name with ESC', Opcode.Join, { name: '\u001b[31mred' }],
  ['name with DEL', Opcode.Join, { name: 'a\u007f' }],
  ['name with C1 CSI', Opcode.Join, { name: '\u009bab' }],
  ['name with C1 NEL', Opcode.Join, { name: 'ab\u0085' }],
  ['chat with carriage return', Opcode.Chat, { text: 'hi\r' }],
  // wrong types
  ['name as a number', Opcode.Join, { name: 42 }],
  ['name as nil', Opcode.Join, { name: null }],
  ['room as a number', Opcode.Join, { name: NAME, room: 7 }],
  ['Join body as an array', Opcode.Join, [NAME]],
  ['Join body as a string', Opcode.Join, NAME],
  ['Ping t as a string', Opcode.Ping, { t: '1' }],
  ['Ping t as a boolean', Opcode.Ping, { t: true }],
  ['Ping body as nil', Opcode.Ping, null],
  ['Leave body as nil', Opcode.Leave, null],
  ['Leave body as an array', Opcode.Leave, []],
  ['chat text as an array', Opcode.Chat, { text: ['hi'] }],
];

describe('schema validation (InvalidMessage 4001)', () => {
  it.each(invalidClient)('%s', (_name, op, body) => {
    const err = expectReject(decodeClientFrame(frame(op, body)), CloseCode.InvalidMessage);
    expect(err.reason).toMatch(/^opcode 0x/);
  });

  it('accepts the boundaries it rejects one past', () => {
    const ok = (op: number, body: unknown) => expect(isDecodeError(decodeClientFrame(frame(op, body)))).toBe(false);
    ok(Opcode.Join, { name: 'n'.repeat(Limits.maxNameLength) });
    ok(Opcode.Join, { name: 'é'.repeat(Limits.maxNameLength) }); // counted in UTF-16 units, not bytes
    ok(Opcode.Join, { name: NAME, room: 'a'.repeat(16) });
    ok(Opcode.Join, { name: '__proto__' }); // a string VALUE is harmless
    ok(Opcode.Join, { name: NAME, game: 'a' });
    ok(Opcode.Join, { name: NAME, game: `z${'9-'.repeat(11)}a` }); // 24 chars
    ok(Opcode.Ping, { t: Number.MAX_VALUE });
    ok(Opcode.Chat, { text: '\u00a0non-breaking space is printable' });
  });

  it('rejects a name over the limit in UTF-16 units even when short in code points', () => {
    // 13 astral characters = 26 UTF-16 code units > 24.
    expectReject(decodeClientFrame(frame(Opcode.Join, { name: '😀'.repeat(13) })), CloseCode.InvalidMessage);
    expect(isDecodeError(decodeClientFrame(frame(Opcode.Join, { name: '😀'.repeat(12) })))).toBe(false);
  });

  it('rejects NaN and Infinity packed as float32', () => {
    for (const f32 of [[0x7f, 0xc0, 0, 0], [0x7f, 0x80, 0, 0], [0xff, 0x80, 0, 0]]) {
      // {"t": <float32>}
      const f = bytes(Opcode.Ping, 0x81, 0xa1, 0x74, 0xca, ...f32);
      expectReject(decodeClientFrame(f), CloseCode.InvalidMessage);
    }
    expect(decodeClientFrame(bytes(Opcode.Ping, 0x81, 0xa1, 0x74, 0xca, 0x3f, 0xc0, 0, 0))).toEqual({
      op: Opcode.Ping,
      body: { t: 1.5 },
    });
  });

  it('rejects 64-bit integers out of range (uint64/int64 encodings)', () => {
    // Pong {"t": 1, "s": 1, "k": <k>}: k is a tick, 0..2^32-1.
    const pong = (...k: number[]) => bytes(Opcode.Pong, 0x83, 0xa1, 0x74, 0x01, 0xa1, 0x73, 0x01, 0xa1, 0x6b, ...k);
    expectReject(decodeServerFrame(pong(0xcf, 0, 0, 0x01, 0, 0, 0, 0, 0), schema), CloseCode.InvalidMessage); // uint64 2^40
    expectReject(decodeServerFrame(pong(0xd3, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff), schema), CloseCode.InvalidMessage); // int64 −1
    // The same value in a wider encoding than needed is still the value: uint64 7.
    expect(decodeServerFrame(pong(0xcf, 0, 0, 0, 0, 0, 0, 0, 7), schema)).toEqual({ op: Opcode.Pong, body: { t: 1, s: 1, k: 7 } });
  });

  it('validates server messages too', () => {
    const welcome = serverSamples[0].body as Record<string, unknown>;
    const bad: [number, unknown][] = [
      [Opcode.Welcome, { ...welcome, extra: 1 }],
      [Opcode.Welcome, { ...welcome, tickRate: 0 }],
      [Opcode.Welcome, { ...welcome, playerId: 0 }],
      [Opcode.Welcome, { ...welcome, resumed: 1 }],
      [Opcode.Welcome, Object.fromEntries(Object.entries(welcome).filter(([k]) => k !== 'seed'))],
      [Opcode.Welcome, Object.fromEntries(Object.entries(welcome).filter(([k]) => k !== 'gameHash'))],
      [Opcode.Welcome, { ...welcome, gameHash: 'ABCDEF01' }],
      [Opcode.Welcome, { ...welcome, gameHash: '123' }],
      [Opcode.Welcome, { ...welcome, game: 'arena' }], // v1 named the game; v2 describes it
      [Opcode.Welcome, { ...welcome, game: { ...tiny, extra: 1 } }],
      [Opcode.Welcome, { ...welcome, game: { ...tiny, input: { fields: [] } } }],
      [Opcode.Welcome, { ...welcome, game: { ...tiny, entities: { kinds: [{ kind: 0, name: 'k', fields: [] }] } } }],
      [Opcode.Welcome, { ...welcome, game: { ...tiny, input: { fields: [{ name: 'b', kind: 'float', bits: 32 }] } } }],
      [Opcode.Events, { tick: 1, events: [{ type: 'exploded', id: 1 }] }],
      [Opcode.Events, { tick: 1, events: [{ type: 'left', id: 1, by: 2 }] }],
      [Opcode.Events, { tick: 1, events: [{ type: 'hit', id: 1, by: 2, damage: 1001 }] }],
      [Opcode.Events, { tick: 1, events: [{ type: 'scored', id: 1, score: -1 }] }],
      [Opcode.Events, { tick: 1, events: [{ type: 'killed', id: 1 }] }], // missing by
      [Opcode.Events, { tick: 1, events: [{ type: 'eaten', id: 1, by: 2 }] }], // another game's event
      [Opcode.Events, { tick: 1, events: [{ type: 'joined', id: 0, name: 'x' }] }],
      [Opcode.Events, { tick: 1, events: [{ type: 'chat', id: 1, text: 'a\nb' }] }],
      [Opcode.Events, { tick: 1, events: Array.from({ length: 1025 }, () => ({ type: 'left', id: 1 })) }],
      [Opcode.Pong, { t: 1, s: NaN, k: 1 }],
      [Opcode.Pong, { t: 1, s: 2 }],
      [Opcode.Error, { code: 999, message: 'x' }],
      [Opcode.Error, { code: 4000, message: 'm'.repeat(201) }],
      [Opcode.Moved, { url: 'javascript:alert(1)', roomId: 'abc' }],
      [Opcode.Moved, { url: 'https://a.example/ x', roomId: 'abc' }],
      [Opcode.Moved, { url: 'https://a.example/\u0001', roomId: 'abc' }],
      [Opcode.Moved, { url: 'https://bücher.example', roomId: 'abc' }],
      [Opcode.Moved, { url: `https://${'a'.repeat(510)}`, roomId: 'abc' }],
      [Opcode.Moved, { url: 'https://a.example', roomId: 'ABC' }],
      [Opcode.InputTiming, { a: 31 }],
      [Opcode.InputTiming, { a: 1.5 }],
      [Opcode.InputTiming, { a: 1, b: 2 }],
      [Opcode.InputTiming, {}],
    ];
    for (const [op, body] of bad) expectReject(decodeServerFrame(frame(op, body), schema), CloseCode.InvalidMessage);
  });
});

describe('hardened decoding (DecodeFailed 4000 unless noted)', () => {
  const validPing = encodeClientMessage({ op: Opcode.Ping, body: { t: 1 } });

  it('refuses frames over Limits.maxClientFrameBytes with MessageTooBig 1009, before looking inside', () => {
    const big = new Uint8Array(Limits.maxClientFrameBytes + 1).fill(0xc1);
    big[0] = Opcode.Chat;
    expectReject(decodeClientFrame(big), CloseCode.MessageTooBig);
    // The same junk at exactly the limit is a decode failure, not a size failure.
    expectReject(decodeClientFrame(big.subarray(0, Limits.maxClientFrameBytes)), CloseCode.DecodeFailed);
    // Even a well-formed message is refused when the frame is too large.
    const text = frame(Opcode.Chat, { text: 'x'.repeat(Limits.maxClientFrameBytes) });
    expectReject(decodeClientFrame(text), CloseCode.MessageTooBig);
  });

  it('refuses server frames over MAX_SERVER_FRAME_BYTES with MessageTooBig', () => {
    const big = new Uint8Array(MAX_SERVER_FRAME_BYTES + 1);
    for (const op of [Opcode.Snapshot, Opcode.Events, Opcode.Welcome]) {
      big[0] = op;
      expectReject(decodeServerFrame(big, schema), CloseCode.MessageTooBig);
    }
  });

  // What msgpackr itself makes of these types when allowed to: RegExp 0x78, Error 0x65,
  // Set 0x73, Date -1 (timestamp), structured-clone reference 0x70.
  const extensions: [string, number[]][] = [
    ['fixext1', [0xd4, 0x00, 0x00]], // msgpackr's own encoding of `undefined`
    ['fixext2', [0xd5, 0x01, 0, 0]],
    ['fixext4 Date', [0xd6, 0xff, 0, 0, 0, 0]],
    ['fixext8 Date', [0xd7, 0xff, 0, 0, 0, 0, 0, 0, 0, 0]],
    ['fixext16', [0xd8, 0x01, ...new Array<number>(16).fill(0)]],
    ['ext8 RegExp', [0xc7, 0x05, 0x78, 0x92, 0xa1, 0x61, 0xa0]], // [source "a", flags ""]
    ['ext8 Error', [0xc7, 0x04, 0x65, 0x92, 0xa1, 0x45, 0xa0]],
    ['ext8 Set', [0xc7, 0x02, 0x73, 0x91, 0x01]],
    ['ext8 structured-clone pointer', [0xc7, 0x01, 0x70, 0x00]],
    ['ext16', [0xc8, 0x00, 0x01, 0x01, 0x00]],
    ['ext32', [0xc9, 0x00, 0x00, 0x00, 0x01, 0x01, 0x00]],
  ];

  it.each(extensions)('refuses extension type %s at top level and inside a map', (_name, ext) => {
    expect(decodeClientFrame(bytes(Opcode.Ping, ...ext))).toMatchObject({ closeCode: CloseCode.DecodeFailed });
    // {"t": <ext>} and {"name": <ext>}
    expectReject(decodeClientFrame(bytes(Opcode.Ping, 0x81, 0xa1, 0x74, ...ext)), CloseCode.DecodeFailed);
    expectReject(decodeClientFrame(bytes(Opcode.Join, 0x81, 0xa4, 0x6e, 0x61, 0x6d, 0x65, ...ext)), CloseCode.DecodeFailed);
  });

  it('refuses the exact bytes msgpackr produces for RegExp, Error, Set and Date', () => {
    const permissive = new Packr({ moreTypes: true, structuredClone: true, useRecords: false });
    for (const value of [/a+/g, new Error('boom'), new Set([1, 2]), new Date(0), new Map([[1, 2]])]) {
      const body = permissive.pack({ t: value });
      const f = new Uint8Array(body.length + 1);
      f[0] = Opcode.Ping;
      f.set(body, 1);
      expectReject(decodeClientFrame(f), CloseCode.DecodeFailed);
    }
  });

  it.each([
    ['bin8', [0xc4, 0x01, 0x00]],
    ['bin16', [0xc5, 0x00, 0x01, 0x00]],
    ['bin32', [0xc6, 0x00, 0x00, 0x00, 0x01, 0x00]],
    ['never-used 0xc1', [0xc1]],
  ])('refuses %s', (_name, value) => {
    expectReject(decodeClientFrame(bytes(Opcode.Ping, ...value)), CloseCode.DecodeFailed);
    expectReject(decodeClientFrame(bytes(Opcode.Ping, 0x81, 0xa1, 0x74, ...value)), CloseCode.DecodeFailed);
  });

  it('refuses nesting deeper than Limits.maxNestingDepth before decoding, and passes the cap to the schema', () => {
    const nest = (depth: number): unknown => (depth === 0 ? 1 : [nest(depth - 1)]);
    const tooDeep = expectReject(decodeClientFrame(frame(Opcode.Ping, nest(Limits.maxNestingDepth + 1))), CloseCode.DecodeFailed);
    expect(tooDeep.reason).toMatch(/nesting/);
    expectReject(decodeClientFrame(frame(Opcode.Ping, nest(Limits.maxNestingDepth))), CloseCode.InvalidMessage);
    // 10,000 nested arrays in a 10 kB frame would blow a recursive decoder's stack.
    const deep = new Uint8Array(4000).fill(0x91);
    deep[0] = Opcode.Join;
    expectReject(decodeClientFrame(deep), CloseCode.DecodeFailed);
  });

  it.each([
    ['array32', 0xdd],
    ['map32', 0xdf],
    ['str32', 0xdb],
  ])('refuses a declared %s length of 2^32-1 in a 6-byte frame', (_name, type) => {
    const f = bytes(Opcode.Join, type, 0xff, 0xff, 0xff, 0xff);
    expect(f.length).toBe(6);
    const err = expectReject(decodeClientFrame(f), CloseCode.DecodeFailed);
    expect(err.reason).toMatch(/exceeds frame/);
  });

  it('refuses declared lengths one past the bytes present (array16, map16, str8, str16)', () => {
    expectReject(decodeClientFrame(bytes(Opcode.Ping, 0xdc, 0x00, 0x02, 0x01)), CloseCode.DecodeFailed);
    expectReject(decodeClientFrame(bytes(Opcode.Join, 0xde, 0x00, 0x01, 0xa1)), CloseCode.DecodeFailed);
    expectReject(decodeClientFrame(bytes(Opcode.Chat, 0xd9, 0x03, 0x61, 0x62)), CloseCode.DecodeFailed);
    expectReject(decodeClientFrame(bytes(Opcode.Chat, 0xda, 0x00, 0x03, 0x61, 0x62)), CloseCode.DecodeFailed);
  });

  it('refuses the "__proto__" key (fixstr and str8), at any depth', () => {
    const proto = [0x5f, 0x5f, 0x70, 0x72, 0x6f, 0x74, 0x6f, 0x5f, 0x5f];
    const name = [0xa4, 0x6e, 0x61, 0x6d, 0x65, 0xa3, 0x41, 0x64, 0x61]; // "name": "Ada"
    const cases = [
      bytes(Opcode.Join, 0x82, 0xa9, ...proto, 0x80, ...name),
      bytes(Opcode.Join, 0x82, ...name, 0xd9, 0x09, ...proto, 0x81, 0xa1, 0x61, 0x01),
      bytes(Opcode.Join, 0xde, 0x00, 0x02, ...name, 0xa9, ...proto, 0xc0),
      // Events-style nesting: {"events": [{"__proto__": 1}]}
      bytes(Opcode.Chat, 0x81, 0xa6, ...[0x65, 0x76, 0x65, 0x6e, 0x74, 0x73], 0x91, 0x81, 0xa9, ...proto, 0x01),
    ];
    for (const f of cases) {
      const err = expectReject(decodeClientFrame(f), CloseCode.DecodeFailed);
      expect(err.reason).toMatch(/__proto__/);
    }
    // Nothing reached Object.prototype.
    expect(({} as Record<string, unknown>).a).toBeUndefined();
  });

  it('refuses non-string map keys', () => {
    expectReject(decodeClientFrame(bytes(Opcode.Ping, 0x81, 0x01, 0x01)), CloseCode.DecodeFailed);
    expectReject(decodeClientFrame(bytes(Opcode.Ping, 0x81, 0xc0, 0x01)), CloseCode.DecodeFailed);
    expectReject(decodeClientFrame(bytes(Opcode.Ping, 0x81, 0x90, 0x01)), CloseCode.DecodeFailed);
  });

  it('refuses trailing bytes after the body', () => {
    expect(isDecodeError(decodeClientFrame(validPing))).toBe(false);
    for (const extra of [[0x00], [0xc0], [...validPing.subarray(1)]]) {
      const f = new Uint8Array([...validPing, ...extra]);
      const err = expectReject(decodeClientFrame(f), CloseCode.DecodeFailed);
      expect(err.reason).toMatch(/trailing/);
    }
  });

  it('DecodeError reasons never echo payload strings', () => {
    const secret = 'SECRET-PAYLOAD';
    const results = [
      decodeClientFrame(frame(Opcode.Join, { name: secret, [secret]: 1 })),
      decodeClientFrame(frame(Opcode.Chat, { text: `${secret}\n` })),
      decodeClientFrame(frame(Opcode.Join, { name: `${secret}${'x'.repeat(30)}` })),
    ];
    for (const r of results) {
      expect(r).toBeInstanceOf(DecodeError);
      expect(String(r)).not.toContain(secret);
    }
  });
});
