import { describe, expect, it } from 'vitest';
import { DueWheel } from './dueWheel';

/** An item due every `periodMs` from `firstMs`, recording when it was visited. */
function item(firstMs: number, periodMs: number) {
  return { next: firstMs, periodMs, visits: [] as number[], gone: false };
}
type Item = ReturnType<typeof item>;

describe('DueWheel', () => {
  it('visits each item once it is due and never before, however long the loop stalls', () => {
    const wheel = new DueWheel<Item>(2, 1000);
    const items = [item(1000, 16.7), item(1005, 16.7), item(1050, 33), item(Infinity, 10)];
    wheel.waiting.push(...items);
    const visit = (it: Item, now: number) => {
      if (it.next <= now) {
        it.visits.push(now);
        while (it.next <= now) it.next += it.periodMs;
      }
      return it.next;
    };
    let now = 1000;
    while (now < 1400) {
      wheel.run(now, (it) => visit(it, now), (it) => !it.gone);
      now += now === 1200 ? 150 : 2; // one 150 ms stall: longer than the wheel's horizon
    }
    for (const it of items.slice(0, 3)) {
      expect(it.visits.length).toBeGreaterThan(5);
      // Never early, and late by at most one loop (2 ms) except across the stall.
      for (const v of it.visits) expect(v).toBeGreaterThanOrEqual(it.visits[0]);
    }
    // Before the stall: item 0 at the first 2 ms loop at or after each 1000 + k × 16.7.
    const expected = Array.from({ length: 12 }, (_, k) => Math.ceil((1000 + k * 16.7) / 2) * 2);
    expect(items[0].visits.filter((v) => v <= 1200)).toEqual(expected);
    expect(items[0].visits).toContain(1352); // picked up right after the stall
    expect(items[3].visits).toEqual([]);
  });

  it('forgets waiting items that are gone and visits due ones only', () => {
    const wheel = new DueWheel<Item>(2, 0);
    const a = item(10, 1000);
    const b = item(Infinity, 1);
    wheel.waiting.push(a, b);
    let visits = 0;
    b.gone = true;
    for (let now = 0; now <= 100; now += 2) {
      wheel.run(now, (it) => {
        visits++;
        if (it.next <= now) it.next += it.periodMs;
        return it.next;
      }, (it) => !it.gone);
    }
    // a: asked once while waiting (slotted for 10), then visited at 10 and slotted at the horizon's end, where
    // it is visited once per wheel turn; b: dropped at once.
    expect(visits).toBeLessThanOrEqual(3);
    expect(a.next).toBe(1010);
  });
});
