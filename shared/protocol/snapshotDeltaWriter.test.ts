import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { arenaSchema } from '../game/arena/schema';
import { ByteWriter } from './bytes';
import { EntityLayout } from './entitySchema';
import { EntityTable, type EntityRow } from './entityTable';
import { diffTables } from './snapshotDelta';
import { SnapshotDeltaWriter } from './snapshotDeltaWriter';
import { encodeSnapshotFrame } from './snapshotFrame';

/** The arena's layout: player 11 fields, projectile 6 (the stride is 11; a projectile row leaves 5 at 0). */
const schema = new EntityLayout(arenaSchema);
const F = schema.stride;

/** A kind's values in its bounds, padded with 0 to the stride. */
const valuesOf = (kind: number) => {
  const fields = schema.fields(kind)!;
  return fc.tuple(...fields.map((s) => fc.integer({ min: s.min, max: s.max }))).map((v) => [...v, ...new Array<number>(F - fields.length).fill(0)]);
};

/** Random worlds in the schema's bounds: sorted unique ids, both kinds. */
const rows = fc
  .uniqueArray(fc.integer({ min: 1, max: 400 }), { maxLength: 40 })
  .chain((ids) =>
    fc.tuple(
      ...ids
        .sort((a, b) => a - b)
        .map((id) =>
          fc.integer({ min: 1, max: 2 }).chain((kind) => fc.record({ id: fc.constant(id), kind: fc.constant(kind), values: valuesOf(kind) })),
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
      { id: 300, kind: 2, values: [1, 1, 1, 1, 1, 1] },
    ]);
    const a = new ByteWriter(8);
    const b = new ByteWriter(8);
    writer.write(a, base, next);
    writer.write(b, base, next);
    expect(Array.from(b.written())).toEqual(Array.from(a.written()));
  });
});
