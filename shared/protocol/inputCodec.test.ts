/**
 * The compact Input encoding: round trips over random schemas and frames, the
 * sequence extension, and hostile bytes (every truncation, every bit flip,
 * random bytes) that must give a clean DecodeError, never a throw or a hang.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createRng, nextRandom } from '../engine/prng';
import { BitWriter } from './bitStream';
import { DecodeError } from './decodeError';
import { decodeInputMessage, encodeInputMessage, extendSeq, InputCoder, MAX_FRAMES_PER_INPUT, MISSING_BASE, type InputMessageHeader } from './inputCodec';
import { inputFieldRange, type InputFieldSpec, type InputSchema } from './inputSchema';
import { InputUplink } from './inputUplink';

const arenaLike: InputSchema = {
  fields: [
    { name: 'buttons', kind: 'flags', bits: 5, carryMask: 0b10000 },
    { name: 'aim', kind: 'uint', bits: 10, wrap: true },
  ],
};

const fieldArb: fc.Arbitrary<InputFieldSpec> = fc.oneof(
  fc.record({ name: fc.constant('f'), kind: fc.constant('flags' as const), bits: fc.integer({ min: 1, max: 24 }) }),
  fc.record({ name: fc.constant('u'), kind: fc.constant('uint' as const), bits: fc.integer({ min: 1, max: 24 }), wrap: fc.boolean() }),
  fc.record({ name: fc.constant('i'), kind: fc.constant('int' as const), bits: fc.integer({ min: 2, max: 24 }) }),
);
const schemaArb = fc.array(fieldArb, { minLength: 1, maxLength: 6 }).map((fields) => ({
  fields: fields.map((f, i) => ({ ...f, name: `${f.name}${i}` })),
}));

function valueArb(f: InputFieldSpec): fc.Arbitrary<number> {
  const { min, max } = inputFieldRange(f);
  return fc.integer({ min, max });
}

function newHeader(): InputMessageHeader {
  return { seq: 0, count: 0, zeroBase: false, ackLow: -1, viewLag: 0 };
}

describe('encode → decode', () => {
  it('round-trips random frames of random schemas, against a base and against zero', () => {
    fc.assert(
      fc.property(
        schemaArb.chain((schema) =>
          fc.record({
            schema: fc.constant(schema),
            frames: fc.array(fc.tuple(...schema.fields.map(valueArb)), { minLength: 2, maxLength: MAX_FRAMES_PER_INPUT + 1 }),
            seq: fc.integer({ min: 40, max: 1_000_000 }),
            ack: fc.integer({ min: -1, max: 100_000 }),
            lag: fc.integer({ min: 0, max: 1023 }),
            withBase: fc.boolean(),
          }),
        ),
        ({ schema, frames, seq, ack, lag, withBase }) => {
          const coder = new InputCoder(schema);
          const f = coder.fieldCount;
          const base = withBase ? frames[0] : null;
          const body = frames.slice(1);
          const flat = body.flat();
          const bytes = encodeInputMessage(new BitWriter(), coder, seq, flat, body.length, base, ack, lag);
          const header = newHeader();
          const out = new Int32Array(MAX_FRAMES_PER_INPUT * f);
          const result = decodeInputMessage(bytes, coder, seq - 3, (s) => (s === seq - body.length ? base : null), header, out);
          expect(result).toBeNull();
          expect(header.seq).toBe(seq);
          expect(header.count).toBe(body.length);
          expect(header.zeroBase).toBe(!withBase);
          expect(header.ackLow).toBe(ack >= 0 ? ack % 64 : -1);
          if (ack >= 0) expect(header.viewLag).toBe(lag);
          expect(Array.from(out.subarray(0, flat.length))).toEqual(flat);
        },
      ),
      { numRuns: 500 },
    );
  });

  it('costs one bit per unchanged frame', () => {
    const coder = new InputCoder(arenaLike);
    const frames = new Array(8).fill([3, 700]).flat();
    const withBase = encodeInputMessage(new BitWriter(), coder, 100, frames, 8, [3, 700], 1234, 6);
    // opcode 8 + seq 8 + count EG1(7) 6 + zeroBase 1 + hasAck 1 + ack 6 + viewLag EG3(6) 4 + 8 frames × 1 = 42 bits
    expect(withBase.length).toBe(6);
  });

  it('says MISSING_BASE (not an error) when the server does not hold the base frame', () => {
    const coder = new InputCoder(arenaLike);
    const bytes = encodeInputMessage(new BitWriter(), coder, 10, [1, 2], 1, [0, 5], -1, 0);
    const out = new Int32Array(64);
    expect(decodeInputMessage(bytes, coder, 9, () => null, newHeader(), out)).toBe(MISSING_BASE);
  });
});

describe('extendSeq', () => {
  it('picks the congruent seq nearest the reference window', () => {
    expect(extendSeq(1, 0)).toBe(1);
    expect(extendSeq(255, 0)).toBe(255);
    expect(extendSeq(0, 250)).toBe(256);
    expect(extendSeq(10, 1000)).toBe(1034);
    expect(extendSeq(1000 % 256, 1000)).toBe(1000);
    expect(extendSeq((1000 + 128) % 256, 1000)).toBe(1128);
    expect(extendSeq((1000 - 127) % 256, 1000)).toBe(873);
  });
});

describe('hostile bytes', () => {
  const coder = new InputCoder(arenaLike);
  const frames = [1, 10, 1, 12, 17, 12, 17, 40, 0, 1023];
  const good = encodeInputMessage(new BitWriter(), coder, 77, frames, 5, [1, 9], 500, 7);
  const lookup = () => new Int32Array([1, 9]);

  function decode(bytes: Uint8Array): unknown {
    return decodeInputMessage(bytes, coder, 70, lookup, newHeader(), new Int32Array(MAX_FRAMES_PER_INPUT * 2));
  }

  it('every truncation is a clean DecodeError', () => {
    for (let n = 0; n < good.length; n++) expect(decode(good.subarray(0, n))).toBeInstanceOf(DecodeError);
  });

  it('every single bit flip decodes or fails cleanly, never throws', () => {
    for (let bit = 8; bit < good.length * 8; bit++) {
      const b = good.slice();
      b[bit >>> 3] ^= 1 << (bit & 7);
      const r = decode(b);
      expect(r === null || r === MISSING_BASE || r instanceof DecodeError).toBe(true);
    }
  });

  it('random bytes after the opcode never throw', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 300 }), (tail) => {
        const b = new Uint8Array(tail.length + 1);
        b[0] = 0x02;
        b.set(tail, 1);
        const r = decode(b);
        expect(r === null || r === MISSING_BASE || r instanceof DecodeError).toBe(true);
      }),
      { numRuns: 2000 },
    );
  });

  it('refuses a trailing byte', () => {
    const b = new Uint8Array(good.length + 1);
    b.set(good);
    expect(decode(b)).toBeInstanceOf(DecodeError);
  });
});

describe('Input fuzz: 100,000 random and mutated frames (fixed seed)', () => {
  /** The arena's schema and a wide one with every field kind at its widest. */
  const schemas: InputSchema[] = [
    arenaLike,
    {
      fields: [
        { name: 'keys', kind: 'flags', bits: 24, carryMask: 0xff },
        { name: 'angle', kind: 'uint', bits: 24, wrap: true },
        { name: 'x', kind: 'int', bits: 24 },
        { name: 'y', kind: 'uint', bits: 3 },
        { name: 'boost', kind: 'flags', bits: 1 },
      ],
    },
  ];

  it('never throws; accepted frames hold in-range values; counts are printed', () => {
    const rng = createRng(0x1badf00d);
    const int = (n: number) => Math.floor(nextRandom(rng) * n);
    const counts = { accepted: 0, missingBase: 0, decodeFailed: 0, invalid: 0 };
    let outOfRange = 0;
    for (const schema of schemas) {
      const coder = new InputCoder(schema);
      const f = coder.fieldCount;
      const out = new Int32Array(MAX_FRAMES_PER_INPUT * f);
      const header = newHeader();
      // Valid messages from a client session: random-walk frames, acks now and then, 1–40 unacknowledged.
      const up = new InputUplink(coder, 2, 1);
      const frame = new Array<number>(f).fill(0);
      const valid: Uint8Array[] = [];
      for (let t = 0; t < 400; t++) {
        for (let k = 0; k < f; k++) {
          const { min, max } = inputFieldRange(schema.fields[k]);
          if (int(3) === 0) frame[k] = int(4) === 0 ? (int(2) ? min : max) : min + int(max - min + 1);
        }
        up.push(frame);
        if (int(4) === 0) up.acknowledge(up.newestSeq - int(Math.min(40, up.newestSeq)));
        const msg = up.message(int(3) === 0 ? 0 : 1000 + t * 2, 990 + t * 2);
        if (msg) valid.push(msg); // null when everything is acknowledged
      }
      const baseAt = (seq: number) => (seq % 7 === 0 ? null : up.frameAt(seq));
      for (let i = 0; i < 50_000; i++) {
        let bytes: Uint8Array;
        if (i % 5 === 0) {
          // Random bytes behind the Input opcode.
          bytes = new Uint8Array(1 + int(48));
          for (let j = 1; j < bytes.length; j++) bytes[j] = int(256);
          bytes[0] = 0x02;
        } else {
          // A valid message with 1–4 mutations: bit flips, truncation, a byte inserted, removed or replaced.
          const b = Array.from(valid[int(valid.length)]);
          for (let m = 1 + int(4); m > 0; m--) {
            const at = 1 + int(Math.max(1, b.length - 1));
            switch (int(5)) {
              case 0:
              case 1:
                if (at < b.length) b[at] ^= 1 << int(8);
                break;
              case 2:
                b.length = Math.max(1, at);
                break;
              case 3:
                b.splice(at, 0, int(256));
                break;
              default:
                if (at < b.length) b.splice(at, 1);
            }
          }
          bytes = Uint8Array.from(b);
        }
        // A throw fails the test by itself; expect() per case would dominate the run time.
        const r = decodeInputMessage(bytes, coder, up.newestSeq - int(200), baseAt, header, out);
        if (r === null) {
          counts.accepted++;
          if (header.count < 1 || header.count > MAX_FRAMES_PER_INPUT) outOfRange++;
          for (let j = 0; j < header.count * f; j++) {
            const { min, max } = inputFieldRange(schema.fields[j % f]);
            if (!(out[j] >= min && out[j] <= max)) outOfRange++;
          }
        } else if (r === MISSING_BASE) counts.missingBase++;
        else if ((r as DecodeError).closeCode === 4000) counts.decodeFailed++;
        else counts.invalid++;
      }
    }
    console.info(`Input fuzz: 100000 frames: ${JSON.stringify(counts)}`);
    expect(outOfRange).toBe(0);
    expect(counts.accepted + counts.missingBase + counts.decodeFailed + counts.invalid).toBe(100_000);
    // Both outcomes are exercised: some mutations still decode, most are refused.
    expect(counts.accepted).toBeGreaterThan(1000);
    expect(counts.decodeFailed).toBeGreaterThan(10_000);
  });
});

