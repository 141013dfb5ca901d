/**
 * The bots' lean uplink against the SDK's InputUplink: for the same schema and
 * the same pushes, acknowledgements and acks, the same schedule (due) and the
 * same message bytes, and the server's decoder reads back the frames pushed.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { arenaInputSchema } from '../../shared/game/arena/schema';
import { decodeInputMessage, InputCoder, MAX_FRAMES_PER_INPUT, type InputMessageHeader } from '../../shared/protocol/inputCodec';
import { inputFieldRange, type InputFieldSpec, type InputSchema } from '../../shared/protocol/inputSchema';
import { InputUplink } from '../../shared/protocol/inputUplink';
import { InputPattern } from './inputPattern';
import { LeanUplink } from './leanUplink';

const field: fc.Arbitrary<InputFieldSpec> = fc.oneof(
  fc.record({ name: fc.constant('f'), kind: fc.constant('flags' as const), bits: fc.integer({ min: 1, max: 24 }) }),
  fc.record({ name: fc.constant('u'), kind: fc.constant('uint' as const), bits: fc.integer({ min: 1, max: 24 }), wrap: fc.boolean() }),
  fc.record({ name: fc.constant('i'), kind: fc.constant('int' as const), bits: fc.integer({ min: 2, max: 24 }) }),
);
const schema: fc.Arbitrary<InputSchema> = fc
  .array(field, { minLength: 1, maxLength: 6 })
  .map((fields) => ({ fields: fields.map((f, i) => ({ ...f, name: `${f.name}${i}` })) }));

type Step =
  | { op: 'push'; values: number[]; hold: boolean }
  | { op: 'burst'; frames: number }
  | { op: 'ack'; back: number }
  | { op: 'send'; ackTick: number; lag: number };
const step: fc.Arbitrary<Step> = fc.oneof(
  { weight: 6, arbitrary: fc.record({ op: fc.constant('push' as const), values: fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { minLength: 6, maxLength: 6 }), hold: fc.boolean() }) },
  // More unacknowledged frames than one message carries: the newest 32, coded against zero.
  { weight: 1, arbitrary: fc.record({ op: fc.constant('burst' as const), frames: fc.integer({ min: 30, max: 40 }) }) },
  { weight: 2, arbitrary: fc.record({ op: fc.constant('ack' as const), back: fc.integer({ min: 0, max: 40 }) }) },
  {
    weight: 2,
    arbitrary: fc.record({
      op: fc.constant('send' as const),
      // Small ticks too: ack index 0 (tick < snapshotEvery) and no ack at all (0).
      ackTick: fc.oneof(fc.integer({ min: 0, max: 8 }), fc.integer({ min: 0, max: 5000 })),
      lag: fc.integer({ min: 0, max: 1100 }),
    }),
  },
);

/** A frame from unit-interval draws: each field's value in its range (held frames repeat the last). */
function frameOf(s: InputSchema, draws: number[]): number[] {
  return s.fields.map((f, k) => {
    const { min, max } = inputFieldRange(f);
    return min + Math.floor(draws[k] * (max - min + 1 - 1e-9));
  });
}

describe('LeanUplink', () => {
  it('sends the SDK uplink\'s bytes on the same schedule, for random schemas and sequences', () => {
    fc.assert(
      fc.property(schema, fc.integer({ min: 1, max: 4 }), fc.integer({ min: 1, max: 4 }), fc.array(step, { maxLength: 300 }), (s, every, perMessage, steps) => {
        const coder = new InputCoder(s);
        const sdk = new InputUplink(coder, every, perMessage);
        const lean = new LeanUplink(coder, every, perMessage);
        let last = frameOf(s, [0, 0, 0, 0, 0, 0]);
        for (const st of steps) {
          if (st.op === 'push') {
            if (!st.hold) last = frameOf(s, st.values);
            expect(lean.push(last)).toBe(sdk.push(last));
          } else if (st.op === 'burst') {
            for (let i = 0; i < st.frames; i++) expect(lean.push(last)).toBe(sdk.push(last));
          } else if (st.op === 'ack') {
            const seq = Math.max(0, sdk.newestSeq - st.back);
            sdk.acknowledge(seq);
            lean.acknowledge(seq);
          } else {
            expect(lean.due()).toBe(sdk.due());
            const want = sdk.message(st.ackTick, st.ackTick - st.lag);
            const n = lean.message(st.ackTick, st.ackTick - st.lag);
            expect(n === 0 ? null : lean.bytes.slice(0, n)).toEqual(want);
          }
          expect(lean.unacknowledged).toBe(sdk.unacknowledged);
        }
      }),
      { numRuns: 300 },
    );
  });

  it('the arena bots\' own pattern: every message equals the SDK\'s and decodes to the frames pushed', () => {
    const coder = new InputCoder(arenaInputSchema);
    const sdk = new InputUplink(coder, 2, 3);
    const lean = new LeanUplink(coder, 2, 3);
    const pattern = new InputPattern(7, 60);
    const pushed: number[][] = [];
    const header: InputMessageHeader = { seq: 0, count: 0, zeroBase: false, ackLow: -1, viewLag: 0 };
    const out = new Int32Array(MAX_FRAMES_PER_INPUT * coder.fieldCount);
    let messages = 0;
    for (let tick = 1; tick <= 3000; tick++) {
      const frame = [...pattern.next()];
      pushed[sdk.push(frame)] = frame;
      lean.push(frame);
      // The server acknowledges a few ticks late, now and then not at all for a while.
      if (tick % 7 === 0 && tick % 91 !== 0) {
        sdk.acknowledge(tick - 4);
        lean.acknowledge(tick - 4);
      }
      if (!sdk.due()) continue;
      expect(lean.due()).toBe(true);
      const want = sdk.message(tick - 2, tick - 4)!;
      const n = lean.message(tick - 2, tick - 4);
      expect(lean.bytes.slice(0, n)).toEqual(want);
      const problem = decodeInputMessage(lean.bytes.slice(0, n), coder, sdk.newestSeq - 1, (seq) => pushed[seq] ?? null, header, out);
      expect(problem).toBeNull();
      for (let i = 0; i < header.count; i++) expect([...out.subarray(i * 2, i * 2 + 2)]).toEqual(pushed[header.seq - header.count + 1 + i]);
      messages++;
    }
    expect(messages).toBeGreaterThan(1000);
  });
});
