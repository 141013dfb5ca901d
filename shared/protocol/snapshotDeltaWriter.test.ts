import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { arenaSchema } from '../game/arena/schema';
import { ByteWriter } from './bytes';
import { EntityTable, type EntityRow } from './entityTable';
import { diffTables } from './snapshotDelta';
import { SnapshotDeltaWriter } from './snapshotDeltaWriter';
import { encodeSnapshotFrame } from './snapshotFrame';

const schema = arenaSchema;
const F = schema.fields.length;

/** Random worlds in the schema's bounds: sorted unique ids, kinds 1–2. */
const rows = fc
  .uniqueArray(fc.integer({ min: 1, max: 400 }), { maxLength: 40 })
  .chain((ids) =>
    fc.tuple(
      ...ids
        .sort((a, b) => a - b)
        .map((id) =>
          fc.record({
            id: fc.constant(id),
            kind: fc.integer({ min: 1, max: 2 }),
            values: fc.tuple(...schema.fields.map((s) => fc.integer({ min: s.min, max: s.max }))),
          }),
        ),
    ),
  ) as fc.Arbitrary<EntityRow[]>;

describe('SnapshotDeltaWriter', () => {
  it('writes the same bytes as writeSnapshotFrame(diffTables(base, next)), full and delta', () => {
    const writer = new SnapshotDeltaWriter(schema);
    const w = new ByteWriter(64);
    fc.assert(
      fc.property(rows, rows, fc.boolean(), (baseRows, nextRows, full) => {
        const base = full ? null : EntityTable.from(F, 10, baseRows);
        const next = EntityTable.from(F, 12, nextRows);
        writer.write(w.reset(), base, next);
        expect(Array.from(w.written())).toEqual(Array.from(encodeSnapshotFrame(diffTables(base, next, schema))));
      }),
      { seed: 424242, numRuns: 1500 },
    );
  });

  it('allocates its frames in reused buffers (a second write of the same delta is identical)', () => {
    const writer = new SnapshotDeltaWriter(schema);
    const base = EntityTable.from(F, 2, [{ id: 1, kind: 1, values: new Array(F).fill(8) }]);
    const next = EntityTable.from(F, 4, [
      { id: 1, kind: 1, values: [16, ...new Array(F - 1).fill(8)] },
      { id: 300, kind: 2, values: new Array(F).fill(1) },
    ]);
    const a = new ByteWriter(8);
    const b = new ByteWriter(8);
    writer.write(a, base, next);
    writer.write(b, base, next);
    expect(Array.from(b.written())).toEqual(Array.from(a.written()));
  });
});
