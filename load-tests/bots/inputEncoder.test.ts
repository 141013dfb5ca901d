import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { decodeClientFrame, encodeClientMessage, Limits, Opcode } from '../../shared/protocol';
import { encodeInputFrame } from './inputEncoder';

const u32 = fc.integer({ min: 0, max: 0xffffffff });

describe('encodeInputFrame', () => {
  it('decodes to the same message as encodeClientMessage, for any valid input', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 0xffffffff }),
        u32,
        u32,
        u32,
        fc.array(fc.tuple(fc.integer({ min: 0, max: 0xff }), fc.integer({ min: 0, max: Limits.aimSteps - 1 })), { minLength: 1, maxLength: Limits.maxInputFrames }),
        (seq, clientTick, ackTick, viewTick, frames) => {
          const body: [number, number, number, number, [number, number][]] = [seq, clientTick, ackTick, viewTick, frames];
          const fast = decodeClientFrame(encodeInputFrame(seq, clientTick, ackTick, viewTick, frames));
          const reference = decodeClientFrame(encodeClientMessage({ op: Opcode.Input, body }));
          expect(fast).toEqual(reference);
          expect(fast).toEqual({ op: Opcode.Input, body });
        },
      ),
      { seed: 20261121, numRuns: 500 },
    );
  });
});