describe('InputUplink', () => {
  it('repeats exactly the unacknowledged frames, coded against the acknowledged one', () => {
    const coder = new InputCoder(arenaLike);
    const up = new InputUplink(coder, 2, 2);
    for (let i = 0; i < 5; i++) up.push([i & 1, i * 3]);
    up.acknowledge(3);
    const bytes = up.message(900, 890)!;
    const header = newHeader();
    const out = new Int32Array(MAX_FRAMES_PER_INPUT * 2);
    expect(decodeInputMessage(bytes, coder, 3, (s) => up.frameAt(s), header, out)).toBeNull();
    expect(header).toMatchObject({ seq: 5, count: 2, zeroBase: false, ackLow: 450 % 64, viewLag: 10 });
    expect(Array.from(out.subarray(0, 4))).toEqual([1, 9, 0, 12]);
  });

  it('falls back to a zero base when more than MAX_FRAMES_PER_INPUT are unacknowledged', () => {
    const coder = new InputCoder(arenaLike);
    const up = new InputUplink(coder, 2, 1);
    for (let i = 0; i < 40; i++) up.push([0, i]);
    up.acknowledge(2);
    const header = newHeader();
    const out = new Int32Array(MAX_FRAMES_PER_INPUT * 2);
    expect(decodeInputMessage(up.message(0, 0)!, coder, 0, () => null, header, out)).toBeNull();
    expect(header).toMatchObject({ seq: 40, count: MAX_FRAMES_PER_INPUT, zeroBase: true, ackLow: -1 });
    expect(out[2 * (MAX_FRAMES_PER_INPUT - 1) + 1]).toBe(39);
  });
});

describe('InputUplink schedule', () => {
  it('batches steady frames ticksPerMessage at a time, but sends a changed press at once', () => {
    const coder = new InputCoder(arenaLike);
    const up = new InputUplink(coder, 2, 3);
    const sentAt: number[] = [];
    const frames = [[0, 1], [0, 2], [0, 3], [0, 4], [16, 5], [16, 6], [16, 7], [16, 8], [16, 9], [0, 10]];
    frames.forEach((f, i) => {
      up.push(f);
      if (up.due() && up.message(0, 0)) sentAt.push(i + 1);
    });
    // Ticks 1-3 batch; the Fire press at tick 5 goes at once; 6-8 batch; the release at 10 goes at once.
    expect(sentAt).toEqual([3, 5, 8, 10]);
  });

  it('without urgentOnFlags, only the batch size decides', () => {
    const up = new InputUplink(new InputCoder(arenaLike), 2, 3, false);
    const sentAt: number[] = [];
    for (let i = 1; i <= 9; i++) {
      up.push([i % 2 ? 16 : 0, i]);
      if (up.due() && up.message(0, 0)) sentAt.push(i);
    }
    expect(sentAt).toEqual([3, 6, 9]);
  });
});
