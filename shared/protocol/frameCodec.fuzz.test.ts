/**
 * Hostile bytes: random arrays, random mutations of valid frames of every type,
 * and every truncation of every valid frame, through both decoders. Each call
 * must return a DecodeError or a message that survives re-encoding — never
 * throw. An Input frame passes the frame decoder as bytes; it then goes through
 * the arena's Input decoder (inputCodec.ts), which must not throw either.
 * Fixed seeds and case counts (about 45,000 decode calls).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createRng, nextRandom } from '../engine/prng';
import { arena } from '../game/arena/arena';
import { BitWriter } from './bitStream';
import { Opcode } from './constants';
import { DecodeError } from './decodeError';
import { EntityTable } from './entityTable';
import {
  decodeClientFrame,
  decodeServerFrame,
  encodeClientMessage,
  encodeInputAck,
  encodeServerMessage,
  type ServerMessage,
} from './frameCodec';
import { GameCodec } from './gameCodec';
import { describeGame, descriptorHash, type GameDescriptorBody } from './gameDescriptor';
import { decodeInputMessage, encodeInputMessage, MAX_FRAMES_PER_INPUT, MISSING_BASE, type InputMessageHeader } from './inputCodec';
import type { ClientMessage, ClientMsgpackMessage } from './messages';
import { diffTables } from './snapshotDelta';
import { decodeSnapshotFrame, encodeSnapshotFrame } from './snapshotFrame';

const game = new GameCodec(arena);
const schema = game.layout;
const coder = game.input;
const TOKEN = 'q'.repeat(43);

/** Arena Input frames (buttons, aim) as a client sends them: against zero, against a held base, with and without an ack. */
const BASE = [8, 100];
const inputFrame = (seq: number, frames: number[][], base: number[] | null, ackIndex: number, viewLag: number) =>
  encodeInputMessage(new BitWriter(), coder, seq, frames.flat(), frames.length, base, ackIndex, viewLag);

const clientFrames: Uint8Array[] = [
  ...(
    [
      { op: Opcode.Join, body: { name: 'Ada' } },
      { op: Opcode.Join, body: { name: 'Grace Hopper ⚓', room: 'abc123', code: 'ABCD234XYZ', resume: TOKEN, game: 'arena' } },
      { op: Opcode.Ping, body: { t: 1234.5 } },
      { op: Opcode.Leave, body: {} },
      { op: Opcode.Chat, body: { text: 'good game, well played' } },
    ] satisfies ClientMsgpackMessage[]
  ).map(encodeClientMessage),
  inputFrame(1, [[0, 0]], null, -1, 0),
  inputFrame(70_000, [[31, 1023], [16, 300], [1, 2], [0, 0], [4, 4], [8, 8], [2, 2], [1, 1]], BASE, 35_000, 6),
  inputFrame(300, Array.from({ length: MAX_FRAMES_PER_INPUT }, (_, i) => [i % 32, (i * 37) % 1024]), null, 9, 1023),
];

/** A row of `kind`'s fields only (EntityTable.from pads the rest of the stride with 0). */
const world = (tick: number, rows: [number, number, number, number][]) =>
  EntityTable.from(
    schema.stride,
    tick,
    rows.map(([id, kind, x, y]) => ({
      id,
      kind,
      values: kind === 1 ? [x, y, 10, -10, id % 1024, 0, 3, 100, 7, 1, 2] : [x, y, 175, -175, 1, 400],
    })),
  );
const t1 = world(500, [[1, 1, 800, 400], [2, 1, 12000, 7000], [256, 2, 5, 5], [300, 2, 99, 99]]);
const t2 = world(502, [[1, 1, 810, 390], [3, 1, 100, 100], [256, 2, 5, 5], [301, 2, 1, 2]]);

