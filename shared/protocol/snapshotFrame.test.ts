/**
 * The Snapshot frame (0x81): exact layout, round trips, per-client ackSeq
 * patching, and a table of malformed frames (all DecodeFailed 4000), over a
 * layout of three kinds with different field counts (a created entity carries
 * its kind's fields only; an undeclared kind is refused).
 */
import { describe, expect, it } from 'vitest';
import { ByteWriter } from './bytes';
import { CloseCode, Opcode } from './constants';
import { DecodeError } from './decodeError';
import type { EntitySchema } from './entitySchema';
import { decodeServerFrame } from './frameCodec';
import { GameCodec } from './gameCodec';
import type { SnapshotDelta } from './snapshotDelta';
import { decodeSnapshotFrame, encodeSnapshotFrame, SNAPSHOT_ACK_OFFSET, writeSnapshotFrame } from './snapshotFrame';

const X = { name: 'x', scale: 1, min: -100_000, max: 100_000 };
const Y = { name: 'y', scale: 1, min: -100_000, max: 100_000 };
const AIM = { name: 'aim', scale: 1, min: 0, max: 1023, wrap: 1024 };
/** Kind 1: 3 fields; kind 2: 2 fields; kind 255 (the largest kind byte): 3 fields. */
const entities: EntitySchema = {
  kinds: [
    { kind: 1, name: 'ship', fields: [X, Y, AIM] },
    { kind: 2, name: 'shot', fields: [X, Y] },
    { kind: 255, name: 'last', fields: [X, Y, AIM] },
  ],
};
const game = new GameCodec({
  name: 'frame-test',
  title: 'Frame test',
  version: 1,
  input: { fields: [{ name: 'buttons', kind: 'flags', bits: 1 }] },
  entities,
  events: [],
});
const schema = game.layout;
const b = (...x: number[]): Uint8Array => Uint8Array.from(x);

const samples: [string, SnapshotDelta, number][] = [
  ['empty full snapshot at tick 0', { tick: 0, baseTick: 0, removed: [], created: [], changed: [] }, 0],
  [
    'full snapshot',
    {
      tick: 1000,
      baseTick: 0,
      removed: [],
      created: [
        { id: 1, kind: 1, values: [800, 400, 0] },
        { id: 2, kind: 1, values: [-1, 0, 1023] },
        { id: 256, kind: 2, values: [100_000, -100_000] },
      ],
      changed: [],
    },
    17,
  ],
  [
    'delta with every section',
    {
      tick: 1002,
      baseTick: 1000,
      removed: [2, 300, 65535],
      created: [{ id: 3, kind: 1, values: [5, 6, 7] }],
      changed: [
        { id: 1, mask: 0b011, deltas: [-3, 64] },
        { id: 256, mask: 0b10, deltas: [-512] },
      ],
    },
    4_294_967_295,
  ],
  [
    'extreme ticks, ids and int32 values',
    {
      tick: 4_294_967_295,
      baseTick: 4_294_967_294,
      removed: [4_294_967_295],
      created: [{ id: 1, kind: 255, values: [2_147_483_647, -2_147_483_648, 0] }],
      changed: [{ id: 4_294_967_294, mask: 0b111, deltas: [2_147_483_647, -2_147_483_648, -1] }],
    },
    1,
  ],
];

