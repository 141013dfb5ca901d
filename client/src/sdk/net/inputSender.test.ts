import { describe, expect, it } from 'vitest';
import type { InputSchema } from '../../../../shared/protocol/inputSchema';
import { InputSender } from './inputSender';

const schema: InputSchema = {
  fields: [
    { name: 'keys', kind: 'flags', bits: 8 },
    { name: 'heading', kind: 'uint', bits: 16, wrap: true },
  ],
};
const frame = (keys: number, heading: number) => ({ keys, heading });

describe('InputSender', () => {
  it('repeats unacknowledged inputs newest first, up to 8', () => {
    const s = new InputSender(schema);
    expect(s.body(0, 0, 0)).toBeNull();
    for (let i = 1; i <= 12; i++) s.push(frame(i, i * 10));
    const [seq, , , , frames] = s.body(100, 50, 40)!;
    expect(seq).toBe(12);
    expect(frames.map((f) => f[0])).toEqual([12, 11, 10, 9, 8, 7, 6, 5]);
    expect(frames[0]).toEqual([12, 120]); // schema field order
    s.acknowledge(10);
    expect(s.body(100, 50, 40)![4].map((f) => f[0])).toEqual([12, 11]);
    s.acknowledge(12);
    // Fully acknowledged: still sends the newest (the server ignores it as stale).
    expect(s.body(100, 50, 40)![4].map((f) => f[0])).toEqual([12]);
  });

  it('lost messages cost nothing: any later message carries the missing inputs', () => {
    const s = new InputSender(schema);
    const delivered = new Set<number>();
    for (let i = 1; i <= 200; i++) {
      s.push(frame(i & 0xff, 0));
      const body = s.body(i, 0, 0)!;
      if (i % 4 === 0) continue; // every 4th message lost
      body[4].forEach((_, k) => delivered.add(body[0] - k));
      if (i % 3 === 0) s.acknowledge(i - 2); // acks lag a bit behind
    }
    for (let i = 1; i <= 199; i++) expect(delivered.has(i)).toBe(true);
  });

  it('clamps tick fields to valid wire integers and resets seqs', () => {
    const s = new InputSender(schema);
    s.push(frame(1, 0));
    expect(s.body(-5, 12.7, 3.9)!.slice(0, 4)).toEqual([1, 0, 12, 3]);
    s.reset();
    expect(s.push(frame(0, 0))).toBe(1);
  });
});
