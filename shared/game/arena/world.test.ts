import { describe, expect, it } from 'vitest';
import { OBSTACLE_GAP, PLAYER_RADIUS, SPAWN_CLEARANCE, WORLD_HEIGHT, WORLD_WIDTH } from './constants';
import { createWorld, distanceToRect } from './world';

describe('createWorld', () => {
  it('builds the same obstacles and spawn points from the same seed', () => {
    expect(createWorld(1234)).toEqual(createWorld(1234));
  });

  it('builds different obstacles from different seeds', () => {
    const a = createWorld(1).obstacles;
    expect(createWorld(2).obstacles).not.toEqual(a);
    expect(createWorld(0xffffffff).obstacles).not.toEqual(a);
  });

  it('keeps obstacles inside the walls and apart, and spawn points clear, for many seeds', () => {
    for (let seed = 0; seed < 300; seed++) {
      const w = createWorld(seed * 7919);
      expect(w.obstacles.length).toBeGreaterThan(4);
      expect(w.spawnPoints.length).toBeGreaterThan(1);
      for (const o of w.obstacles) {
        expect(o.x).toBeGreaterThanOrEqual(OBSTACLE_GAP);
        expect(o.y).toBeGreaterThanOrEqual(OBSTACLE_GAP);
        expect(o.x + o.w).toBeLessThanOrEqual(WORLD_WIDTH - OBSTACLE_GAP);
        expect(o.y + o.h).toBeLessThanOrEqual(WORLD_HEIGHT - OBSTACLE_GAP);
        for (const other of w.obstacles) {
          if (other === o) continue;
          const apartX = o.x + o.w + OBSTACLE_GAP <= other.x || other.x + other.w + OBSTACLE_GAP <= o.x;
          const apartY = o.y + o.h + OBSTACLE_GAP <= other.y || other.y + other.h + OBSTACLE_GAP <= o.y;
          expect(apartX || apartY).toBe(true);
        }
      }
      for (const s of w.spawnPoints) {
        expect(s.x).toBeGreaterThanOrEqual(PLAYER_RADIUS);
        expect(s.y).toBeGreaterThanOrEqual(PLAYER_RADIUS);
        expect(s.x).toBeLessThanOrEqual(WORLD_WIDTH - PLAYER_RADIUS);
        expect(s.y).toBeLessThanOrEqual(WORLD_HEIGHT - PLAYER_RADIUS);
        for (const o of w.obstacles) expect(distanceToRect(o, s.x, s.y)).toBeGreaterThanOrEqual(SPAWN_CLEARANCE);
      }
    }
  });

  it('takes the tick rate for the movement step', () => {
    const w = createWorld(5, 20);
    expect(w.tickRate).toBe(20);
    expect(w.dt).toBe(1 / 20);
    expect(() => createWorld(5, 0)).toThrow(RangeError);
  });
});
