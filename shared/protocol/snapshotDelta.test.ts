/**
 * Snapshot deltas: examples, the apply(base, diff(base, next)) = next property
 * (directly and through the binary frame), acked-baseline chains like the
 * server's ring produces, and BaselineMismatchError on the wrong baseline —
 * over multi-kind layouts: a kind carries only its own fields, so rows of a
 * narrower kind leave the rest of the stride 0.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { arenaSchema } from '../game/arena/schema';
import { EntityLayout, type EntitySchema, type FieldSpec } from './entitySchema';
import { EntityTable, type EntityRow } from './entityTable';
import { DecodeError } from './decodeError';
import { applyDelta, BaselineMismatchError, diffTables, type SnapshotDelta } from './snapshotDelta';
import { decodeSnapshotFrame, encodeSnapshotFrame } from './snapshotFrame';

const X: FieldSpec = { name: 'x', scale: 16, min: -(1 << 20), max: 1 << 20 };
const Y: FieldSpec = { name: 'y', scale: 16, min: -(1 << 20), max: 1 << 20 };
/**
 * A second schema: two kinds of different field counts (ship 5, rock 2) with
 * kind bytes that are not 1, 2; negative ranges and a 16-bit wrapping angle.
 */
const wideSchema: EntitySchema = {
  kinds: [
    {
      kind: 1,
      name: 'ship',
      fields: [
        X,
        Y,
        { name: 'angle', scale: 65536 / (2 * Math.PI), min: 0, max: 65535, wrap: 65536 },
        { name: 'hp', scale: 1, min: 0, max: 100 },
        { name: 'score', scale: 1, min: -1_000_000_000, max: 1_000_000_000 },
      ],
    },
    { kind: 7, name: 'rock', fields: [X, Y] },
  ],
};
const SHIP = 1;
const ROCK = 7;
const wide = new EntityLayout(wideSchema);
const arenaLayout = new EntityLayout(arenaSchema);
const layouts: [string, EntityLayout][] = [
  ['arena (player 11 fields, projectile 6)', arenaLayout],
  ['wide (ship 5 fields, rock 2)', wide],
];

const table = (layout: EntityLayout, tick: number, rows: EntityRow[]) => EntityTable.from(layout.stride, tick, rows);
const sorted = (rows: EntityRow[]) => [...rows].sort((a, b) => a.id - b.id);

describe('diffTables / applyDelta examples (wide layout)', () => {
  const s = wide;
  const base = table(s, 10, [
    { id: 1, kind: SHIP, values: [0, 0, 100, 100, 0] },
    { id: 2, kind: SHIP, values: [5, 5, 0, 50, 7] },
    { id: 300, kind: ROCK, values: [-5, 9] },
  ]);

  it('lists removed, created and changed entities, with only the changed fields', () => {
    const next = table(s, 12, [
      { id: 1, kind: SHIP, values: [16, 0, 100, 99, 0] }, // x and hp changed
      { id: 3, kind: SHIP, values: [1, 2, 3, 4, 5] }, // created
      { id: 300, kind: ROCK, values: [-5, 9] }, // unchanged
      { id: 301, kind: ROCK, values: [7, -8] }, // created: a rock carries its 2 fields only
    ]);
    const delta = diffTables(base, next, s);
    expect(delta).toEqual({
      tick: 12,
      baseTick: 10,
      removed: [2],
      created: [
        { id: 3, kind: SHIP, values: [1, 2, 3, 4, 5] },
        { id: 301, kind: ROCK, values: [7, -8] },
      ],
      changed: [{ id: 1, mask: 0b01001, deltas: [16, -1] }],
    });
    expect(applyDelta(base, delta, s).sameEntities(next)).toBe(true);
  });

  it('a changed rock has a mask within its 2 fields', () => {
    const next = table(s, 11, [...base.toRows().slice(0, 2), { id: 300, kind: ROCK, values: [-4, 10] }]);
    const delta = diffTables(base, next, s);
    expect(delta.changed).toEqual([{ id: 300, mask: 0b11, deltas: [1, 1] }]);
    expect(applyDelta(base, delta, s).sameEntities(next)).toBe(true);
  });

  it('sends an entity whose kind changed in full, as created, with the new kind\'s field count', () => {
    const next = table(s, 11, [
      { id: 1, kind: ROCK, values: [0, 0] }, // ship → rock: 2 values, the rest of the row back to 0
      { id: 2, kind: SHIP, values: [5, 5, 0, 50, 7] },
      { id: 300, kind: SHIP, values: [-5, 9, 1, 2, 3] }, // rock → ship
    ]);
    const delta = diffTables(base, next, s);
    expect(delta.created).toEqual([
      { id: 1, kind: ROCK, values: [0, 0] },
      { id: 300, kind: SHIP, values: [-5, 9, 1, 2, 3] },
    ]);
    expect(delta.changed).toEqual([]);
    expect(delta.removed).toEqual([]);
    const applied = applyDelta(base, delta, s);
    expect(applied.sameEntities(next)).toBe(true);
    expect(applied.toRows()[0].values).toEqual([0, 0, 0, 0, 0]);
  });

  it('takes the short way round a wrapping field', () => {
    const a = table(s, 1, [{ id: 1, kind: SHIP, values: [0, 0, 65530, 0, 0] }]);
    const b = table(s, 2, [{ id: 1, kind: SHIP, values: [0, 0, 4, 0, 0] }]);
    const forward = diffTables(a, b, s);
    expect(forward.changed).toEqual([{ id: 1, mask: 0b100, deltas: [10] }]);
    expect(applyDelta(a, forward, s).sameEntities(b)).toBe(true);
    const back = diffTables(b, table(s, 3, a.toRows()), s);
    expect(back.changed).toEqual([{ id: 1, mask: 0b100, deltas: [-10] }]);
  });

  it('an unchanged world is an empty delta; a full snapshot is everything as created', () => {
    const same = diffTables(base, table(s, 11, base.toRows()), s);
    expect(same).toEqual({ tick: 11, baseTick: 10, removed: [], created: [], changed: [] });
    const full = diffTables(null, base, s);
    expect(full.baseTick).toBe(0);
    expect(full.created.map((c) => [c.id, c.values.length])).toEqual([
      [1, 5],
      [2, 5],
      [300, 2],
    ]);
    expect(applyDelta(null, full, s).sameEntities(base)).toBe(true);
  });

  it('applyDelta returns a new table and leaves the baseline untouched', () => {
    const before = base.clone();
    const next = table(s, 12, [{ id: 2, kind: SHIP, values: [9, 9, 9, 9, 9] }]);
    const out = applyDelta(base, diffTables(base, next, s), s);
    expect(out).not.toBe(base);
    expect(out.tick).toBe(12);
    expect(base.sameEntities(before)).toBe(true);
    expect(base.tick).toBe(10);
  });
});

