import { describe, expect, it } from 'vitest';
import { decodeInputMessage, InputCoder, MISSING_BASE, type InputMessageHeader } from '../../../../shared/protocol/inputCodec';
import { InputSender } from './inputSender';

const coder = new InputCoder({
  fields: [
    { name: 'keys', kind: 'flags', bits: 4 },
    { name: 'heading', kind: 'uint', bits: 10, wrap: true },
    { name: 'lean', kind: 'int', bits: 4 },
  ],
});

/** What the server reads from one message: header and frames (oldest first), given the frames it holds. */
function serverReads(bytes: Uint8Array, held: Map<number, number[]>, reference: number) {
  const header: InputMessageHeader = { seq: 0, count: 0, zeroBase: false, ackLow: -1, viewLag: 0 };
  const out = new Int32Array(32 * coder.fieldCount);
  const r = decodeInputMessage(bytes, coder, reference, (seq) => held.get(seq) ?? null, header, out);
  if (r !== null) throw new Error(r === MISSING_BASE ? r : r.reason);
  const frames: number[][] = [];
  for (let i = 0; i < header.count; i++) frames.push(Array.from(out.subarray(i * 3, i * 3 + 3)));
  return { header, frames };
}

describe('InputSender', () => {
  it('puts values in the schema order, clamped into range, and sends every ticksPerMessage ticks', () => {
    const s = new InputSender(coder, 2, 2);
    expect(s.message(0, 0)).toBeNull();
    expect(s.push({ lean: -3, heading: 5, keys: 0b1010 })).toBe(1);
    expect(s.message(0, 0)).toBeNull(); // one tick: not due
    s.push({ keys: 99, heading: 1024 + 7, lean: 40, extra: 1 }); // out of range, wraps, unknown field
    const bytes = s.message(20, 14)!;
    const { header, frames } = serverReads(bytes, new Map(), 0);
    expect(header).toMatchObject({ seq: 2, count: 2, zeroBase: true, ackLow: 10, viewLag: 6 });
    expect(frames).toEqual([
      [0b1010, 5, -3],
      [15, 7, 7],
    ]);
  });

  it('repeats exactly the unacknowledged frames, so a lost message costs nothing', () => {
    const s = new InputSender(coder, 2, 1);
    const sent: number[][] = [];
    const held = new Map<number, number[]>();
    let newest = 0;
    for (let i = 1; i <= 200; i++) {
      const frame = [i & 15, (i * 37) % 1024, (i % 15) - 7];
      sent[i] = frame;
      s.push({ keys: frame[0], heading: frame[1], lean: frame[2] });
      const bytes = s.message(0, 0)!;
      if (i % 4 === 0) continue; // every 4th message lost
      const { header, frames } = serverReads(bytes, held, newest);
      frames.forEach((f, k) => held.set(header.seq - header.count + 1 + k, f));
      newest = header.seq;
      if (i % 3 === 0) s.acknowledge(newest - 2); // acks lag a bit behind
    }
    for (let i = 1; i <= 199; i++) expect(held.get(i)).toEqual(sent[i]);
  });

  it('starts over on reset', () => {
    const s = new InputSender(coder, 2, 1);
    s.push({});
    s.acknowledge(1);
    expect(s.acknowledged).toBe(1);
    s.reset();
    expect(s.push({})).toBe(1);
  });

  it('an InputAck trims the next message to the frames after it and reports how long the frame waited', () => {
    let nowMs = 1000;
    const s = new InputSender(coder, 2, 1, () => nowMs);
    for (let i = 0; i < 4; i++) {
      s.push({ keys: 1 });
      nowMs += 16;
    }
    expect(s.onInputAck(3)).toBe(1064 - 1032); // frame 3 was pushed at 1032
    expect(s.acknowledged).toBe(3);
    expect(s.onInputAck(2)).toBe(-1); // nothing new
    expect(s.onInputAck(99)).toBe(-1); // beyond what we sent: ignored
    s.push({ keys: 2 });
    const held = new Map([[3, [1, 0, 0]]]);
    const { header, frames } = serverReads(s.message(0, 0)!, held, 3);
    expect(header).toMatchObject({ seq: 5, count: 2 });
    expect(frames).toEqual([
      [1, 0, 0],
      [2, 0, 0],
    ]);
  });
});
