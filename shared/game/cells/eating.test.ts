import { describe, expect, it } from 'vitest';
import { cells } from './cells';
import type { CellsEvent } from './events';
import { CellsKind, MAX_MASS, START_MASS } from './constants';
import { radiusOfMass } from './mass';
import type { CellsState } from './state';
import { addPellet, cell, emptyState, placeCell, run } from './testKit';

function drain(state: CellsState): CellsEvent[] {
  const out: CellsEvent[] = [];
  cells.drainEvents(state, out);
  return out;
}

describe('cells eat cells', () => {
  it('eats a cell of at most 1/1.25 its mass once the centre distance < eaterRadius − 0.4 × preyRadius', () => {
    const s = emptyState();
    // radius 44.72 vs 40: reach = 44.72 − 16 = 28.72
    placeCell(s, 1, 1000, 1000, 125);
    placeCell(s, 2, 1029, 1000, 100);
    run(s, 1);
    expect(cell(s, 2).mass).toBe(100);
    placeCell(s, 2, 1028, 1000, 100);
    run(s, 1);
    expect(cell(s, 1).mass).toBe(225);
    expect(cell(s, 1).score).toBe(225);
    expect(cell(s, 2)).toMatchObject({ mass: 0, respawnTicks: 120, vx: 0, vy: 0 });
    expect(drain(s)).toEqual([{ type: 'eaten', id: 2, by: 1, mass: 100 }]);
  });

  it('needs ≥ 1.25 × the mass: 124 does not eat 100 even centred on it, and equals never eat each other', () => {
    const s = emptyState();
    placeCell(s, 1, 1000, 1000, 124);
    placeCell(s, 2, 1000, 1000, 100);
    placeCell(s, 3, 2000, 2000, 300);
    placeCell(s, 4, 2000, 2000, 300);
    run(s, 5);
    expect([1, 2, 3, 4].map((id) => cell(s, id).mass)).toEqual([124, 100, 300, 300]);
    expect(drain(s)).toEqual([]);
  });

  it('the heaviest eats first, and a cell eaten this tick eats nothing (not id order)', () => {
    const s = emptyState();
    placeCell(s, 2, 1000, 1000, 1000); // A: radius 126.5
    placeCell(s, 1, 1090, 1000, 400); // B: in A's reach (90 < 94.5)
    placeCell(s, 3, 1150, 1000, 100); // C: in B's reach (60 < 64), not in A's (150 > 110.5)
    run(s, 1);
    expect(cell(s, 2).mass).toBe(1400);
    expect(cell(s, 1).respawnTicks).toBeGreaterThan(0);
    expect(cell(s, 3).mass).toBe(100);
    expect(drain(s)).toEqual([{ type: 'eaten', id: 1, by: 2, mass: 400 }]);
  });

  it('an eater eats every qualifying prey in its turn, judged by its mass at the start of the turn', () => {
    const s = emptyState();
    placeCell(s, 1, 1000, 1000, 250); // radius 63.2; 250 ≥ 1.25 × 200 but not ≥ 1.25 × (200 + 200) later
    placeCell(s, 2, 1010, 1000, 200);
    placeCell(s, 3, 990, 1000, 200);
    run(s, 1);
    expect(cell(s, 1).mass).toBe(650);
    expect(drain(s).map((e) => e.id).sort()).toEqual([2, 3]);
  });

  it('caps the mass at MAX_MASS (the score too) and keeps a grown cell inside the world', () => {
    const s = emptyState();
    placeCell(s, 1, 2560, 2560, MAX_MASS - 100);
    placeCell(s, 2, 2560, 2560, 1000);
    run(s, 1);
    expect(cell(s, 1).mass).toBe(MAX_MASS);
    expect(cell(s, 1).score).toBe(MAX_MASS);

    const w = emptyState();
    placeCell(w, 1, 40, 40, 100); // radius 40, touching two walls
    addPellet(w, CellsKind.Ejected, 45, 45, 80);
    run(w, 1);
    expect(cell(w, 1).mass).toBe(180);
    const edge = Math.ceil(radiusOfMass(180) * 8) / 8; // 53.75: the radius rounded inward to the 1/8 u grid
    expect(cell(w, 1).x).toBe(edge);
    expect(cell(w, 1).y).toBe(edge);
  });
});