describe('BaselineMismatchError (the client relies on it to fall back)', () => {
  const s = wide;
  const t10 = table(s, 10, [
    { id: 1, kind: SHIP, values: [0, 0, 0, 0, 0] },
    { id: 2, kind: SHIP, values: [1, 1, 1, 1, 1] },
    { id: 5, kind: ROCK, values: [3, 3] },
  ]);
  const t11 = table(s, 11, [{ id: 1, kind: SHIP, values: [1, 0, 0, 0, 0] }, { id: 2, kind: SHIP, values: [1, 1, 1, 1, 1] }]);
  const t12 = table(s, 12, [{ id: 1, kind: SHIP, values: [2, 0, 0, 0, 0] }]);
  const deltaFrom10 = diffTables(t10, t12, s);

  it('throws when the baseline is at another tick', () => {
    expect(() => applyDelta(t11, deltaFrom10, s)).toThrow(BaselineMismatchError);
    expect(() => applyDelta(t11, deltaFrom10, s)).toThrow(/baseline is tick 11, delta needs 10/);
  });

  it('throws when there is no baseline for a delta', () => {
    expect(() => applyDelta(null, deltaFrom10, s)).toThrow(BaselineMismatchError);
  });

  it('throws when the delta changes an entity the baseline lacks', () => {
    const lacking = table(s, 10, [{ id: 2, kind: SHIP, values: [1, 1, 1, 1, 1] }]);
    expect(() => applyDelta(lacking, deltaFrom10, s)).toThrow(BaselineMismatchError);
  });

  it('throws when an entity is both removed and created', () => {
    const forged: SnapshotDelta = { tick: 11, baseTick: 10, removed: [2], created: [{ id: 2, kind: SHIP, values: [0, 0, 0, 0, 0] }], changed: [] };
    expect(() => applyDelta(t10, forged, s)).toThrow(BaselineMismatchError);
  });

  it('throws when a change targets an entity the same delta removes', () => {
    const forged: SnapshotDelta = { tick: 11, baseTick: 10, removed: [1], created: [], changed: [{ id: 1, mask: 1, deltas: [1] }] };
    expect(() => applyDelta(t10, forged, s)).toThrow(BaselineMismatchError);
  });

  it('throws on a created entity of a kind the game never declared, or with the wrong field count', () => {
    const created = (kind: number, values: number[]): SnapshotDelta => ({ tick: 11, baseTick: 10, removed: [], created: [{ id: 9, kind, values }], changed: [] });
    expect(() => applyDelta(t10, created(3, [1, 2]), s)).toThrow(/kind 3 is not a kind of this game/);
    expect(() => applyDelta(t10, created(0, []), s)).toThrow(BaselineMismatchError);
    expect(() => applyDelta(t10, created(ROCK, [1, 2, 3, 4, 5]), s)).toThrow(/wrong field count/); // a ship's count on a rock
    expect(() => applyDelta(t10, created(SHIP, [1, 2]), s)).toThrow(/wrong field count/);
    expect(applyDelta(t10, created(ROCK, [1, 2]), s).indexOf(9)).toBe(3);
  });

  it('throws on a changed-field mask beyond the entity\'s kind (a rock has 2 fields, the stride is 5)', () => {
    const changed = (mask: number, deltas: number[]): SnapshotDelta => ({ tick: 11, baseTick: 10, removed: [], created: [], changed: [{ id: 5, mask, deltas }] });
    expect(() => applyDelta(t10, changed(0b100, [1]), s)).toThrow(/mask exceeds its kind/);
    expect(() => applyDelta(t10, changed(0b10000, [1]), s)).toThrow(BaselineMismatchError);
    expect(applyDelta(t10, changed(0b10, [4]), s).toRows()[2].values).toEqual([3, 7, 0, 0, 0]);
  });

  it('is an Error subclass, so generic handlers see a message and a stack', () => {
    let caught: unknown;
    try {
      applyDelta(t11, deltaFrom10, s);
    } catch (err) {
      caught = err;
    }
    expect(caught).toBeInstanceOf(Error);
    expect(caught).toBeInstanceOf(BaselineMismatchError);
  });

  it('a full snapshot (baseTick 0) applies over any baseline, or none', () => {
    const full = diffTables(null, t12, s);
    expect(applyDelta(t11, full, s).sameEntities(t12)).toBe(true);
    expect(applyDelta(null, full, s).sameEntities(t12)).toBe(true);
  });
});

