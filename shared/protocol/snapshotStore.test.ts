import { describe, expect, it } from 'vitest';
import { EntityLayout } from './entitySchema';
import { EntityTable } from './entityTable';
import { diffTables } from './snapshotDelta';
import { SnapshotStore } from './snapshotStore';

const layout = new EntityLayout({
  kinds: [{ kind: 1, name: 'dot', fields: [{ name: 'x', scale: 1, min: 0, max: 10_000 }, { name: 'y', scale: 1, min: 0, max: 10_000 }] }],
});
const world = (tick: number) =>
  EntityTable.from(2, tick, [
    { id: 1, kind: 1, values: [tick, 5] },
    { id: 2, kind: 1, values: [100, tick * 2] },
  ]);

describe('SnapshotStore', () => {
  it('applies a full snapshot, then deltas against any baseline still held', () => {
    const store = new SnapshotStore(layout, 32);
    expect(store.apply(diffTables(null, world(2), layout)).ok).toBe(true);
    for (let t = 4; t <= 80; t += 2) {
      // The server's baseline is whatever we acknowledged, possibly a few snapshots back.
      const base = Math.max(2, t - 10);
      const r = store.apply(diffTables(world(base), world(t), layout));
      expect(r.ok).toBe(true);
      if (r.ok) expect(r.table.sameEntities(world(t))).toBe(true);
    }
    expect(store.newestTick).toBe(80);
    expect(store.applied).toBe(40);
    expect(store.entity(2)).toEqual([100, 160]);
    expect(store.entity(3)).toBeUndefined();
    expect(store.get(80 - 62)?.tick).toBe(18); // 32 held: ticks 18..80
    expect(store.get(16)).toBeNull();
  });

  it('rejects a delta whose baseline it no longer holds, and stale or duplicate ticks', () => {
    const store = new SnapshotStore(layout, 32);
    store.apply(diffTables(null, world(10), layout));
    const missing = store.apply(diffTables(world(8), world(12), layout));
    expect(missing).toMatchObject({ ok: false, reason: 'missing-baseline' });
    expect(store.apply(diffTables(null, world(10), layout))).toMatchObject({ ok: false, reason: 'duplicate' });
    expect(store.apply(diffTables(null, world(6), layout))).toMatchObject({ ok: false, reason: 'stale' });
    expect(store.rejected).toBe(1);
    store.clear();
    expect(store.newestTick).toBe(0);
    expect(() => new SnapshotStore(layout, 8)).toThrow();
  });
});
