/**
 * The priority accumulator starves nothing: with every item pending every
 * round and an allowance that fits at least one item, each item is chosen
 * within a bounded number of rounds, and the chosen bytes never exceed the
 * allowance (except the viewer's own entity, priority Infinity).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { PendingList } from '../../server/interest/prioritySchedule';

describe('priority schedule', () => {
  it('every pending item is chosen within a bounded wait; the allowance holds', () => {
    fc.assert(
      fc.property(
        fc.array(fc.record({ cost: fc.integer({ min: 1, max: 40 }), importance: fc.double({ min: 0.1, max: 4, noNaN: true }) }), { minLength: 1, maxLength: 60 }),
        fc.integer({ min: 40, max: 200 }),
        (items, allowance) => {
          const priority = items.map(() => 0);
          const lastChosen = items.map(() => 0);
          const list = new PendingList();
          const rounds = 400;
          let worstWait = 0;
          for (let round = 1; round <= rounds; round++) {
            list.reset();
            items.forEach((it, i) => {
              priority[i] += it.importance;
              list.push(i, it.cost, priority[i]);
            });
            const used = list.choose(allowance);
            expect(used).toBeLessThanOrEqual(allowance);
            for (let k = 0; k < list.count; k++) {
              if (list.chosen[k] === 0) continue;
              const i = list.index[k];
              worstWait = Math.max(worstWait, round - lastChosen[i]);
              lastChosen[i] = round;
              priority[i] = 0;
            }
          }
          for (let i = 0; i < items.length; i++) worstWait = Math.max(worstWait, rounds + 1 - lastChosen[i]);
          // Bound: total cost / allowance rounds to send everything once, times the spread of importances (≤ 40×).
          const total = items.reduce((a, b) => a + b.cost, 0);
          expect(worstWait).toBeLessThanOrEqual(Math.ceil(total / allowance) * 40 + 2);
        },
      ),
      { numRuns: 200 },
    );
  });

  it('the own entity (Infinity) always goes, even beyond the allowance', () => {
    const list = new PendingList();
    list.push(0, 100, Infinity);
    list.push(1, 5, 3);
    // The own entity overdraws the allowance; nothing else fits after it this time.
    expect(list.choose(10)).toBe(100);
    expect(Array.from(list.chosen.subarray(0, 2))).toEqual([1, 0]);
  });
});
