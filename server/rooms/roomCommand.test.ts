import fc from 'fast-check';
import { Packr } from 'msgpackr';
import { describe, expect, it } from 'vitest';
import { CloseCode, Limits } from '../../shared/protocol/constants';
import { DecodeError } from '../../shared/protocol/decodeError';
import { COMMAND_STREAM_VERSION, decodeCommandBatch, encodeCommandBatch, type CommandBatch, type RoomCommand } from './roomCommand';

const packr = new Packr({ useRecords: false, structuredClone: false, moreTypes: false } as ConstructorParameters<typeof Packr>[0]);

const every: CommandBatch = {
  tick: 4242,
  commands: [
    { type: 'join', playerId: 1, name: 'alice', save: null },
    { type: 'join', playerId: 2, name: 'bob ⚓', save: { x: 12.5, name: 'bob', alive: true } },
    { type: 'input', playerId: 1, viewTick: 4240, values: [9, 1023] },
    { type: 'input', playerId: 2, viewTick: 0, values: [-3, 0, 2 ** 31 - 1, -(2 ** 31)] },
    { type: 'chat', playerId: 2, text: 'gg 😀' },
    { type: 'detach', playerId: 1 },
    { type: 'attach', playerId: 1, save: { x: 1 } },
    { type: 'attach', playerId: 2, save: null },
    { type: 'leave', playerId: 2 },
  ],
};

const arbCommand: fc.Arbitrary<RoomCommand> = fc.oneof(
  fc.record({ type: fc.constant('join' as const), playerId: fc.integer({ min: 1, max: 255 }), name: fc.string({ minLength: 1, maxLength: 24 }), save: fc.constant(null) }),
  fc.record({ type: fc.constant('leave' as const), playerId: fc.integer({ min: 1, max: 255 }) }),
  fc.record({
    type: fc.constant('input' as const),
    playerId: fc.integer({ min: 1, max: 255 }),
    viewTick: fc.integer({ min: 0, max: 0xffffffff }),
    values: fc.array(fc.integer({ min: -(2 ** 31), max: 2 ** 31 - 1 }), { maxLength: 16 }),
  }),
  fc.record({ type: fc.constant('chat' as const), playerId: fc.integer({ min: 1, max: 255 }), text: fc.string({ minLength: 1, maxLength: 200 }) }),
  fc.record({ type: fc.constant('detach' as const), playerId: fc.integer({ min: 1, max: 255 }) }),
  fc.record({ type: fc.constant('attach' as const), playerId: fc.integer({ min: 1, max: 255 }), save: fc.constant(null) }),
);

function expectError(r: CommandBatch | DecodeError, code: number): void {
  expect(r).toBeInstanceOf(DecodeError);
  expect((r as DecodeError).closeCode).toBe(code);
}

describe('room command stream', () => {
  it('round-trips every command type', () => {
    expect(decodeCommandBatch(encodeCommandBatch(every))).toEqual(every);
    expect(decodeCommandBatch(encodeCommandBatch({ tick: 0, commands: [] }))).toEqual({ tick: 0, commands: [] });
  });

  it('property: decode(encode(batch)) == batch', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 0xffffffff }), fc.array(arbCommand, { maxLength: 40 }), (tick, commands) => {
        expect(decodeCommandBatch(encodeCommandBatch({ tick, commands }))).toEqual({ tick, commands });
      }),
      { numRuns: 300 },
    );
  });

  it(`is versioned: the first element is ${COMMAND_STREAM_VERSION}; another version is refused by name`, () => {
    const bytes = encodeCommandBatch(every);
    expect(bytes[0]).toBe(0x93); // fixarray(3): [version, tick, commands]
    expect(bytes[1]).toBe(COMMAND_STREAM_VERSION);
    const future = packr.pack([COMMAND_STREAM_VERSION + 1, 1, []]);
    const r = decodeCommandBatch(future);
    expectError(r, CloseCode.InvalidMessage);
    expect((r as DecodeError).reason).toMatch(/unsupported version 2/);
  });

  it('refuses well-formed msgpack that is not a batch: unknown command codes, extra fields, bad ids, too many values', () => {
    const cases: unknown[] = [
      [COMMAND_STREAM_VERSION, 1, [[9, 1]]],
      [COMMAND_STREAM_VERSION, 1, [[2, 1, 'extra']]],
      [COMMAND_STREAM_VERSION, 1, [[2, 0]]],
      [COMMAND_STREAM_VERSION, 1, [[2, Limits.maxPlayerId + 1]]],
      [COMMAND_STREAM_VERSION, 1, [[3, 1, 0, Array.from({ length: 17 }, () => 0)]]],
      [COMMAND_STREAM_VERSION, 1, [[3, 1, 0, [0.5]]]],
      [COMMAND_STREAM_VERSION, 1, [[4, 1, '']]],
      [COMMAND_STREAM_VERSION, -1, []],
      [COMMAND_STREAM_VERSION, 1],
      { v: COMMAND_STREAM_VERSION },
      'batch',
      null,
    ];
    for (const c of cases) expectError(decodeCommandBatch(packr.pack(c)), CloseCode.InvalidMessage);
  });

  it('never throws on hostile bytes: every truncation, every bit flip, random bytes', () => {
    const good = encodeCommandBatch(every);
    for (let cut = 0; cut < good.length; cut++) expect(decodeCommandBatch(good.subarray(0, cut))).toBeInstanceOf(DecodeError);
    for (let bit = 0; bit < good.length * 8; bit++) {
      const flipped = Uint8Array.from(good);
      flipped[bit >> 3] ^= 1 << (bit & 7);
      const r = decodeCommandBatch(flipped);
      // A flip may still give a valid batch (a different name letter); it must never throw.
      if (!(r instanceof DecodeError)) expect(Array.isArray(r.commands)).toBe(true);
    }
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 300 }), (bytes) => {
        const r = decodeCommandBatch(bytes);
        expect(r instanceof DecodeError || Array.isArray(r.commands)).toBe(true);
      }),
      { numRuns: 2000 },
    );
  });

  it('refuses declared lengths past the bytes and nesting past the bound before unpacking', () => {
    // array32 header claiming 2^32 − 1 commands in a handful of bytes.
    const huge = Uint8Array.from([0x93, COMMAND_STREAM_VERSION, 0x01, 0xdd, 0xff, 0xff, 0xff, 0xff]);
    expectError(decodeCommandBatch(huge), CloseCode.DecodeFailed);
    let deep: unknown = [];
    for (let i = 0; i < 12; i++) deep = [deep];
    expectError(decodeCommandBatch(packr.pack([COMMAND_STREAM_VERSION, 1, deep])), CloseCode.DecodeFailed);
  });
});
