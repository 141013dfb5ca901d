import { describe, expect, it } from 'vitest';
import { FixedStep } from './fixedStep';

describe('FixedStep', () => {
  it('runs exactly one tick per interval with no drift over 10,000 ticks', () => {
    const tickMs = 1000 / 60;
    const step = new FixedStep(tickMs, 5, 0);
    let ran = 0;
    // Wake up slightly late every time (timer jitter), as a real loop does.
    for (let i = 1; i <= 10_000; i++) ran += step.advance(i * tickMs + (i % 3) * 0.4);
    expect(ran).toBe(10_000);
    expect(step.droppedTicks).toBe(0);
    // After 10,000 intervals the next tick is due one interval after the 10,000th.
    expect(step.msUntilNext(10_000 * tickMs)).toBeCloseTo(tickMs, 6);
  });

  it('runs nothing before the first interval elapses', () => {
    const step = new FixedStep(10, 5, 100);
    expect(step.advance(105)).toBe(0);
    expect(step.advance(110)).toBe(1);
    expect(step.advance(119.9)).toBe(0);
    expect(step.msUntilNext(115)).toBeCloseTo(5, 9);
  });

  it('clamps catch-up after a stall and drops the rest', () => {
    const step = new FixedStep(10, 5, 0);
    expect(step.advance(1000)).toBe(5);
    expect(step.droppedTicks).toBe(95);
    // Back on schedule: the next tick is one interval later, not a backlog.
    expect(step.advance(1005)).toBe(0);
    expect(step.advance(1010)).toBe(1);
  });

  it('ignores a clock that goes backwards', () => {
    const step = new FixedStep(10, 5, 0);
    expect(step.advance(50)).toBe(5);
    expect(step.advance(20)).toBe(0);
    expect(step.advance(60)).toBe(1);
  });

  it('says how many ticks are due without running them (the loop defers a catch-up)', () => {
    const step = new FixedStep(10, 5, 0);
    expect(step.dueAt(5)).toBe(0);
    expect(step.dueAt(95)).toBe(9); // before the clamp
    expect(step.dueAt(95)).toBe(9);
    expect(step.advance(95)).toBe(5);
    expect(step.dueAt(95)).toBe(0);
    expect(step.dueAt(20)).toBe(0); // a clock that went backwards
  });

  it('rejects nonsense parameters', () => {
    expect(() => new FixedStep(0, 5, 0)).toThrow(RangeError);
    expect(() => new FixedStep(10, 0, 0)).toThrow(RangeError);
  });
});
