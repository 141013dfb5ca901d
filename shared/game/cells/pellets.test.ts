import { describe, expect, it } from 'vitest';
import { cells } from './cells';
import { CellsButton, CellsKind, FOOD_MARGIN, FOOD_TARGET, LAST_PELLET_ID, FIRST_PELLET_ID, WORLD_SIZE } from './constants';
import { radiusOfMass } from './mass';
import { PelletIds } from './pelletIds';
import type { CellsState } from './state';
import { cell, emptyState, input, placeCell, run, stateWith } from './testKit';

function foodPositions(s: CellsState): number[] {
  const out: number[] = [];
  for (let slot = 0; slot < s.pellets.capacity; slot++) {
    if (s.pellets.kind[slot] === CellsKind.Food) out.push(s.pellets.id[slot], s.pellets.x[slot], s.pellets.y[slot]);
  }
  return out;
}

describe('food', () => {
  it('fills the world from the seed: 1600 pellets inside the margins, on the 1/8 u grid', () => {
    const a = cells.createState(5, { tickRate: 60 });
    expect(a.pellets.foodCount).toBe(FOOD_TARGET);
    const p = foodPositions(a);
    for (let i = 0; i < p.length; i += 3) {
      for (const v of [p[i + 1], p[i + 2]]) {
        expect(v).toBeGreaterThanOrEqual(FOOD_MARGIN);
        expect(v).toBeLessThan(WORLD_SIZE - FOOD_MARGIN);
        expect(v * 8).toBe(Math.round(v * 8));
      }
    }
    expect(foodPositions(cells.createState(5, { tickRate: 60 }))).toEqual(p);
    expect(foodPositions(cells.createState(6, { tickRate: 60 }))).not.toEqual(p);
  });

  it('grows back at 120 pellets/s (2 per tick at 60 Hz, 6 at 20 Hz) up to the target, with fresh ids', () => {
    for (const [tickRate, perTick] of [[60, 2], [20, 6]]) {
      const s = cells.createState(1, { tickRate });
      const eaten: number[] = [];
      for (let slot = 0; slot < 100; slot++) {
        eaten.push(s.pellets.remove(slot));
        s.pelletIds.release(eaten.at(-1)!);
      }
      run(s, 1);
      expect(s.pellets.foodCount).toBe(FOOD_TARGET - 100 + perTick);
      run(s, 100);
      expect(s.pellets.foodCount).toBe(FOOD_TARGET);
      const ids = foodPositions(s).filter((_, i) => i % 3 === 0);
      for (const id of eaten) expect(ids).not.toContain(id);
    }
  });
});

describe('ejected mass', () => {
  it('lands behind the boosting cell, carries its owner and mass, and is gone after 20 s', () => {
    const s = emptyState();
    placeCell(s, 3, 2000, 2000, 1000);
    const boostRight = new Map([[3, input(1000, 0, CellsButton.Boost)]]);
    run(s, 30, boostRight);
    // ejected at ticks 1, 13, 25: three pellets, each left of where the cell was
    expect(s.pellets.ejectedCount).toBe(3);
    const c = cell(s, 3);
    const slots = [0, 1, 2];
    expect(slots.map((i) => s.pellets.mass[i])).toEqual([20, 19, 19]);
    expect(slots.map((i) => s.pellets.owner[i])).toEqual([3, 3, 3]);
    for (const i of slots) expect(s.pellets.x[i]).toBeLessThan(c.x - radiusOfMass(c.mass));
    expect(s.pellets.y[2]).toBe(2000);
    run(s, 1200 - 30, new Map());
    expect(s.pellets.ejectedCount).toBe(3);
    run(s, 1); // tick 1201: the first (born at tick 1) is 1200 ticks old
    expect(s.pellets.ejectedCount).toBe(2);
    run(s, 24);
    expect(s.pellets.ejectedCount).toBe(0);
    expect(s.pelletIds.isLive(FIRST_PELLET_ID)).toBe(false);
  });

  it('a boost standing still ejects opposite the pointer, and below the cell (+y) with no pointer', () => {
    const s = emptyState();
    placeCell(s, 1, 2000, 2000, 1000);
    run(s, 1, new Map([[1, input(0, 0, CellsButton.Boost)]]));
    expect(s.pellets.x[0]).toBe(2000);
    expect(s.pellets.y[0]).toBe(2000 + Math.round((radiusOfMass(980) + radiusOfMass(20) + 2) * 8) / 8);
    // steering up into the top wall: the wall stops it, so the pellet goes opposite the pointer (down)
    placeCell(s, 2, 3000, Math.ceil(radiusOfMass(980) * 8) / 8, 1000); // touching the top wall
    run(s, 1, new Map([[2, input(-1, -500, CellsButton.Boost)]]));
    expect(cell(s, 2).vy).toBe(0);
    expect(s.pellets.y[1]).toBeGreaterThan(cell(s, 2).y + radiusOfMass(980));
    expect(s.pellets.x[1]).toBeGreaterThan(3000);
  });

  it('beyond maxEjected pellets the boost still costs its mass, without a pellet', () => {
    const s = stateWith({ foodTarget: 0, maxEjected: 2 });
    placeCell(s, 1, 2000, 2000, 1000);
    run(s, 30, new Map([[1, input(1000, 0, CellsButton.Boost)]]));
    expect(s.pellets.ejectedCount).toBe(2);
    expect(cell(s, 1).mass).toBe(1000 - 20 - 19 - 19);
  });
});

describe('pellet ids', () => {
  it('wrap from 65535 to 256 and skip live ids', () => {
    const ids = new PelletIds();
    expect(ids.allocate()).toBe(FIRST_PELLET_ID);
    ids.next = LAST_PELLET_ID;
    expect(ids.allocate()).toBe(LAST_PELLET_ID);
    expect(ids.allocate()).toBe(FIRST_PELLET_ID + 1); // 256 is live
    ids.release(FIRST_PELLET_ID);
    ids.next = FIRST_PELLET_ID;
    expect(ids.allocate()).toBe(FIRST_PELLET_ID);
  });

  it('returns 0 when every id is live', () => {
    const ids = new PelletIds();
    for (let i = FIRST_PELLET_ID; i <= LAST_PELLET_ID; i++) expect(ids.allocate()).toBe(i);
    expect(ids.allocate()).toBe(0);
  });
});
