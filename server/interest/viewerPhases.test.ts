import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { EventWindow } from './eventWindow';
import { ViewerPhases } from './viewerPhases';
import { Opcode } from '../../shared/protocol/constants';
import { decodeServerFrame } from '../../shared/protocol/frameCodec';
import { GameCodec } from '../../shared/protocol/gameCodec';
import { lineGame } from '../../tests/support/lineGame';
import type { AnyEvent } from '../../shared/protocol/eventSchema';

interface R {
  readonly link: null;
  readonly id: number;
}

/** Joins and leaves at random ticks; returns each viewer's due ticks and whether leaves happened between two of them. */
function simulate(every: number, ops: { join: number; leave: number }[], ticks: number) {
  const phases = new ViewerPhases<R>(every);
  const present: R[] = [];
  const due = new Map<R, number[]>();
  const admitted = new Map<R, number>();
  const leaveTicks = new Set<number>();
  let next = 1;
  const unbalanced: number[] = [];
  // The last `every` ticks without joins or leaves: balance is back by then.
  for (let t = 1; t <= ticks + every; t++) {
    const op = t > ticks ? { join: 0, leave: 0 } : ops[t % ops.length];
    for (let k = 0; k < op.join; k++) present.push({ link: null, id: next++ });
    for (let k = 0; k < op.leave && present.length > 0; k++) {
      present.splice((t * 7 + k) % present.length, 1);
      leaveTicks.add(t);
    }
    for (const r of present) if (!admitted.has(r)) admitted.set(r, t);
    const here = new Set(present);
    for (const r of phases.select(present, t, (gone) => {
      if (here.has(gone)) expect.fail(`viewer ${gone.id} forgotten while present`);
    })) {
      if (!due.has(r)) due.set(r, []);
      due.get(r)!.push(t);
    }
    const counts = phases.phaseCounts();
    if (t === ticks + every && Math.max(...counts) - Math.min(...counts) > 1) unbalanced.push(t);
    if (counts.reduce((a, b) => a + b, 0) !== present.length) expect.fail(`tick ${t}: phase counts ${counts} for ${present.length} viewers`);
  }
  return { phases, present, due, admitted, leaveTicks, unbalanced };
}

describe('ViewerPhases', () => {
  it('each viewer is due every `every` ticks, never sooner, once later after a leave; phases balanced within an interval', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 2, max: 4 }),
        fc.array(fc.record({ join: fc.integer({ min: 0, max: 6 }), leave: fc.integer({ min: 0, max: 4 }) }), { minLength: 1, maxLength: 40 }),
        (every, ops) => {
          const ticks = 200;
          const { present, due, admitted, leaveTicks, unbalanced } = simulate(every, ops, ticks);
          expect(unbalanced).toEqual([]);
          for (const r of present) {
            const list = due.get(r) ?? [];
            const from = admitted.get(r)!;
            // The first snapshot within one interval of the viewer being first seen.
            if (from <= ticks - every) expect(list[0] - from).toBeLessThan(every);
            for (let i = 1; i < list.length; i++) {
              const gap = list[i] - list[i - 1];
              const leftBetween = leaveTicks.has(list[i - 1]) || leaveTicks.has(list[i - 1] - 1) || leaveTicks.has(list[i - 1] - 2) || leaveTicks.has(list[i - 1] - 3);
              if (gap < every || gap >= (leftBetween ? 2 * every : every + 1)) expect.fail(`viewer ${r.id}: ${gap} ticks between snapshots at ${list[i]}`);
            }
          }
        },
      ),
      { numRuns: 30 },
    );
  });

  it('a join burst is split evenly over the phases, each joiner due within one interval', () => {
    const phases = new ViewerPhases<R>(2);
    const burst = Array.from({ length: 101 }, (_, i) => ({ link: null, id: i }));
    const now = phases.select(burst, 10, () => {}).length;
    const next = phases.select(burst, 11, () => {}).length;
    expect([now, next]).toEqual([51, 50]);
    expect(phases.phaseCounts()).toEqual([51, 50]);
  });
});

describe('EventWindow', () => {
  const codec = new GameCodec(lineGame);
  const decode = (frames: readonly Uint8Array[]) =>
    frames.map((f) => {
      const m = decodeServerFrame(f, codec);
      if (!('op' in m) || m.op !== Opcode.Events) throw new Error('not an Events frame');
      return m.body;
    });
  const chat = (n: number): AnyEvent => ({ type: 'chat', id: 1, text: `m${n}` });

  it('hands each cursor the events after it, once per tick encoded, stamped with the tick, split at 256 per frame', () => {
    const w = new EventWindow(8);
    w.push(1, [chat(1)]);
    w.push(2, []);
    w.push(3, [chat(2), chat(3)]);
    const a = w.framesFor(0, 3);
    expect(w.framesFor(0, 3)).toBe(a);
    expect(decode(a)).toEqual([{ tick: 3, events: [chat(1), chat(2), chat(3)] }]);
    expect(decode(w.framesFor(1, 3))).toEqual([{ tick: 3, events: [chat(2), chat(3)] }]);
    expect(w.framesFor(3, 3)).toEqual([]);
    w.push(4, Array.from({ length: 300 }, (_, i) => chat(10 + i)));
    const big = decode(w.framesFor(3, 4));
    expect(big.map((b) => b.events.length)).toEqual([256, 44]);
    expect(big.every((b) => b.tick === 4)).toBe(true);
  });

  it('forgets events older than its window', () => {
    const w = new EventWindow(4);
    w.push(1, [chat(1)]);
    for (let t = 2; t <= 5; t++) w.push(t, []);
    expect(w.framesFor(0, 5)).toEqual([]);
  });
});
