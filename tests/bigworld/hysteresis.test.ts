/**
 * Hysteresis: an entity wobbling across the enter edge is created once and
 * never removed while it stays inside the leave edge; without hysteresis
 * (factor 1) the same wobble is created and removed over and over — the
 * flicker the band exists to prevent.
 */
import { describe, expect, it } from 'vitest';
import { InterestMembership } from '../../server/interest/interestMembership';
import { SpatialGrid } from '../../server/interest/spatialGrid';
import { EntityTable } from '../../shared/protocol/entityTable';

const AREA = { x: 5000, y: 5000, halfWidth: 1000, halfHeight: 1000, margin: 200 };

/** Entries into the set over `steps` snapshots of a dot at x = edge ± wobble. */
function entries(hysteresis: number, wobble: number, steps = 60): { entered: number; left: number } {
  const m = new InterestMembership(hysteresis);
  const grid = new SpatialGrid();
  const table = new EntityTable(2);
  const edge = AREA.x + AREA.halfWidth + AREA.margin;
  let entered = 0;
  let left = 0;
  let was = false;
  for (let s = 0; s < steps; s++) {
    table.begin(s + 1);
    const row = table.push(7, 1);
    table.set(row, 0, edge + (s % 2 === 0 ? -wobble : wobble));
    table.set(row, 1, AREA.y);
    grid.build(table, 0, 1, 10_000, 10_000, 500);
    m.update(table, grid, AREA, 0, 1);
    const is = m.count === 1;
    if (is && !was) entered++;
    if (!is && was) left++;
    was = is;
  }
  return { entered, left };
}

describe('interest hysteresis', () => {
  it('an entity wobbling across the enter edge enters once and stays', () => {
    expect(entries(1.5, 50)).toEqual({ entered: 1, left: 0 });
  });

  it('without the band it flickers (the test can fail)', () => {
    const r = entries(1, 50);
    expect(r.entered).toBe(30);
    expect(r.left).toBe(30);
  });

  it('an entity past the leave edge leaves', () => {
    const m = new InterestMembership(1.5);
    const grid = new SpatialGrid();
    const table = new EntityTable(2);
    const place = (tick: number, x: number): void => {
      table.begin(tick);
      const row = table.push(9, 1);
      table.set(row, 0, x);
      table.set(row, 1, AREA.y);
      grid.build(table, 0, 1, 10_000, 10_000, 500);
      m.update(table, grid, AREA, 0, 1);
    };
    place(1, AREA.x);
    expect(m.count).toBe(1);
    place(2, AREA.x + AREA.halfWidth + AREA.margin * 1.5 - 1);
    expect(m.count).toBe(1);
    place(3, AREA.x + AREA.halfWidth + AREA.margin * 1.5 + 1);
    expect(m.count).toBe(0);
  });
});