// ---- properties -------------------------------------------------------------

const MAX_TICK = 0xffffffff;

/** Values of a row of `kind`: its own fields in bounds, the rest of the stride 0. */
function valuesArb(layout: EntityLayout, kind: number): fc.Arbitrary<number[]> {
  const fields = layout.fields(kind)!;
  const pad = new Array<number>(layout.stride - fields.length).fill(0);
  return fc.tuple(...fields.map((f) => fc.integer({ min: f.min, max: f.max }))).map((v) => [...v, ...pad]);
}

const kindsOf = (layout: EntityLayout) => layout.schema.kinds.map((k) => k.kind);

/** Rows with sorted unique ids (players 1–255 and projectiles 256–65535 both drawn), every declared kind, in-bounds values. */
function rowsArb(layout: EntityLayout, maxLength = 24): fc.Arbitrary<EntityRow[]> {
  const id = fc.oneof(fc.integer({ min: 1, max: 255 }), fc.integer({ min: 256, max: 0xffff }));
  const row = (rid: number) =>
    fc.constantFrom(...kindsOf(layout)).chain((kind) => fc.record({ id: fc.constant(rid), kind: fc.constant(kind), values: valuesArb(layout, kind) }));
  return fc
    .uniqueArray(id, { maxLength })
    .chain((ids) => fc.tuple(...[...ids].sort((a, b) => a - b).map(row)))
    .map((rows) => rows as EntityRow[]);
}

function freshValues(layout: EntityLayout, kind: number, g: fc.GeneratorValue): number[] {
  const values = new Array<number>(layout.stride).fill(0);
  layout.fields(kind)!.forEach((f, k) => (values[k] = g(fc.integer, { min: f.min, max: f.max })));
  return values;
}

/** `next` derived from `base` the way a world evolves: most rows kept, some fields moved, some rows gone, new or of another kind. */
function evolve(layout: EntityLayout, rows: EntityRow[], g: fc.GeneratorValue): EntityRow[] {
  const out: EntityRow[] = [];
  const taken = new Set(rows.map((r) => r.id));
  const kinds = kindsOf(layout);
  for (const r of rows) {
    const fate = g(fc.integer, { min: 0, max: 19 });
    if (fate === 0) continue; // removed
    if (fate === 1) {
      // kind changed (possibly to the same kind: then it is an ordinary change)
      const kind = g(fc.constantFrom, ...kinds);
      out.push({ id: r.id, kind, values: freshValues(layout, kind, g) });
      continue;
    }
    const values = [...r.values];
    if (fate < 10) {
      layout.fields(r.kind)!.forEach((f, k) => {
        if (g(fc.boolean)) values[k] = g(fc.integer, { min: f.min, max: f.max });
      });
    }
    out.push({ id: r.id, kind: r.kind, values });
  }
  const extra = g(fc.integer, { min: 0, max: 4 });
  for (let n = 0; n < extra; n++) {
    const id = g(fc.integer, { min: 1, max: 0xffff });
    if (taken.has(id)) continue;
    taken.add(id);
    const kind = g(fc.constantFrom, ...kinds);
    out.push({ id, kind, values: freshValues(layout, kind, g) });
  }
  return sorted(out);
}