describe('snapshot frame layout', () => {
  it('is opcode, u32 LE ackSeq, then varuint tick and baseTick and the three sections', () => {
    const delta: SnapshotDelta = {
      tick: 300,
      baseTick: 298,
      removed: [5],
      created: [
        { id: 7, kind: 1, values: [1, -1, 64] },
        { id: 8, kind: 2, values: [3, 4] },
      ],
      changed: [{ id: 2, mask: 0b001, deltas: [-2] }, { id: 9, mask: 0b110, deltas: [1, 200] }],
    };
    expect([...encodeSnapshotFrame(delta, 0x01020304)]).toEqual([
      0x81, // opcode
      0x04, 0x03, 0x02, 0x01, // ackSeq, little-endian
      0xac, 0x02, // tick 300 (LEB128)
      0xaa, 0x02, // baseTick 298
      0x01, 0x05, // 1 removed: id 5
      0x02, // 2 created
      0x07, 0x01, 0x02, 0x01, 0x80, 0x01, // id 7, kind 1 (3 fields): zigzag(1)=2, zigzag(-1)=1, zigzag(64)=128
      0x01, 0x02, 0x06, 0x08, // id gap 1 → 8, kind 2 (2 fields): zigzag(3)=6, zigzag(4)=8
      0x02, // 2 changed
      0x02, 0x01, 0x03, // id 2, mask 0b001, zigzag(-2)=3
      0x07, 0x06, 0x02, 0x90, 0x03, // id gap 7 → 9, mask 0b110, zigzag(1)=2, zigzag(200)=400
    ]);
  });
});

describe('snapshot frame round trip', () => {
  it.each(samples)('%s', (_name, delta, ackSeq) => {
    const encoded = encodeSnapshotFrame(delta, ackSeq);
    expect(encoded[0]).toBe(Opcode.Snapshot);
    expect(decodeSnapshotFrame(encoded, schema)).toEqual({ ackSeq, delta });
    expect(decodeServerFrame(encoded, game)).toEqual({ op: Opcode.Snapshot, body: { ackSeq, delta } });
  });

  it('encode once, patch ackSeq per client: only bytes 1–4 differ', () => {
    const delta = samples[2][1];
    const w = new ByteWriter(8); // small on purpose: the writer must grow
    w.u8(0xee); // frames need not start at offset 0 of the writer
    const start = w.length;
    writeSnapshotFrame(w, delta);
    const perClient = [1, 2, 70_000, 4_294_967_295].map((seq) => {
      w.setU32(start + SNAPSHOT_ACK_OFFSET, seq);
      return w.written().slice(start);
    });
    perClient.forEach((frame, i) => {
      const decoded = decodeSnapshotFrame(frame, schema) as { ackSeq: number; delta: SnapshotDelta };
      expect(decoded.ackSeq).toBe([1, 2, 70_000, 4_294_967_295][i]);
      expect(decoded.delta).toEqual(delta);
      expect(frame.subarray(5)).toEqual(perClient[0].subarray(5));
    });
  });

  it('decodes a frame that is a view into a larger buffer', () => {
    const encoded = encodeSnapshotFrame(samples[1][1], 5);
    const big = new Uint8Array(encoded.length + 9).fill(0xff);
    big.set(encoded, 3);
    expect(decodeSnapshotFrame(big.subarray(3, 3 + encoded.length), schema)).toEqual({ ackSeq: 5, delta: samples[1][1] });
  });

  it('accepts over-long LEB128 (non-canonical) varints up to 5 bytes', () => {
    // tick 1 written as 0x81 0x80 0x80 0x80 0x00
    expect(decodeSnapshotFrame(b(0x81, 0, 0, 0, 0, 0x81, 0x80, 0x80, 0x80, 0x00, 0, 0, 0, 0), schema)).toEqual({
      ackSeq: 0,
      delta: { tick: 1, baseTick: 0, removed: [], created: [], changed: [] },
    });
  });
});

