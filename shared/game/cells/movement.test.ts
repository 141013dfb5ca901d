import { describe, expect, it } from 'vitest';
import { CellsButton, MAX_MASS, START_MASS, TARGET_MAX } from './constants';
import { ejectMassOf, maxSpeedOfMass, radiusOfMass } from './mass';
import { moveCell, type MovableCell } from './movement';
import { createCellsWorld } from './world';

const world = createCellsWorld(60);
const { Boost } = CellsButton;

function at(x: number, y: number, mass = START_MASS): MovableCell {
  return { x, y, vx: 0, vy: 0, mass, ejectTicks: 0, respawnTicks: 0 };
}
const steer = (targetX: number, targetY: number, buttons = 0) => ({ targetX, targetY, buttons });

describe('mass: size and speed', () => {
  it('radius is 4 × √mass and top speed falls with the fourth root of mass', () => {
    expect(radiusOfMass(100)).toBe(40);
    expect(radiusOfMass(START_MASS)).toBeCloseTo(12.649, 3);
    expect(maxSpeedOfMass(10)).toBe(300);
    expect(maxSpeedOfMass(160)).toBe(150);
    expect(maxSpeedOfMass(2560)).toBe(75);
    expect(maxSpeedOfMass(MAX_MASS)).toBeCloseTo(44.86, 2);
  });

  it('boost costs max(1, floor(mass / 50))', () => {
    expect([20, 49, 50, 99, 100, 1000, MAX_MASS].map(ejectMassOf)).toEqual([1, 1, 1, 1, 2, 20, 400]);
  });
});

describe('moveCell', () => {
  it('accelerates toward the pointer by 8 × top speed per second, then holds the top speed', () => {
    const c = at(1000, 1000);
    const vx: number[] = [];
    for (let t = 0; t < 10; t++) {
      moveCell(c, steer(TARGET_MAX, 0), world);
      vx.push(c.vx);
    }
    expect(vx).toEqual([40, 80, 120, 160, 200, 240, 280, 300, 300, 300]);
    expect(c.vy).toBe(0);
    // Each tick's position is snapped to the 1/8 u grid before the next one.
    let x = 1000;
    for (const v of vx) x = Math.round((x + v / 60) * 8) / 8;
    expect(c.x).toBe(x);
  });

  it('steers in the pointer direction at the same speed whatever the distance beyond the radius', () => {
    const near = at(1000, 1000);
    const far = at(1000, 1000);
    for (let t = 0; t < 30; t++) {
      moveCell(near, steer(30, -40), world);
      moveCell(far, steer(300, -400), world);
    }
    expect(near).toEqual(far);
    expect(near.vx).toBe(180);
    expect(near.vy).toBe(-240);
  });

  it('slows down as it grows: a heavier cell covers less ground in the same time', () => {
    const distances = [10, 100, 1000, 10000].map((mass) => {
      const c = at(500, 2560, mass);
      for (let t = 0; t < 120; t++) moveCell(c, steer(TARGET_MAX, 0), world);
      return c.x - 500;
    });
    for (let i = 1; i < distances.length; i++) expect(distances[i]).toBeLessThan(distances[i - 1]);
    const big = at(500, 2560, 2560);
    for (let t = 0; t < 60; t++) moveCell(big, steer(TARGET_MAX, 0), world);
    expect(big.vx).toBe(75);
  });

  it('scales the speed by distance / radius while the pointer is inside the cell, and stops at offset 0', () => {
    const c = at(1000, 1000, 100); // radius 40, top speed 168.7
    for (let t = 0; t < 60; t++) moveCell(c, steer(20, 0), world);
    expect(c.vx).toBe(Math.round(maxSpeedOfMass(100) / 2));
    for (let t = 0; t < 60; t++) moveCell(c, steer(0, 0), world);
    expect(c.vx).toBe(0);
    const x = c.x;
    moveCell(c, steer(0, 0), world);
    expect(c.x).toBe(x);
  });

  it('keeps the whole cell inside the world and drops the velocity into the wall', () => {
    const c = at(20, 5100, 100);
    for (let t = 0; t < 60; t++) moveCell(c, steer(-1000, 1000), world);
    expect(c.x).toBe(40);
    expect(c.y).toBe(5080);
    expect(c.vx).toBe(0);
    expect(c.vy).toBe(0);
    const small = at(5, 5);
    moveCell(small, steer(-100, -100), world);
    // radius 12.649 → the bound rounds inward to the 1/8 u grid
    expect(small.x).toBe(12.75);
    expect(small.y).toBe(12.75);
  });

  it('reads hostile numbers (NaN, out of range, fractions) as 0, and a dead cell does not move', () => {
    for (const bad of [NaN, Infinity, -Infinity, 2048, -2049, 1.5, 1e9]) {
      const c = at(1000, 1000, 100);
      moveCell(c, steer(bad, bad, NaN), world);
      expect(c).toEqual(at(1000, 1000, 100));
    }
    const dead: MovableCell = { ...at(1000, 1000, 0), respawnTicks: 30 };
    expect(moveCell(dead, steer(100, 0, Boost), world)).toBe(0);
    expect(dead).toEqual({ ...at(1000, 1000, 0), respawnTicks: 30 });
  });
});

describe('boost', () => {
  it('moves 1.6× faster and ejects 2 % of the mass every 200 ms, the first at once', () => {
    const c = at(500, 2560, 1000);
    const ejectedAt: number[] = [];
    for (let t = 1; t <= 60; t++) {
      const m = moveCell(c, steer(TARGET_MAX, 0, Boost), world);
      if (m > 0) ejectedAt.push(t);
    }
    expect(ejectedAt).toEqual([1, 13, 25, 37, 49]);
    expect(c.mass).toBe(1000 - 20 - 19 - 19 - 18 - 18); // floor(mass / 50) of 1000, 980, 961, 942, 924
    expect(c.vx).toBe(Math.round(maxSpeedOfMass(c.mass) * 1.6));
  });

  it('cannot be tapped for free: releasing does not reset the 200 ms countdown', () => {
    const c = at(500, 2560, 100);
    let ejects = 0;
    for (let t = 0; t < 120; t++) ejects += moveCell(c, steer(TARGET_MAX, 0, t % 2 === 0 ? Boost : 0), world) > 0 ? 1 : 0;
    expect(ejects).toBe(10); // 2 s: every 12 ticks, like holding it
  });

  it('is not available below mass 20: no speed, no cost', () => {
    const c = at(500, 2560, 19);
    const plain = at(500, 2560, 19);
    for (let t = 0; t < 60; t++) {
      expect(moveCell(c, steer(TARGET_MAX, 0, Boost), world)).toBe(0);
      moveCell(plain, steer(TARGET_MAX, 0), world);
    }
    expect(c).toEqual(plain);
    const twenty = at(500, 2560, 20);
    expect(moveCell(twenty, steer(TARGET_MAX, 0, Boost), world)).toBe(1);
    expect(twenty.mass).toBe(19);
  });
});
