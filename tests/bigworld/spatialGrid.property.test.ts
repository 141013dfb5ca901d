/** The grid returns exactly the rows a brute-force scan finds, ascending. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { GridQueryResult, SpatialGrid } from '../../server/interest/spatialGrid';
import { EntityTable } from '../../shared/protocol/entityTable';

describe('SpatialGrid', () => {
  it('query = brute force, ascending rows', () => {
    const point = fc.tuple(fc.integer({ min: -50, max: 1050 }), fc.integer({ min: -50, max: 1050 }));
    fc.assert(
      fc.property(fc.array(point, { maxLength: 300 }), fc.integer({ min: 7, max: 400 }), point, fc.integer({ min: 0, max: 600 }), fc.integer({ min: 0, max: 600 }), (pts, cell, [qx, qy], w, h) => {
        const table = new EntityTable(2).begin(1);
        pts.forEach(([x, y], i) => {
          const row = table.push(i + 1, 1);
          table.set(row, 0, x);
          table.set(row, 1, y);
        });
        const grid = new SpatialGrid();
        grid.build(table, 0, 1, 1000, 1000, cell);
        const result = new GridQueryResult();
        grid.query(qx, qy, qx + w, qy + h, result);
        const expected = pts.flatMap(([x, y], i) => (x >= qx && x <= qx + w && y >= qy && y <= qy + h ? [i] : []));
        expect(Array.from(result.rows.subarray(0, result.count))).toEqual(expected);
      }),
      { numRuns: 300 },
    );
  });
});
