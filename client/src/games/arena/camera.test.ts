import { describe, expect, it } from 'vitest';
import { PLAYER_RADIUS, WORLD_HEIGHT, WORLD_WIDTH } from '../../../../shared/game/arena/constants';
import { Camera, EDGE_MARGIN_CSS_PX, zoomFor } from './camera';

const playerPx = (w: number, h: number) => 2 * PLAYER_RADIUS * zoomFor(w, h);

describe('arena camera', () => {
  it('draws players at least 20 px tall on a 390×844 phone, either way up, and 1:1 on a desktop', () => {
    expect(playerPx(390, 844)).toBeGreaterThanOrEqual(20);
    expect(playerPx(844, 390)).toBeGreaterThanOrEqual(20);
    expect(playerPx(320, 568)).toBeGreaterThanOrEqual(20);
    expect(playerPx(320, 320)).toBeGreaterThanOrEqual(20);
    expect(zoomFor(1280, 800)).toBe(1);
    expect(zoomFor(1920, 1080)).toBe(1);
  });

  it('centres our player away from the walls, and stops at the walls', () => {
    const cam = new Camera();
    cam.update(800, 500, WORLD_WIDTH, WORLD_HEIGHT, 390, 844, 0);
    expect(cam.worldToScreenX(800)).toBeCloseTo(195);
    expect(cam.worldToScreenY(500)).toBeCloseTo(422);
    // At a wall, on the phone: our player stays clear of the HUD bands (top 150 px, bottom 230 px).
    for (const [x, y] of [[PLAYER_RADIUS, PLAYER_RADIUS], [WORLD_WIDTH - PLAYER_RADIUS, WORLD_HEIGHT - PLAYER_RADIUS]]) {
      const wall = new Camera();
      wall.update(x, y, WORLD_WIDTH, WORLD_HEIGHT, 390, 844, 0);
      expect(wall.worldToScreenY(y)).toBeGreaterThan(150);
      expect(wall.worldToScreenY(y)).toBeLessThan(844 - 230);
    }
    // On a desktop at a corner, no more than the margin of outside shows.
    const corner = new Camera();
    corner.update(0, 0, WORLD_WIDTH, WORLD_HEIGHT, 1280, 800, 0);
    expect(corner.worldToScreenX(0)).toBeCloseTo(EDGE_MARGIN_CSS_PX);
    expect(corner.worldToScreenY(0)).toBeCloseTo(EDGE_MARGIN_CSS_PX);
    // A screen larger than the arena: the arena is centred.
    const big = new Camera();
    big.update(20, 20, WORLD_WIDTH, WORLD_HEIGHT, 2560, 1600, 0);
    expect(big.worldToScreenX(WORLD_WIDTH / 2)).toBeCloseTo(1280);
    expect(big.worldToScreenY(WORLD_HEIGHT / 2)).toBeCloseTo(800);
  });

  it('round-trips screen and world coordinates', () => {
    const cam = new Camera();
    cam.update(640, 300, WORLD_WIDTH, WORLD_HEIGHT, 390, 844, 0);
    expect(cam.screenToWorldX(cam.worldToScreenX(123.5))).toBeCloseTo(123.5);
    expect(cam.screenToWorldY(cam.worldToScreenY(456.25))).toBeCloseTo(456.25);
  });

  it('follows a moving player along the same path at 20, 30 and 60 fps', () => {
    const at = (fps: number) => {
      const cam = new Camera();
      const frameMs = 1000 / fps;
      let t = 0;
      cam.update(400, 500, WORLD_WIDTH, WORLD_HEIGHT, 1280, 800, t);
      // The player runs right at 280 px/s for 600 ms, then stops; sampled at the same instants.
      const samples: number[] = [];
      for (let i = 1; t < 900; i++) {
        t = i * frameMs;
        cam.update(400 + 280 * Math.min(t, 600) / 1000, 500, WORLD_WIDTH, WORLD_HEIGHT, 1280, 800, t);
        if (Math.abs(t % 300) < 1e-6 || Math.abs((t % 300) - 300) < 1e-6) samples.push(cam.x);
      }
      return samples;
    };
    const s60 = at(60);
    const s30 = at(30);
    const s20 = at(20);
    expect(s20.length).toBe(3);
    for (let i = 0; i < s20.length; i++) {
      // Sampled-target easing differs slightly by step size; a few px at most while moving, none at rest.
      expect(Math.abs(s20[i] - s60[i])).toBeLessThan(6);
      expect(Math.abs(s30[i] - s60[i])).toBeLessThan(3);
    }
    expect(s20[2]).toBeCloseTo(568, 0);
    expect(s60[2]).toBeCloseTo(568, 0);
  });
});