const ticksArb = fc.integer({ min: 1, max: MAX_TICK - 1 }).chain((b) => fc.tuple(fc.constant(b), fc.integer({ min: b + 1, max: MAX_TICK })));

/** Apply a delta directly and after a trip through the wire frame; both must give `next`. */
function expectApplies(base: EntityTable | null, next: EntityTable, schema: EntityLayout, ackSeq: number): void {
  const delta = diffTables(base, next, schema);
  const direct = applyDelta(base, delta, schema);
  expect(direct.sameEntities(next)).toBe(true);
  expect(direct.tick).toBe(next.tick);

  const decoded = decodeSnapshotFrame(encodeSnapshotFrame(delta, ackSeq), schema);
  if (decoded instanceof DecodeError) throw new Error(`valid frame refused: ${decoded.reason}`);
  expect(decoded.ackSeq).toBe(ackSeq);
  expect(decoded.delta).toEqual(delta);
  expect(applyDelta(base, decoded.delta, schema).sameEntities(next)).toBe(true);
}

describe.each(layouts)('properties, %s', (_name, schema) => {
  const ackSeqArb = fc.integer({ min: 0, max: MAX_TICK });

  it('apply(base, diff(base, next)) = next for independent random tables, directly and through the frame', () => {
    fc.assert(
      fc.property(rowsArb(schema), rowsArb(schema), ticksArb, ackSeqArb, (baseRows, nextRows, [bt, nt], ackSeq) => {
        expectApplies(table(schema, bt, baseRows), table(schema, nt, nextRows), schema, ackSeq);
      }),
      { seed: 20261121, numRuns: 200 },
    );
  });

  it('apply(base, diff(base, next)) = next for an evolved world (moves, removals, spawns, kind changes)', () => {
    fc.assert(
      fc.property(rowsArb(schema, 40), fc.gen(), ticksArb, ackSeqArb, (baseRows, g, [bt, nt], ackSeq) => {
        const base = table(schema, bt, baseRows);
        expectApplies(base, table(schema, nt, evolve(schema, baseRows, g)), schema, ackSeq);
      }),
      { seed: 1337, numRuns: 250 },
    );
  });

  it('full snapshots (base null) rebuild the world from nothing', () => {
    fc.assert(
      fc.property(rowsArb(schema, 40), fc.integer({ min: 0, max: MAX_TICK }), ackSeqArb, (rows, tick, ackSeq) => {
        expectApplies(null, table(schema, tick, rows), schema, ackSeq);
      }),
      { seed: 99, numRuns: 150 },
    );
  });

  it('a client that acks some snapshots and drops others stays exact (server ring of 32, deltas against the newest ack)', () => {
    fc.assert(
      fc.property(rowsArb(schema, 16), fc.gen(), (rows0, g) => {
        const RING = 32;
        const serverRing: EntityTable[] = [];
        const clientTables = new Map<number, EntityTable>();
        let rows = rows0;
        let ackTick = 0;
        for (let tick = 1; tick <= 60; tick++) {
          rows = evolve(schema, rows, g);
          const current = table(schema, tick, rows);
          serverRing.push(current);
          if (serverRing.length > RING) serverRing.shift();
          const baseline = serverRing.find((t) => t.tick === ackTick && t.tick < tick) ?? null;
          const frame = encodeSnapshotFrame(diffTables(baseline, current, schema), tick);
          if (g(fc.integer, { min: 0, max: 3 }) === 0) continue; // lost in transit
          const decoded = decodeSnapshotFrame(frame, schema);
          if (decoded instanceof DecodeError) throw new Error(decoded.reason);
          const base = decoded.delta.baseTick === 0 ? null : clientTables.get(decoded.delta.baseTick) ?? null;
          const applied = applyDelta(base, decoded.delta, schema);
          expect(applied.sameEntities(current)).toBe(true);
          clientTables.set(tick, applied);
          // The client's ack may lag: it reports an older applied tick now and then.
          if (g(fc.boolean)) ackTick = tick;
        }
      }),
      { seed: 4242, numRuns: 40 },
    );
  });
});
