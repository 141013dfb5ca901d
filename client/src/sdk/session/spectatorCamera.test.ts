import { describe, expect, it } from 'vitest';
import { FREE_CAMERA_UNITS_PER_SEC, Pan, SpectatorCamera } from './spectatorCamera';

const players = [
  { id: 3, x: 300, y: 30 },
  { id: 1, x: 100, y: 10 },
  { id: 7, x: 700, y: 70 },
];

describe('SpectatorCamera', () => {
  it('follows the lowest id first, then cycles in id order and wraps', () => {
    const cam = new SpectatorCamera();
    cam.update(players, 0);
    expect([cam.followId, cam.x, cam.y]).toEqual([1, 100, 10]);
    const ids = [1, 3, 7];
    cam.next(ids);
    cam.update(players, 16);
    expect([cam.followId, cam.x]).toEqual([3, 300]);
    cam.next(ids);
    cam.next(ids);
    expect(cam.followId).toBe(1);
  });

  it('held keys free the camera and move it at FREE_CAMERA_UNITS_PER_SEC from where it was', () => {
    const cam = new SpectatorCamera();
    cam.update(players, 0);
    cam.setHeld(Pan.Right | Pan.Down);
    cam.update(players, 0);
    cam.update(players, 200);
    expect(cam.isFree).toBe(true);
    expect(cam.x).toBeCloseTo(100 + FREE_CAMERA_UNITS_PER_SEC / 5);
    expect(cam.y).toBeCloseTo(10 + FREE_CAMERA_UNITS_PER_SEC / 5);
    cam.setHeld(0);
    cam.update(players, 400);
    expect(cam.x).toBeCloseTo(100 + FREE_CAMERA_UNITS_PER_SEC / 5);
  });

  it('a drag frees the camera and moves it against the drag; a stall moves it at most 250 ms worth', () => {
    const cam = new SpectatorCamera();
    cam.update(players, 0);
    cam.drag(40, -20);
    expect([cam.isFree, cam.x, cam.y]).toEqual([true, 60, 30]);
    cam.setHeld(Pan.Left);
    cam.update(players, 0);
    cam.update(players, 10_000);
    expect(cam.x).toBeCloseTo(60 - FREE_CAMERA_UNITS_PER_SEC * 0.25);
  });

  it('when the followed player leaves, follows the next one; with nobody left, floats free', () => {
    const cam = new SpectatorCamera();
    cam.update(players, 0);
    cam.update(players.filter((p) => p.id !== 1), 16);
    expect(cam.followId).toBe(3);
    cam.update([], 32);
    expect(cam.isFree).toBe(true);
  });

  it('never reports a camera outside the Ack bounds', () => {
    const cam = new SpectatorCamera();
    cam.drag(-5e6, 5e6);
    expect([cam.x, cam.y]).toEqual([1e6, -1e6]);
  });
});
