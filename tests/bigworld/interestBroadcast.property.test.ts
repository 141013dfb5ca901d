/**
 * Interest management end to end at the snapshot level: a synthetic world,
 * several viewers, frames decoded and applied by simulated clients exactly as
 * a browser does, with dropped frames and lost acknowledgements.
 *
 * Properties:
 *  - a client's reconstructed view equals the server's record of that
 *    viewer's view at the same tick (what its next delta is diffed against);
 *  - without a budget, that view is the world restricted to the interest set,
 *    and the interest set holds everything inside the enter edge and nothing
 *    outside the leave edge;
 *  - under a byte budget, an entity in view is eventually sent.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { InterestBroadcaster } from '../../server/interest/interestBroadcaster';
import type { BackpressurePolicy } from '../../server/rooms/snapshotBroadcaster';
import { ServerStats } from '../../server/serverStats';
import { seededRandom } from '../../shared/engine/prng';
import type { EntityTable } from '../../shared/protocol/entityTable';
import { createDots, DOTS_LAYOUT, dotsInterest, SimClient, stepDots, worldTable, type DotsState } from './dotsWorld';

const POLICY: BackpressurePolicy = { skipBytes: 1 << 20, slowCloseMs: 5000, fullSnapshotIntervalMs: 1000 };
const SNAPSHOT_MS = 33;

function rowsEqual(a: EntityTable, b: EntityTable): boolean {
  return a.sameEntities(b);
}

/** The world's rows whose ids are in `ids`. */
function restrict(world: EntityTable, ids: ArrayLike<number>, count: number, tick: number): EntityTable {
  const out = world.clone().begin(tick);
  for (let i = 0; i < count; i++) {
    const row = world.indexOf(ids[i]);
    const o = out.push(world.ids[row], world.kinds[row]);
    for (let f = 0; f < world.fieldCount; f++) out.set(o, f, world.get(row, f));
  }
  return out;
}

function run(seed: number, viewers: number, snapshots: number, dropRate: number, ackLossRate: number, budget: number): void {
  const random = seededRandom(seed ^ 0x5eed);
  const state: DotsState = createDots(seed, 600, 8000);
  const stats = new ServerStats();
  const broadcaster = new InterestBroadcaster(dotsInterest(budget), DOTS_LAYOUT, 12, POLICY, stats);
  const clients = Array.from({ length: viewers }, (_, i) => {
    const c = new SimClient(i + 1, Math.floor(random() * 8000), Math.floor(random() * 8000), random);
    c.link.dropRate = dropRate;
    c.ackLossRate = ackLossRate;
    return c;
  });
  for (let s = 1; s <= snapshots; s++) {
    const tick = s * 2;
    stepDots(state, 40);
    for (const c of clients) {
      c.viewer.x = Math.min(8000, Math.max(0, c.viewer.x + Math.round((random() * 2 - 1) * 120)));
      c.viewer.y = Math.min(8000, Math.max(0, c.viewer.y + Math.round((random() * 2 - 1) * 120)));
    }
    broadcaster.broadcast(state, clients, tick, s * SNAPSHOT_MS, []);
    const world = worldTable(state, tick);
    for (const c of clients) {
      const before = c.appliedTicks.length;
      c.receive();
      const serverView = broadcaster.viewTableAt(c, tick)!;
      // The reconstructed view equals the server's record of it.
      if (c.appliedTicks.length > before && !rowsEqual(c.store.get(tick)!, serverView)) expect.fail(`viewer ${c.viewer.playerId} tick ${tick}: client view differs`);
      const m = membersOf(broadcaster, c);
      checkMembership(world, m, state, c);
      if (budget === 0 && !rowsEqual(serverView, restrict(world, m.ids, m.count, tick))) expect.fail(`viewer ${c.viewer.playerId} tick ${tick}: view is not the world in its set`);
    }
  }
}