describe('death and respawn', () => {
  it('an eaten cell respawns after 2 s at the start mass, elsewhere, keeping its best score', () => {
    const s = emptyState();
    placeCell(s, 1, 1000, 1000, 1000);
    placeCell(s, 2, 1000, 1000, 300);
    run(s, 1);
    drain(s);
    expect(cell(s, 2).score).toBe(300);
    run(s, 119);
    expect(cell(s, 2)).toMatchObject({ mass: 0, respawnTicks: 1 });
    expect(drain(s)).toEqual([]);
    run(s, 1);
    const back = cell(s, 2);
    expect(back).toMatchObject({ mass: START_MASS, respawnTicks: 0, vx: 0, vy: 0, score: 300 });
    expect(Math.hypot(back.x - 1000, back.y - 1000)).toBeGreaterThan(radiusOfMass(1300) + 200);
    expect(drain(s)).toEqual([{ type: 'respawned', id: 2 }]);
  });

  it('an eaten cell is not drawn into eating, moving or being eaten', () => {
    const s = emptyState();
    placeCell(s, 1, 1000, 1000, 1000);
    placeCell(s, 2, 1000, 1000, 300);
    run(s, 1);
    const dead = { ...cell(s, 2) };
    placeCell(s, 3, 1000, 1000, 2000);
    cell(s, 2).mass = 0;
    run(s, 1, new Map([[2, { targetX: 500, targetY: 0, buttons: 1, viewTick: 0 }]]));
    expect(cell(s, 2)).toMatchObject({ x: dead.x, y: dead.y, mass: 0, respawnTicks: dead.respawnTicks - 1 });
  });
});

describe('cells eat pellets', () => {
  it('eats food (mass 1, radius 4) whose centre is closer than radius − 1.6', () => {
    const s = emptyState();
    placeCell(s, 1, 1000, 1000, 10); // radius 12.649: reach 11.049
    const far = addPellet(s, CellsKind.Food, 1011.125, 1000);
    const near = addPellet(s, CellsKind.Food, 1000, 1011);
    run(s, 1);
    expect(cell(s, 1).mass).toBe(11);
    expect(cell(s, 1).score).toBe(11);
    expect(s.pelletIds.isLive(near)).toBe(false);
    expect(s.pelletIds.isLive(far)).toBe(true);
    expect(s.pellets.foodCount).toBe(1);
    expect(drain(s)).toEqual([]); // food is not an event
  });

  it('ejected mass follows the same rule: 1.25 × its mass and covered', () => {
    const s = emptyState();
    placeCell(s, 1, 1000, 1000, 112);
    addPellet(s, CellsKind.Ejected, 1000, 1000, 90, 5);
    run(s, 1);
    expect(cell(s, 1).mass).toBe(112);
    cell(s, 1).mass = 113;
    run(s, 1);
    expect(cell(s, 1).mass).toBe(203);
    expect(s.pellets.ejectedCount).toBe(0);
  });

  it('a pellet under two cells goes to the heavier one', () => {
    const s = emptyState();
    placeCell(s, 1, 1000, 1000, 100);
    placeCell(s, 2, 1010, 1000, 120);
    addPellet(s, CellsKind.Food, 1005, 1000);
    run(s, 1);
    expect([cell(s, 1).mass, cell(s, 2).mass]).toEqual([100, 121]);
  });

  it('a cell as big as the world sees pellets in every grid square under it', () => {
    const s = emptyState();
    placeCell(s, 1, 2560, 2560, MAX_MASS - 1000); // radius 551: about 9 × 9 grid squares
    const ids = [addPellet(s, CellsKind.Food, 2560 - 380, 2560 + 380), addPellet(s, CellsKind.Food, 2560 + 500, 2560)];
    run(s, 1);
    expect(ids.map((id) => s.pelletIds.isLive(id))).toEqual([false, false]);
    expect(cell(s, 1).mass).toBe(MAX_MASS - 998);
  });
});

describe('decay', () => {
  it('once a second a living cell loses floor(mass / 500): nothing below 500', () => {
    const s = emptyState();
    placeCell(s, 1, 1000, 1000, 1000);
    placeCell(s, 2, 3000, 3000, 499);
    run(s, 59);
    expect(cell(s, 1).mass).toBe(1000);
    run(s, 1);
    expect(cell(s, 1).mass).toBe(998);
    run(s, 60);
    expect(cell(s, 1).mass).toBe(997);
    expect(cell(s, 1).score).toBe(1000);
    expect(cell(s, 2).mass).toBe(499);
  });
});
