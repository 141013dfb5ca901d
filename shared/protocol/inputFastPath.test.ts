/**
 * The Input fast path must agree with the generic decoder: whatever it
 * accepts, the generic path accepts as the same message. Fixed seeds.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createRng, nextRandom } from '../engine/prng';
import { Limits, Opcode } from './constants';
import { DecodeError } from './decodeError';
import { decodeClientFrame, decodeClientFrameGeneric, encodeClientMessage } from './frameCodec';
import { decodeInputFast } from './inputFastPath';
import type { InputBody } from './messages';

const u32 = fc.integer({ min: 0, max: 0xffffffff });
const inputBody: fc.Arbitrary<InputBody> = fc.tuple(
  fc.integer({ min: 1, max: 0xffffffff }),
  u32,
  u32,
  u32,
  fc.array(fc.tuple(fc.integer({ min: 0, max: 255 }), fc.integer({ min: 0, max: Limits.aimSteps - 1 })), { minLength: 1, maxLength: 8 }),
);
const encode = (body: InputBody) => encodeClientMessage({ op: Opcode.Input, body });

describe('Input fast path', () => {
  it('decodes every valid Input exactly as the generic path does', () => {
    fc.assert(
      fc.property(inputBody, (body) => {
        const bytes = encode(body);
        const fast = decodeInputFast(bytes);
        expect(fast).toEqual(body);
        expect(decodeClientFrameGeneric(bytes)).toEqual({ op: Opcode.Input, body });
      }),
      { seed: 20261121, numRuns: 3000 },
    );
  });

  it('never accepts what the generic path rejects, nor disagrees on what both accept (20,000 mutations)', () => {
    const rng = createRng(77);
    const rand = (n: number) => Math.floor(nextRandom(rng) * n);
    const samples = fc.sample(inputBody, { seed: 5, numRuns: 200 }).map(encode);
    let fastAccepted = 0;
    for (let i = 0; i < 20_000; i++) {
      const src = samples[rand(samples.length)];
      const bytes = Array.from(src);
      switch (rand(4)) {
        case 0: bytes[1 + rand(bytes.length - 1)] = rand(256); break;
        case 1: bytes.splice(1 + rand(bytes.length - 1), 1); break;
        case 2: bytes.splice(1 + rand(bytes.length), 0, rand(256)); break;
        default: bytes.length = 1 + rand(bytes.length - 1);
      }
      const frame = Uint8Array.from(bytes);
      const fast = decodeInputFast(frame);
      const generic = decodeClientFrameGeneric(frame);
      if (fast !== null) {
        fastAccepted++;
        expect(generic).toEqual({ op: Opcode.Input, body: fast });
      }
      // The combined decoder answers like the generic one.
      const combined = decodeClientFrame(frame);
      if (generic instanceof DecodeError) expect(combined).toBeInstanceOf(DecodeError);
      else expect(combined).toEqual(generic);
    }
    expect(fastAccepted).toBeGreaterThan(1000);
  });

  it('falls back (null) on non-canonical but valid encodings, which the generic path accepts', () => {
    // seq as a float64 5.0 is a valid Integer for the schema but not the canonical form.
    const frame = Uint8Array.from([0x02, 0x95, 0xcb, 0x40, 0x14, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0x91, 0x92, 1, 2]);
    expect(decodeInputFast(frame)).toBeNull();
    expect(decodeClientFrame(frame)).toEqual({ op: Opcode.Input, body: [5, 0, 0, 0, [[1, 2]]] });
  });
});
