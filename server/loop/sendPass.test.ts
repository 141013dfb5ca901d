import { describe, expect, it } from 'vitest';
import { SendPass, type DeferredSends } from './sendPass';
import { TickLoop } from './tickLoop';

/** Deferred sends that write one "frame" per flush call's clock read: `perSliceFrames` per slice. */
interface FakeSends extends DeferredSends {
  holding: boolean;
  queued: number;
  written: { atMs: number; holding: boolean }[];
}

function fakeSends(clock: { ms: number }, perSliceFrames: number): FakeSends {
  const sends: FakeSends = {
    holding: false,
    queued: 0,
    written: [] as { atMs: number; holding: boolean }[],
    hold() {
      sends.holding = true;
    },
    release() {
      sends.holding = false;
    },
    get pending(): boolean {
      return sends.queued > 0;
    },
    flush(untilMs: number) {
      let n = 0;
      while (sends.queued > 0) {
        if (n === perSliceFrames && clock.ms >= untilMs) return false;
        sends.queued--;
        n++;
        clock.ms += 1; // each write costs 1 ms
        sends.written.push({ atMs: clock.ms, holding: sends.holding });
      }
      return true;
    },
  };
  return sends;
}

function setup(perSliceFrames = 2) {
  const clock = { ms: 0 };
  const sends = fakeSends(clock, perSliceFrames);
  const yielded: (() => void)[] = [];
  const passes: { busyMs: number; wallMs: number; slices: number }[] = [];
  const pass = new SendPass({
    sends, now: () => clock.ms, sliceMs: 2,
    yieldThen: (fn) => yielded.push(fn),
    onPass: (busyMs, wallMs, slices) => passes.push({ busyMs, wallMs, slices }),
  });
  const ticks: number[] = [];
  const loop = new TickLoop({
    tickRate: 100, maxCatchUpTicks: 5, sweepEveryMs: 1e9, now: () => clock.ms, sendPass: pass,
    onTick: () => {
      ticks.push(clock.ms);
      expect(sends.holding).toBe(true);
      sends.queued += 6; // this tick's frames
    },
    onTimed: () => {}, onSweep: () => {}, onDropped: () => {},
  });
  return { clock, sends, yielded, passes, loop, ticks };
}

describe('SendPass in the TickLoop', () => {
  it('writes nothing during the tick, then a first slice at once and the rest after yields', () => {
    const { clock, sends, yielded, passes, loop } = setup();
    clock.ms = 10;
    loop.runDue(10);
    expect(sends.written.every((w) => !w.holding)).toBe(true);
    expect(sends.written).toHaveLength(2); // one slice: 2 ms at 1 ms per write
    expect(yielded).toHaveLength(1);
    while (yielded.length > 0) yielded.shift()!();
    expect(sends.written).toHaveLength(6);
    expect(passes).toEqual([{ busyMs: 6, wallMs: 6, slices: 3 }]);
  });

  it('finishes an unfinished pass before the next tick: no frame waits past it', () => {
    const { clock, sends, yielded, passes, loop, ticks } = setup();
    clock.ms = 10;
    loop.runDue(10);
    expect(sends.queued).toBe(4);
    clock.ms = 20; // the next tick is due before the yields ran
    loop.runDue(20);
    // The 4 left from tick 1 were written before tick 2 simulated.
    expect(sends.written.slice(0, 6).every((w) => w.atMs <= ticks[1])).toBe(true);
    expect(passes[0]).toMatchObject({ slices: 2 });
    while (yielded.length > 0) yielded.shift()!();
    expect(sends.queued).toBe(0);
    expect(passes).toHaveLength(2);
  });

  it('runs no pass when nothing was written', () => {
    const clock = { ms: 0 };
    const sends = fakeSends(clock, 2);
    const passes: number[] = [];
    const pass = new SendPass({ sends, now: () => clock.ms, sliceMs: 2, yieldThen: () => {}, onPass: (b) => passes.push(b) });
    pass.beforeTicks();
    pass.afterTicks();
    expect(passes).toEqual([]);
  });

  it('releases the hold and sends what was queued even when a tick throws', () => {
    const { clock, sends } = setup();
    let calls = 0;
    const throwing = new TickLoop({
      tickRate: 100, maxCatchUpTicks: 5, sweepEveryMs: 1e9, now: () => clock.ms,
      sendPass: new SendPass({ sends, now: () => clock.ms, sliceMs: 100, yieldThen: () => {}, onPass: () => {} }),
      onTick: () => {
        calls++;
        sends.queued += 1;
        throw new Error('game bug');
      },
      onTimed: () => {}, onSweep: () => {}, onDropped: () => {},
    });
    clock.ms = 10;
    expect(() => throwing.runDue(10)).toThrow('game bug');
    expect(calls).toBe(1);
    expect(sends.holding).toBe(false);
    expect(sends.queued).toBe(0);
  });
});
