import { describe, expect, it } from 'vitest';
import { DEFAULT_INPUT_CLOCK, InputClock } from './inputClock';

describe('InputClock', () => {
  it('runs fast until it has gained the advised ticks, then at the nominal rate', () => {
    const c = new InputClock();
    c.advise(2);
    expect(c.tickMs(1000 / 60)).toBeLessThan(1000 / 60);
    let gained = 0;
    let ticks = 0;
    while (c.rate !== 0 && ticks < 10_000) {
      gained += c.rate;
      c.onTick();
      ticks++;
    }
    expect(gained).toBeGreaterThan(1.9);
    expect(gained).toBeLessThan(2.05);
    expect(c.tickMs(1000 / 60)).toBe(1000 / 60);
  });

  it('never runs faster or slower than maxRate, whatever the advice', () => {
    const c = new InputClock();
    for (const a of [30, 1e9, -1e9, -30, Number.NaN, Infinity, 0.5]) {
      c.advise(a);
      for (let i = 0; i < 50; i++) {
        expect(Math.abs(c.rate)).toBeLessThanOrEqual(DEFAULT_INPUT_CLOCK.maxRate);
        c.onTick();
      }
    }
    expect(Math.abs(c.owedTicks)).toBeLessThanOrEqual(DEFAULT_INPUT_CLOCK.maxOwedTicks);
  });

  it('a new advice replaces what is still owed (no pile-up), and reset forgets it', () => {
    const c = new InputClock();
    c.advise(3);
    for (let i = 0; i < 20; i++) c.onTick();
    c.advise(1);
    expect(c.owedTicks).toBe(1);
    c.advise(-2);
    expect(c.rate).toBeLessThan(0);
    c.reset();
    expect([c.owedTicks, c.rate]).toEqual([0, 0]);
  });
});
