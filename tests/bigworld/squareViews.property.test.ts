/**
 * Views built from shared square slices (server/interest/square*.ts):
 *
 *  - the square delta writer writes exactly SnapshotDeltaWriter's bytes for
 *    the same two views flattened into tables (any baseline in the ring);
 *  - change tracking: a square whose slice changed after the baseline is
 *    never skipped — one entity changed after the baseline appears in the
 *    next frame — and with nothing changed the frame is empty;
 *  - hysteresis per entity survives square crossings: an entity moving across
 *    square borders inside the band stays a member.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { SquareDeltaWriter } from '../../server/interest/squareDeltaWriter';
import { SquareIndex } from '../../server/interest/squareIndex';
import type { SquareView } from '../../server/interest/squareView';
import { SquareViewer } from '../../server/interest/squareViewer';
import type { InterestArea } from '../../shared/engine/gameDefinition';
import { seededRandom } from '../../shared/engine/prng';
import { ByteWriter } from '../../shared/protocol/bytes';
import { DecodeError } from '../../shared/protocol/decodeError';
import { SnapshotDeltaWriter } from '../../shared/protocol/snapshotDeltaWriter';
import { decodeSnapshotFrame } from '../../shared/protocol/snapshotFrame';
import { createDots, DOTS_LAYOUT, stepDots, worldTable, type DotsState } from './dotsWorld';

const STRIDE = DOTS_LAYOUT.stride;
const KINDS = DOTS_SCHEMA_KINDS();

function DOTS_SCHEMA_KINDS(): number[] {
  return DOTS_LAYOUT.schema.kinds.map((k) => k.kind);
}

function area(x: number, y: number, s: DotsState): InterestArea {
  return { x, y, halfWidth: s.half, halfHeight: s.half, margin: s.margin };
}

/** Index the dots world at `tick` and build the viewer's view there (committed). */
function snapshot(index: SquareIndex, viewer: SquareViewer, s: DotsState, tick: number, x: number, y: number): SquareView {
  index.build(worldTable(s, tick), 0, 1, s.size, s.size, 500);
  const view = viewer.build(index, area(x, y, s), tick, 0, 1, STRIDE);
  viewer.ring.commit();
  return view;
}

function squareFrame(base: SquareView | null, next: SquareView): Uint8Array {
  const w = new ByteWriter(1024);
  new SquareDeltaWriter(DOTS_LAYOUT).write(w, base, next);
  return w.toBytes();
}

function tableFrame(base: SquareView | null, next: SquareView): Uint8Array {
  const w = new ByteWriter(1024);
  new SnapshotDeltaWriter(DOTS_LAYOUT).write(w, base ? base.toTable(STRIDE) : null, next.toTable(STRIDE));
  return w.toBytes();
}

function decoded(bytes: Uint8Array) {
  const f = decodeSnapshotFrame(bytes, DOTS_LAYOUT);
  if (f instanceof DecodeError) throw new Error(f.reason);
  return f.delta;
}

describe('square views', () => {
  it('write exactly the bytes of the table delta writer, against any held baseline', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 2 ** 31 - 1 }), fc.integer({ min: 0, max: 11 }), (seed, back) => {
        const random = seededRandom(seed);
        const s = createDots(seed, 700, 6000);
        const index = new SquareIndex(KINDS);
        const viewer = new SquareViewer();
        let x = 3000;
        let y = 3000;
        const ticks: number[] = [];
        for (let snap = 1; snap <= 24; snap++) {
          stepDots(s, 60, 3);
          x += Math.round((random() * 2 - 1) * 150);
          y += Math.round((random() * 2 - 1) * 150);
          const base = ticks.length > back ? viewer.ring.at(ticks[ticks.length - 1 - back]) : null;
          index.build(worldTable(s, snap * 2), 0, 1, s.size, s.size, 500);
          const view = viewer.build(index, area(x, y, s), snap * 2, 0, 1, STRIDE);
          expect(squareFrame(base, view)).toEqual(tableFrame(base, view));
          viewer.ring.commit();
          ticks.push(snap * 2);
        }
      }),
      { numRuns: 25 },
    );
  });

  it('never skips a square that changed after the baseline; skips everything when nothing changed', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 2 ** 31 - 1 }), fc.integer({ min: 0, max: 10_000 }), fc.integer({ min: 1, max: 40 }), (seed, pick, moveBy) => {
        const s = createDots(seed, 900, 6000);
        const index = new SquareIndex(KINDS);
        const viewer = new SquareViewer();
        const base = snapshot(index, viewer, s, 2, 3000, 3000);
        // Nothing changed: every square of the view is the baseline's slice.
        const same = snapshot(index, viewer, s, 4, 3000, 3000);
        const empty = decoded(squareFrame(base, same));
        expect([empty.removed.length, empty.created.length, empty.changed.length]).toEqual([0, 0, 0]);
        // One member changes after the baseline: its square gets a new slice and the frame carries it.
        const members = same.toTable(STRIDE);
        const id = members.ids[pick % members.count];
        const dot = s.dots.find((d) => d.id === id)!;
        dot.hue = (dot.hue + moveBy) % 360;
        dot.kind = 1;
        const next = snapshot(index, viewer, s, 6, 3000, 3000);
        const delta = decoded(squareFrame(same, next));
        const seen = [...delta.changed.map((c) => c.id), ...delta.created.map((c) => c.id)];
        expect(seen).toContain(id);
        expect(delta.removed).toEqual([]);
        expect(squareFrame(same, next)).toEqual(tableFrame(same, next));
      }),
      { numRuns: 40 },
    );
  });

  it('an entity crossing square borders inside the hysteresis band stays a member', () => {
    const s = createDots(3, 0, 10_000, 1000, 400);
    const dot = { id: 9, kind: 2, x: 0, y: 5000, hue: 0 };
    s.dots.push(dot);
    const index = new SquareIndex(KINDS);
    const viewer = new SquareViewer();
    // Enters inside the enter edge (x ≤ 5000 + 1400), then walks the band (enter edge .. leave edge = 6400 .. 6600).
    dot.x = 6300;
    const path = [6300, 6450, 6499, 6501, 6550, 6480, 6520, 6590];
    const member: boolean[] = [];
    path.forEach((x, i) => {
      dot.x = x;
      const view = snapshot(index, viewer, s, (i + 1) * 2, 5000, 5000);
      member.push(view.toTable(STRIDE).indexOf(9) >= 0);
    });
    expect(member).toEqual(path.map(() => true));
    dot.x = 6700; // past the leave edge
    expect(snapshot(index, viewer, s, 40, 5000, 5000).toTable(STRIDE).indexOf(9)).toBe(-1);
  });
});