const serverFrames: Uint8Array[] = [
  encodeServerMessage({
    op: Opcode.Welcome,
    body: {
      v: 2, playerId: 3, roomId: 'k3x9', roomName: 'Quick play', game: describeGame(arena) as GameDescriptorBody,
      gameHash: descriptorHash(describeGame(arena)), seed: 123456789, tickRate: 60,
      snapshotRate: 30, serverTick: 4000, maxPlayers: 10, resume: TOKEN, resumed: false, maxInputRate: 120,
      players: [{ id: 1, name: 'Ada' }, { id: 3, name: 'Grace' }],
    },
  }),
  encodeServerMessage({
    op: Opcode.Events,
    body: {
      tick: 4001,
      events: [
        { type: 'joined', id: 4, name: 'Linus' },
        { type: 'hit', id: 4, by: 3, damage: 20 },
        { type: 'chat', id: 3, text: 'hi' },
      ],
    },
  }),
  encodeServerMessage({ op: Opcode.Pong, body: { t: 1234.5, s: 1_763_700_000_000, k: 4002 } }),
  encodeServerMessage({ op: Opcode.Error, body: { code: 4001, message: 'bad input' } }),
  encodeSnapshotFrame(diffTables(null, t1, schema), 0),
  encodeSnapshotFrame(diffTables(t1, t2, schema), 41),
  encodeInputAck(16_383),
];

let decodes = 0;
const header: InputMessageHeader = { seq: 0, count: 0, zeroBase: false, ackLow: -1, viewLag: 0 };
const inputOut = new Int32Array(MAX_FRAMES_PER_INPUT * coder.fieldCount);

/** The room's step for an Input frame: decode it against the player's state (newest seq 69,990, the base held). */
function inputValid(bytes: Uint8Array): boolean {
  let result: DecodeError | typeof MISSING_BASE | null = null;
  expect(() => (result = decodeInputMessage(bytes, coder, 69_990, (seq) => (seq % 3 === 0 ? null : BASE), header, inputOut))).not.toThrow();
  decodes++;
  return result === null;
}

/** Decode with both decoders; each must not throw and must return an error or a re-encodable message. */
function decodeBoth(bytes: Uint8Array): { client: boolean; server: boolean } {
  let client: ClientMessage | DecodeError | undefined;
  let server: ServerMessage | DecodeError | undefined;
  expect(() => (client = decodeClientFrame(bytes))).not.toThrow();
  expect(() => (server = decodeServerFrame(bytes, game))).not.toThrow();
  decodes += 2;
  if (!(client instanceof DecodeError)) {
    const c = client!;
    if (c.op === Opcode.Input) {
      expect(c.bytes).toBe(bytes);
      // An Input frame is valid only once the room's decoder accepts it.
      if (!inputValid(bytes)) client = new DecodeError(4000, 'input refused');
    } else expect(decodeClientFrame(encodeClientMessage(c))).toEqual(c);
  }
  if (!(server instanceof DecodeError)) {
    const s = server!;
    const again = s.op === Opcode.Snapshot
      ? { op: Opcode.Snapshot, body: decodeSnapshotFrame(encodeSnapshotFrame(s.body.delta, s.body.ackSeq), schema) }
      : s.op === Opcode.InputAck
        ? decodeServerFrame(encodeInputAck(s.body.seq), game)
        : decodeServerFrame(encodeServerMessage(s), game);
    expect(again).toEqual(s);
  }
  return { client: !(client instanceof DecodeError), server: !(server instanceof DecodeError) };
}

/** One random mutation: bit flips, insert, delete, splice with random bytes or another frame's bytes, or a hostile byte. */
function mutate(frame: Uint8Array, rng: { rng: number }, donors: Uint8Array[]): Uint8Array {
  const int = (n: number) => Math.floor(nextRandom(rng) * n);
  const bytes = Array.from(frame);
  const rounds = 1 + int(3);
  for (let r = 0; r < rounds; r++) {
    const at = int(bytes.length + 1);
    switch (int(6)) {
      case 0: // bit flip
        if (bytes.length > 0) bytes[at % bytes.length] ^= 1 << int(8);
        break;
      case 1: // insert a byte
        bytes.splice(at, 0, int(256));
        break;
      case 2: // delete a run
        bytes.splice(at, 1 + int(4));
        break;
      case 3: { // splice in random bytes
        const n = int(8);
        bytes.splice(at, int(4), ...Array.from({ length: n }, () => int(256)));
        break;
      }
      case 4: { // splice in a slice of another valid frame
        const donor = donors[int(donors.length)];
        const from = int(donor.length);
        bytes.splice(at, int(6), ...donor.subarray(from, from + 1 + int(12)));
        break;
      }
      default: { // overwrite with a byte that means something to msgpack or LEB128
        const hostile = [0x00, 0x7f, 0x80, 0xff, 0xc1, 0xc4, 0xc7, 0xd4, 0xd9, 0xdb, 0xdc, 0xdd, 0xde, 0xdf, 0xcb, 0xa9];
        if (bytes.length > 0) bytes[at % bytes.length] = hostile[int(hostile.length)];
      }
    }
  }
  return Uint8Array.from(bytes);
}