describe('malformed snapshot frames (DecodeFailed 4000)', () => {
  const header = [0x81, 0, 0, 0, 0]; // opcode + ackSeq 0
  const cases: [string, number[], RegExp][] = [
    ['another opcode', [0x80, 0, 0, 0, 0, 1, 0, 0, 0, 0], /not a snapshot/],
    ['no body', [0x81], /truncated/],
    ['ackSeq cut short', [0x81, 0, 0], /truncated/],
    ['no tick', [...header], /truncated/],
    ['baseTick equal to tick', [...header, 5, 5, 0, 0, 0], /baseTick/],
    ['baseTick after tick', [...header, 5, 6, 0, 0, 0], /baseTick/],
    ['varint longer than 5 bytes', [...header, 0x80, 0x80, 0x80, 0x80, 0x80, 0x01, 0, 0, 0, 0], /longer than 5/],
    ['varint over 32 bits', [...header, 0xff, 0xff, 0xff, 0xff, 0x7f, 0, 0, 0, 0], /32 bits/],
    ['removed count 2^32-1 in a tiny frame', [...header, 2, 0, 0xff, 0xff, 0xff, 0xff, 0x0f], /exceeds frame/],
    ['created count 2^32-1', [...header, 2, 0, 0, 0xff, 0xff, 0xff, 0xff, 0x0f, 0], /exceeds frame/],
    ['changed count 2^32-1', [...header, 2, 0, 0, 0, 0xff, 0xff, 0xff, 0xff, 0x0f], /exceeds frame/],
    ['created count larger than its rows', [...header, 2, 0, 0, 3, 1, 1, 0, 0, 0, 0], /exceeds frame/],
    ['removed id gap 0 (duplicate / id 0)', [...header, 2, 0, 2, 1, 0, 0, 0], /ascending/],
    ['created id 0', [...header, 2, 0, 0, 1, 0, 1, 0, 0, 0, 0], /ascending/],
    ['changed id gap 0', [...header, 2, 0, 0, 0, 2, 1, 1, 0, 0, 1, 0], /ascending/],
    ['removed ids past 2^32-1', [...header, 2, 0, 2, 0xff, 0xff, 0xff, 0xff, 0x0f, 0x01, 0, 0], /ascending/],
    ['changed mask 0', [...header, 2, 0, 0, 0, 1, 1, 0, 0], /mask/],
    ['changed mask naming field 3 of a 3-field schema', [...header, 2, 0, 0, 0, 1, 1, 0x08, 0], /mask/],
    ['changed mask with bit 31', [...header, 2, 0, 0, 0, 1, 1, 0x80, 0x80, 0x80, 0x80, 0x08, 0], /mask/],
    ['changed entity missing its delta', [...header, 2, 0, 0, 0, 1, 1, 0x03, 0x02], /truncated/],
    ['created entity missing a value', [...header, 2, 0, 0, 1, 1, 1, 0, 0], /truncated|exceeds/],
    ['created entity of kind 0', [...header, 2, 0, 0, 1, 1, 0, 0, 0, 0, 0], /unknown entity kind 0/],
    ['created entity of an undeclared kind', [...header, 2, 0, 0, 1, 1, 3, 0, 0, 0, 0], /unknown entity kind 3/],
    ['created 2-field entity with a third value (shifts into the changed count)', [...header, 2, 0, 0, 1, 1, 2, 0, 0, 0, 0], /trailing|exceeds/],
    ['created 3-field entity with two values', [...header, 2, 0, 0, 1, 1, 1, 0, 0, 0], /truncated|exceeds/],
    ['changed mask beyond the widest kind (bit 3)', [...header, 2, 0, 0, 0, 1, 1, 0x0f, 0, 0, 0, 0], /mask/],
    ['trailing byte', [...header, 2, 0, 0, 0, 0, 0], /trailing/],
  ];

  it.each(cases)('%s', (_name, bytes, reason) => {
    const result = decodeSnapshotFrame(Uint8Array.from(bytes), schema);
    expect(result).toBeInstanceOf(DecodeError);
    const err = result as DecodeError;
    expect(err.closeCode).toBe(CloseCode.DecodeFailed);
    expect(err.reason).toMatch(reason);
    expect(decodeServerFrame(Uint8Array.from(bytes), game)).toBeInstanceOf(DecodeError);
  });

  it('the minimal valid frame is 10 bytes; every shorter prefix is refused', () => {
    const minimal = b(...header, 1, 0, 0, 0, 0);
    expect(decodeSnapshotFrame(minimal, schema)).not.toBeInstanceOf(DecodeError);
    for (let n = 0; n < minimal.length; n++) {
      expect(decodeSnapshotFrame(minimal.subarray(0, n), schema)).toBeInstanceOf(DecodeError);
    }
  });
});
