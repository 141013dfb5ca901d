/**
 * EntityTable: ordering, growth, copies and comparison — the invariants the
 * delta codec relies on (ids strictly ascending, no duplicates).
 */
import { describe, expect, it } from 'vitest';
import { EntityTable } from './entityTable';

describe('EntityTable', () => {
  it('keeps rows sorted by id: finish() sorts out-of-order pushes with their values', () => {
    const t = new EntityTable(2, 1).begin(5);
    for (const id of [30, 10, 20]) {
      const row = t.push(id, id === 20 ? 2 : 1);
      t.set(row, 0, id * 2);
      t.set(row, 1, -id);
    }
    t.finish();
    expect(t.toRows()).toEqual([
      { id: 10, kind: 1, values: [20, -10] },
      { id: 20, kind: 2, values: [40, -20] },
      { id: 30, kind: 1, values: [60, -30] },
    ]);
    expect(t.tick).toBe(5);
    expect(t.indexOf(20)).toBe(1);
    expect(t.indexOf(25)).toBe(-1);
  });

  it('rejects duplicate ids, in order or not', () => {
    expect(() => EntityTable.from(1, 1, [{ id: 1, kind: 1, values: [0] }, { id: 1, kind: 1, values: [0] }])).toThrow(/duplicate entity id 1/);
    expect(() =>
      EntityTable.from(1, 1, [{ id: 2, kind: 1, values: [0] }, { id: 1, kind: 1, values: [0] }, { id: 2, kind: 1, values: [0] }]),
    ).toThrow(/duplicate/);
  });

  it('grows past its capacity, and push zeroes a reused row', () => {
    const t = new EntityTable(3, 0).begin(1);
    for (let id = 1; id <= 100; id++) t.set(t.push(id, 1), 2, id);
    t.finish();
    expect(t.count).toBe(100);
    expect(t.get(99, 2)).toBe(100);
    t.begin(2);
    const row = t.push(7, 1);
    expect([t.get(row, 0), t.get(row, 1), t.get(row, 2)]).toEqual([0, 0, 0]);
  });

  it('copyFrom / clone copy exactly, and sameEntities ignores the tick', () => {
    const a = EntityTable.from(2, 9, [{ id: 1, kind: 1, values: [5, 6] }, { id: 400, kind: 2, values: [-7, 8] }]);
    const b = a.clone();
    expect(b.sameEntities(a)).toBe(true);
    expect(b.tick).toBe(9);
    const small = new EntityTable(2, 1).copyFrom(a);
    expect(small.sameEntities(a)).toBe(true);
    const later = EntityTable.from(2, 10, a.toRows());
    expect(later.sameEntities(a)).toBe(true);
    b.set(1, 1, 9);
    expect(b.sameEntities(a)).toBe(false);
    expect(EntityTable.from(2, 9, [{ id: 1, kind: 2, values: [5, 6] }, { id: 400, kind: 2, values: [-7, 8] }]).sameEntities(a)).toBe(false);
    expect(() => new EntityTable(3).copyFrom(a)).toThrow(/field count/);
  });
});
