import { describe, expect, it } from 'vitest';
import { inputFieldRange, inputFrameInRange, type InputSchema } from '../../shared/protocol/inputSchema';
import { SchemaPattern } from './schemaPattern';

/** A steering game's input (like cells): a target offset and a one-bit boost, plus a wrapping angle. */
const schema = {
  fields: [
    { name: 'targetX', kind: 'int', bits: 12 },
    { name: 'targetY', kind: 'int', bits: 12 },
    { name: 'buttons', kind: 'flags', bits: 1 },
    { name: 'angle', kind: 'uint', bits: 10, wrap: true },
  ],
} as const satisfies InputSchema;

function run(seed: number, ticks: number): number[][] {
  const p = new SchemaPattern(schema, seed, 60);
  return Array.from({ length: ticks }, () => [...p.next()]);
}

describe('SchemaPattern', () => {
  it('every frame is in its fields’ ranges, and the same seed gives the same frames', () => {
    const frames = run(7, 3000);
    for (const f of frames) expect(inputFrameInRange(schema, f)).toBe(true);
    expect(run(7, 3000)).toEqual(frames);
    expect(run(8, 3000)).not.toEqual(frames);
  });

  it('number fields steer smoothly (bounded steps, the short way round for a wrapping field) and do move', () => {
    const frames = run(3, 3000);
    for (const k of [0, 1, 3]) {
      const { min, max } = inputFieldRange(schema.fields[k]);
      const span = max - min + 1;
      const step = Math.round((span * 0.5) / 60);
      let moved = 0;
      for (let i = 1; i < frames.length; i++) {
        let d = Math.abs(frames[i][k] - frames[i - 1][k]);
        if (k === 3) d = Math.min(d, span - d);
        expect(d).toBeLessThanOrEqual(step);
        if (d > 0) moved++;
      }
      expect(moved).toBeGreaterThan(frames.length / 4); // it holds a reached target until the next one
    }
  });

  it('flags come in bursts: on now and then, mostly off', () => {
    const boost = run(5, 6000).map((f) => f[2]);
    const on = boost.filter((b) => b === 1).length;
    let bursts = 0;
    for (let i = 1; i < boost.length; i++) if (boost[i] === 1 && boost[i - 1] === 0) bursts++;
    expect(bursts).toBeGreaterThan(10);
    expect(on).toBeGreaterThan(boost.length * 0.1);
    expect(on).toBeLessThan(boost.length * 0.6);
  });
});
