import { describe, expect, it } from 'vitest';
import { lineInput } from '../../tests/support/lineGame';
import { InputCoder, decodeInputMessage, MAX_FRAMES_PER_INPUT, MISSING_BASE, type InputMessageHeader } from './inputCodec';
import { InputUplink } from './inputUplink';

const coder = new InputCoder(lineInput);
const header = (): InputMessageHeader => ({ seq: 0, count: 0, zeroBase: false, ackLow: -1, viewLag: 0 });

describe('InputUplink after InputResync', () => {
  it('codes against zero until a newer frame is acknowledged, so a server that only stood in for the base can decode it', () => {
    const up = new InputUplink(coder, 2, 1);
    for (let s = 1; s <= 5; s++) up.push([s, 10 * s]);
    up.acknowledge(3);
    const out = new Int32Array(MAX_FRAMES_PER_INPUT * coder.fieldCount);
    // The server stood in for 3 and never got it: a message against base 3 is unusable there.
    const against3 = up.message(0, 0)!;
    const h = header();
    expect(decodeInputMessage(against3, coder, 5, () => null, h, out)).toBe(MISSING_BASE);
    up.resync();
    up.push([6, 60]);
    const zero = up.message(0, 0)!;
    const z = header();
    expect(decodeInputMessage(zero, coder, 5, () => null, z, out)).toBeNull();
    expect(z.zeroBase).toBe(true);
    expect([z.seq, z.count]).toEqual([6, 3]);
    expect(Array.from(out.subarray(0, 6))).toEqual([4, 40, 5, 50, 6, 60]);
    // A newer acknowledgement: back to coding against it.
    up.acknowledge(5);
    up.push([7, 70]);
    const h2 = header();
    expect(decodeInputMessage(up.message(0, 0)!, coder, 6, (seq) => (seq === 5 ? [5, 50] : null), h2, out)).toBeNull();
    expect(h2.zeroBase).toBe(false);
  });
});
