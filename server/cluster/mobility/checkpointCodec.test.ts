import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { JOIN_CODE_ALPHABET } from '../../../shared/protocol/constants';
import { decodeBundle, encodeBundle } from './checkpointBundle';
import { CheckpointError, decodeCheckpoint, encodeCheckpoint, MAX_CHECKPOINT_BYTES } from './checkpointCodec';
import type { RoomCheckpoint } from './roomCheckpoint';

const token = (n: number) => n.toString(36).padStart(43, 'A').slice(-43);

const arbSaveValue = fc.oneof(fc.integer({ min: -1e9, max: 1e9 }), fc.double({ noNaN: true, noDefaultInfinity: true }).filter((d) => !Object.is(d, -0)), fc.string({ maxLength: 40 }), fc.boolean());
const arbCheckpoint: fc.Arbitrary<RoomCheckpoint> = fc
  .record({
    roomId: fc.stringMatching(/^[0-9a-z]{10}$/),
    name: fc.stringMatching(/^[A-Za-z0-9 ]{1,32}$/),
    code: fc.option(fc.stringMatching(new RegExp(`^[${JOIN_CODE_ALPHABET}]{10}$`)), { nil: null }),
    seed: fc.integer({ min: 0, max: 0xffffffff }),
    tick: fc.integer({ min: 0, max: 0xffffffff }),
    maxPlayers: fc.integer({ min: 1, max: 255 }),
    takenAtEpochMs: fc.integer({ min: 0, max: 2 ** 45 }),
    members: fc.uniqueArray(
      fc.record({
        playerId: fc.integer({ min: 1, max: 255 }),
        name: fc.stringMatching(/^[A-Za-z0-9]{1,24}$/),
        save: fc.dictionary(fc.stringMatching(/^[a-z][a-z0-9_]{0,10}$/), arbSaveValue, { maxKeys: 8 }),
        graceLeftMs: fc.option(fc.integer({ min: 0, max: 60_000 }), { nil: null }),
      }),
      { selector: (m) => m.playerId, maxLength: 20 },
    ),
  })
  .map((r) => ({
    v: 1 as const,
    game: 'arena',
    gameVersion: 3,
    gameHash: '0123abcd',
    holder: 'node1',
    ...r,
    members: r.members.map((m) => ({ ...m, token: token(m.playerId * 7919) })),
  }));

describe('room checkpoint codec', () => {
  it('round-trips any checkpoint exactly', () => {
    fc.assert(
      fc.property(arbCheckpoint, (c) => {
        expect(decodeCheckpoint(encodeCheckpoint(c))).toEqual(c);
      }),
    );
  });

  it('round-trips a bundle of checkpoints (the handoff file)', () => {
    fc.assert(
      fc.property(fc.array(arbCheckpoint, { maxLength: 5 }), (cs) => {
        expect(decodeBundle(encodeBundle(cs))).toEqual(cs);
      }),
      { numRuns: 30 },
    );
  });

  it('never throws on random bytes or on any truncation', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 300 }), (bytes) => {
        const withMagic = new Uint8Array([0x4b, ...bytes]);
        expect(decodeCheckpoint(bytes)).toBeInstanceOf(CheckpointError);
        const r = decodeCheckpoint(withMagic);
        if (!(r instanceof CheckpointError)) expect(r.v).toBe(1);
        expect(decodeBundle(bytes)).toBeInstanceOf(CheckpointError);
      }),
    );
    const full = encodeCheckpoint(fc.sample(arbCheckpoint, 1)[0]);
    for (let n = 0; n < full.length; n++) expect(decodeCheckpoint(full.subarray(0, n))).toBeInstanceOf(CheckpointError);
    const bundle = encodeBundle(fc.sample(arbCheckpoint, 3));
    for (let n = 0; n < bundle.length; n++) expect(decodeBundle(bundle.subarray(0, n))).toBeInstanceOf(CheckpointError);
  });

  it('holds a big world: 1,000 seats, ids past one byte, within the size cap', () => {
    const members = Array.from({ length: 1000 }, (_, i) => ({ token: token(i + 1), playerId: i + 1, name: `player${i + 1}`, save: { mass: 100 + i, score: i }, graceLeftMs: null }));
    const c: RoomCheckpoint = { v: 1, roomId: 'bigroom001', name: 'Big', code: null, seed: 1, game: 'bigcells', gameVersion: 1, gameHash: '0123abcd', maxPlayers: 1000, tick: 9000, holder: 'node1', takenAtEpochMs: 1, members };
    const bytes = encodeCheckpoint(c);
    expect(bytes.length).toBeLessThan(MAX_CHECKPOINT_BYTES);
    expect(decodeCheckpoint(bytes)).toEqual(c);
  });

  it('refuses what the schema forbids, with a code saying why', () => {
    const base = fc.sample(arbCheckpoint, 1)[0];
    const bad = (patch: Record<string, unknown>) => decodeCheckpoint(encodeCheckpoint({ ...base, ...patch } as RoomCheckpoint));
    expect((bad({ v: 2 }) as CheckpointError).code).toBe('bad-schema');
    expect((bad({ extra: 1 }) as CheckpointError).code).toBe('bad-schema');
    expect((bad({ roomId: '../../x' }) as CheckpointError).code).toBe('bad-schema');
    expect((bad({ seed: -1 }) as CheckpointError).code).toBe('bad-schema');
    expect((bad({ members: [{ token: 'short', playerId: 1, name: 'a', save: {}, graceLeftMs: null }] }) as CheckpointError).code).toBe('bad-schema');
    const m = { token: token(1), playerId: 1, name: 'a', save: {}, graceLeftMs: null };
    expect((bad({ members: [m, { ...m, token: token(2) }] }) as CheckpointError).code).toBe('duplicate-player');
    expect((bad({ members: [{ ...m, save: { __proto__x: 1, ['a'.repeat(40)]: 1 } }] }) as CheckpointError).code).toBe('bad-schema');
  });

  it('refuses oversized input and declared lengths larger than the bytes, before decoding', () => {
    expect((decodeCheckpoint(new Uint8Array(MAX_CHECKPOINT_BYTES + 1)) as CheckpointError).code).toBe('too-big');
    // A map32 header declaring 4 billion entries in 6 bytes.
    expect((decodeCheckpoint(new Uint8Array([0x4b, 0xdf, 0xff, 0xff, 0xff, 0xff])) as CheckpointError).code).toBe('bad-msgpack');
    // A bundle declaring a billion rooms, and one declaring a 3 GB room.
    expect((decodeBundle(new Uint8Array([0x54, 0x57, 0x42, 0x31, 0x40, 0, 0, 0])) as CheckpointError).code).toBe('too-big');
    expect((decodeBundle(new Uint8Array([0x54, 0x57, 0x42, 0x31, 0, 0, 0, 1, 0xc0, 0, 0, 0, 0x4b])) as CheckpointError).code).toBe('too-big');
  });
});