describe('hostile bytes never make a decoder throw', () => {
  const all = [...clientFrames, ...serverFrames];

  it('the seed frames are valid in their own direction', () => {
    for (const f of clientFrames) expect(decodeBoth(f)).toEqual({ client: true, server: false });
    for (const f of serverFrames) expect(decodeBoth(f)).toEqual({ client: false, server: true });
  });

  it('every truncation length of every valid frame', () => {
    let cases = 0;
    for (const f of all) {
      for (let n = 0; n < f.length; n++) {
        const result = decodeBoth(f.subarray(0, n));
        // A strict prefix of a frame is never itself a valid frame in the frame's own direction
        // (msgpack needs its last byte; the snapshot needs its trailing counts).
        expect(result.client && clientFrames.includes(f)).toBe(false);
        expect(result.server && serverFrames.includes(f)).toBe(false);
        cases++;
      }
    }
    expect(cases).toBeGreaterThan(400);
  });

  it('random mutations of valid frames of every type (600 per frame)', () => {
    const rng = createRng(0xf00d);
    let stillValid = 0;
    for (const f of all) {
      for (let i = 0; i < 600; i++) {
        const r = decodeBoth(mutate(f, rng, all));
        if (r.client || r.server) stillValid++;
      }
    }
    // Some mutations land on a value byte and still decode: the check above re-validated them.
    expect(stillValid).toBeGreaterThan(100);
  });

  it('random byte arrays', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 96 }), (bytes) => {
        decodeBoth(bytes);
      }),
      { seed: 0xbad, numRuns: 5000 },
    );
  });

  it('random bodies behind every valid opcode', () => {
    const ops = [...Object.values(Opcode)];
    fc.assert(
      fc.property(fc.constantFrom(...ops), fc.uint8Array({ maxLength: 64 }), (op, body) => {
        decodeBoth(Uint8Array.from([op, ...body]));
      }),
      { seed: 0xc0de, numRuns: 5000 },
    );
  });

  it('random msgpack-shaped bodies (the guard and the schema, not just the opcode, decide)', () => {
    const value = fc.letrec((tie) => ({
      v: fc.oneof(
        { depthSize: 'small' },
        fc.constant(null),
        fc.boolean(),
        fc.integer({ min: -(2 ** 33), max: 2 ** 33 }),
        fc.double(),
        fc.string({ maxLength: 30 }),
        fc.constantFrom('name', 'room', 'code', 'resume', 'text', 't', 'type', 'id', 'tick', 'events', '__proto__'),
        fc.array(tie('v'), { maxLength: 8 }),
        fc.dictionary(
          fc.constantFrom('name', 'room', 'code', 'resume', 'text', 't', 's', 'k', 'type', 'id', 'by', 'tick', 'events', 'x'),
          tie('v'),
          { maxKeys: 4 },
        ),
      ),
    })).v;
    fc.assert(
      fc.property(fc.constantFrom(...Object.values(Opcode)), value, (op, v) => {
        let body: Uint8Array;
        try {
          // Encoding with the real encoder: the message type is a lie, which is the point.
          body = encodeClientMessage({ op, body: v } as unknown as ClientMsgpackMessage);
        } catch (err) {
          throw new Error(`encoder threw on ${JSON.stringify(v)}: ${String(err)}`);
        }
        decodeBoth(body);
      }),
      { seed: 0x1dea, numRuns: 4000 },
    );
  });

  it('made at least 20,000 decode calls', () => {
    expect(decodes).toBeGreaterThanOrEqual(20_000);
  });
});
