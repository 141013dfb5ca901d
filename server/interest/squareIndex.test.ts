/**
 * SquareIndex's incremental build (only squares a row entered, left or
 * changed in are compared with their slice) against a build from scratch on
 * the same world: every slice holds the same rows, and a square none of whose
 * rows changed keeps its slice object (its version, which viewers' deltas skip by).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { seededRandom } from '../../shared/engine/prng';
import { EntityTable } from '../../shared/protocol/entityTable';
import { SquareIndex } from './squareIndex';

const STRIDE = 3;
const KINDS = [1, 2];

interface Row {
  id: number;
  kind: number;
  x: number;
  y: number;
  v: number;
}

function table(rows: Row[], tick: number): EntityTable {
  const t = new EntityTable(STRIDE).begin(tick);
  for (const r of [...rows].sort((a, b) => a.id - b.id)) {
    const i = t.push(r.id, r.kind);
    t.set(i, 0, r.x);
    t.set(i, 1, r.y);
    t.set(i, 2, r.v);
  }
  return t.finish();
}

describe('SquareIndex incremental build', () => {
  it('equals a build from scratch; unchanged squares keep their slice', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 2 ** 31 - 1 }), fc.integer({ min: 0, max: 40 }), (seed, churn) => {
        const random = seededRandom(seed);
        const size = 2000;
        const rows: Row[] = [];
        let nextId = 1;
        const add = () => rows.push({ id: nextId++, kind: KINDS[Math.floor(random() * 2)], x: Math.floor(random() * size), y: Math.floor(random() * size), v: 0 });
        for (let i = 0; i < 300; i++) add();
        const index = new SquareIndex(KINDS);
        for (let tick = 1; tick <= 30; tick++) {
          const before = index.slices.slice();
          const touched = new Set<number>();
          for (let k = 0; k < churn; k++) {
            const r = rows[Math.floor(random() * rows.length)];
            const what = random();
            if (what < 0.5) r.x = Math.min(size, Math.max(0, r.x + Math.floor(random() * 400 - 200)));
            else if (what < 0.7) r.v++;
            else if (what < 0.8) r.kind = r.kind === 1 ? 2 : 1;
            else if (what < 0.9) rows.splice(rows.indexOf(r), 1);
            else add();
          }
          const world = table(rows, tick);
          index.build(world, 0, 1, size, size, 250);
          const fresh = new SquareIndex(KINDS);
          fresh.build(world, 0, 1, size, size, 250);
          for (let key = 0; key < fresh.slices.length; key++) {
            const a = index.slices[key];
            const b = fresh.slices[key];
            if (a.count !== b.count || a.data.some((x, i) => x !== b.data[i])) expect.fail(`tick ${tick} square ${key}: slice differs from a fresh build`);
            if (tick > 1 && a !== before[key]) touched.add(key);
          }
          // Only squares whose rows changed get a new slice.
          if (tick > 1) expect(touched.size).toBe(index.changedSquares);
          if (churn === 0 && tick > 1) expect(touched.size).toBe(0);
        }
      }),
      { numRuns: 30 },
    );
  });

  it('after a change of square size every slice is rebuilt for the new squares', () => {
    const rows: Row[] = Array.from({ length: 50 }, (_, i) => ({ id: i + 1, kind: 1, x: i * 37, y: i * 23, v: 0 }));
    const index = new SquareIndex(KINDS);
    index.build(table(rows, 1), 0, 1, 2000, 2000, 250);
    index.build(table(rows, 2), 0, 1, 2000, 2000, 500);
    const fresh = new SquareIndex(KINDS);
    fresh.build(table(rows, 2), 0, 1, 2000, 2000, 500);
    expect(index.slices.map((s) => s.data)).toEqual(fresh.slices.map((s) => s.data));
  });
});