/** The viewer's interest set: rows (under a budget) or the members of its newest square view. */
function membersOf(b: InterestBroadcaster, c: SimClient): { ids: ArrayLike<number>; count: number; hysteresis: number } {
  const rowViewer = b.viewerOf(c);
  if (rowViewer) return rowViewer.membership;
  const sv = b.squareViewerOf(c)!;
  const ids = sv.memberIds(DOTS_LAYOUT.stride);
  return { ids, count: ids.length, hysteresis: sv.hysteresis };
}

function checkMembership(world: EntityTable, m: { ids: ArrayLike<number>; count: number; hysteresis: number }, s: DotsState, c: SimClient): void {
  const enter = s.half + s.margin;
  const leave = s.half + s.margin * m.hysteresis;
  const members = new Set(Array.from(m.ids).slice(0, m.count));
  const wrong: number[] = [];
  for (let r = 0; r < world.count; r++) {
    const dx = Math.abs(world.get(r, 0) - c.viewer.x);
    const dy = Math.abs(world.get(r, 1) - c.viewer.y);
    const member = members.has(world.ids[r]);
    if ((dx <= enter && dy <= enter && !member) || ((dx > leave || dy > leave) && member)) wrong.push(world.ids[r]);
  }
  expect(wrong).toEqual([]);
}

describe('interest broadcast: per-viewer deltas', () => {
  it('a client reconstructs exactly its server-side view; unlimited, that is the world in its interest set', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 2 ** 31 - 1 }), fc.double({ min: 0, max: 0.3, noNaN: true }), fc.double({ min: 0, max: 0.6, noNaN: true }), (seed, drop, ackLoss) => {
        run(seed, 6, 40, drop, ackLoss, 0);
      }),
      { numRuns: 12 },
    );
  });

  it('under a byte budget the reconstructed view still equals the server view', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 2 ** 31 - 1 }), fc.integer({ min: 500, max: 20_000 }), (seed, budget) => {
        run(seed, 4, 40, 0.1, 0.3, budget);
      }),
      { numRuns: 10 },
    );
  });

  it('an entity in view is eventually sent under a tight budget (static world)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 2 ** 31 - 1 }), fc.integer({ min: 1000, max: 4000 }), (seed, budget) => {
        const random = seededRandom(seed);
        const state = createDots(seed, 800, 6000);
        const broadcaster = new InterestBroadcaster(dotsInterest(budget), DOTS_LAYOUT, 12, POLICY, new ServerStats());
        const c = new SimClient(1, 3000, 3000, random);
        let converged = -1;
        // Budget bytes/s × time must cover the view once: at most ~250 entities × ~8 B.
        const limit = Math.ceil((300 * 8 * 2) / (budget * (SNAPSHOT_MS / 1000))) + 10;
        for (let s = 1; s <= limit && converged < 0; s++) {
          broadcaster.broadcast(state, [c], s * 2, s * SNAPSHOT_MS, []);
          c.receive();
          const m = broadcaster.viewerOf(c)!.membership;
          const world = worldTable(state, s * 2);
          if (c.store.newest && c.store.newest.sameEntities(restrict(world, m.ids, m.count, s * 2))) converged = s;
        }
        expect(converged).toBeGreaterThan(0);
        expect(broadcaster.viewerOf(c)!.stalestTicks).toBe(0);
      }),
      { numRuns: 10 },
    );
  });

  it('viewers with equal interest sets and baselines share one encode', () => {
    const random = seededRandom(7);
    const state = createDots(7, 500, 6000);
    const stats = new ServerStats();
    const broadcaster = new InterestBroadcaster(dotsInterest(), DOTS_LAYOUT, 12, POLICY, stats);
    const twins = [new SimClient(1, 2000, 2000, random), new SimClient(2, 2000, 2000, random), new SimClient(3, 2000, 2000, random)];
    const other = new SimClient(4, 5000, 5000, random);
    for (let s = 1; s <= 20; s++) {
      stepDots(state, 30);
      const before = stats.snapshotsEncoded;
      broadcaster.broadcast(state, [...twins, other], s * 2, s * SNAPSHOT_MS, []);
      for (const c of [...twins, other]) c.receive();
      expect(stats.snapshotsEncoded - before).toBe(2);
    }
    expect(twins[0].link.bytes).toBe(twins[2].link.bytes);
  });
});
