import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { arena } from './arena';
import { ArenaButton, PLAYER_ACCELERATION, PLAYER_FRICTION, PLAYER_MAX_SPEED, PLAYER_RADIUS } from './constants';
import { movePlayer, type MovableState } from './movement';
import { playerFromSnapshot } from './snapshot';
import { EntityTable } from '../../protocol/entityTable';
import { ARENA_FIELD_COUNT, POSITION_SCALE, VELOCITY_SCALE } from './schema';
import { input, player, stateOn, testWorld, writeSnapshot } from './testKit';
import { createWorld, distanceToRect } from './world';

const { Up, Down, Left, Right } = ArenaButton;
const at = (x: number, y: number, vx = 0, vy = 0): MovableState => ({ x, y, vx, vy });
const speed = (p: MovableState) => Math.hypot(p.vx, p.vy);
const onGrid = (p: MovableState) =>
  Number.isInteger(p.x * POSITION_SCALE) &&
  Number.isInteger(p.y * POSITION_SCALE) &&
  Number.isInteger(p.vx * VELOCITY_SCALE) &&
  Number.isInteger(p.vy * VELOCITY_SCALE);

describe('movePlayer', () => {
  const open = testWorld();

  it('accelerates by acceleration × dt per tick up to the max speed, then holds it', () => {
    const p = at(800, 500);
    const perTick = PLAYER_ACCELERATION / 60;
    movePlayer(p, input(Right), open);
    expect(p.vx).toBe(Math.round(perTick));
    expect(p.vy).toBe(0);
    let prev = p.vx;
    let ticksToMax = 1;
    while (p.vx < PLAYER_MAX_SPEED) {
      movePlayer(p, input(Right), open);
      expect(p.vx).toBeGreaterThan(prev);
      prev = p.vx;
      ticksToMax++;
    }
    expect(ticksToMax).toBe(Math.ceil(PLAYER_MAX_SPEED / perTick));
    const x = p.x;
    for (let i = 0; i < 30; i++) movePlayer(p, input(Right), open);
    expect(p.vx).toBe(PLAYER_MAX_SPEED);
    // Snapping to 1/8 px each tick costs at most 1/16 px per tick.
    expect(Math.abs(p.x - x - (PLAYER_MAX_SPEED * 30) / 60)).toBeLessThanOrEqual(30 / 16);
  });

  it('caps diagonal speed at the max speed (not √2 × max)', () => {
    const p = at(300, 300);
    for (let i = 0; i < 60; i++) {
      movePlayer(p, input(Right | Down), open);
      expect(speed(p)).toBeLessThanOrEqual(PLAYER_MAX_SPEED + 0.5);
    }
    expect(p.vx).toBe(p.vy);
    // Snapped to the 4 px/s velocity grid: 196 px/s per axis.
    expect(speed(p)).toBeGreaterThan(PLAYER_MAX_SPEED - 1 / VELOCITY_SCALE);
  });

  it('ignores opposite buttons held together', () => {
    const p = at(800, 500);
    movePlayer(p, input(Left | Right | Up | Down), open);
    expect(p).toEqual(at(800, 500));
  });

  it('treats non-button bits and garbage numbers as nothing held', () => {
    const p = at(800, 500);
    movePlayer(p, { buttons: NaN }, open);
    movePlayer(p, input(0xe0), open);
    expect(p).toEqual(at(800, 500));
  });

  it('stops under friction when nothing is held, and stays put', () => {
    const p = at(800, 500, PLAYER_MAX_SPEED, 0);
    const ticks = Math.ceil(PLAYER_MAX_SPEED / (PLAYER_FRICTION / 60));
    for (let i = 0; i < ticks; i++) movePlayer(p, input(0), open);
    expect(p.vx).toBe(0);
    expect(p.vy).toBe(0);
    const x = p.x;
    for (let i = 0; i < 10; i++) movePlayer(p, input(0), open);
    expect(p.x).toBe(x);
  });

  it('stops at the walls', () => {
    const p = at(100, 100);
    for (let i = 0; i < 120; i++) movePlayer(p, input(Left | Up), open);
    expect(p).toEqual(at(PLAYER_RADIUS, PLAYER_RADIUS));
    for (let i = 0; i < 600; i++) movePlayer(p, input(Right | Down), open);
    expect(p.x).toBe(open.width - PLAYER_RADIUS);
    expect(p.y).toBe(open.height - PLAYER_RADIUS);
  });

  it('does not pass through an obstacle and slides along its face', () => {
    const box = { x: 900, y: 400, w: 40, h: 200 };
    const world = testWorld([box]);
    const p = at(800, 500);
    for (let i = 0; i < 120; i++) {
      movePlayer(p, input(Right), world);
      expect(p.x).toBeLessThanOrEqual(box.x - PLAYER_RADIUS);
    }
    expect(p.x).toBe(box.x - PLAYER_RADIUS);
    expect(p.vx).toBe(0);
    // Holding Right+Down: x stays against the face while y keeps moving.
    const y = p.y;
    for (let i = 0; i < 20; i++) movePlayer(p, input(Right | Down), world);
    expect(p.x).toBe(box.x - PLAYER_RADIUS);
    expect(p.y).toBeGreaterThan(y + 50);
  });

  it('slides around a corner instead of sticking to it', () => {
    const box = { x: 900, y: 400, w: 100, h: 100 };
    const world = testWorld([box]);
    // Aimed at the top-left corner, slightly above it: the circle glides over the top.
    const p = at(850, 395);
    for (let i = 0; i < 120; i++) {
      movePlayer(p, input(Right), world);
      expect(distanceToRect(box, p.x, p.y)).toBeGreaterThan(PLAYER_RADIUS - 0.1);
    }
    expect(p.x).toBeGreaterThan(box.x + box.w);
  });

  it('never ends inside an obstacle or a wall and always stays on the wire grid (random inputs, seeded worlds)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 0xffffffff }),
        fc.array(fc.tuple(fc.integer({ min: 0, max: 15 }), fc.integer({ min: 1, max: 40 })), { maxLength: 40 }),
        (seed, script) => {
          const world = createWorld(seed);
          const spawn = world.spawnPoints[0];
          const p = at(spawn.x, spawn.y);
          for (const [buttons, ticks] of script) {
            for (let t = 0; t < ticks; t++) {
              movePlayer(p, input(buttons), world);
              if (!onGrid(p)) return false;
              if (p.x < PLAYER_RADIUS || p.x > world.width - PLAYER_RADIUS) return false;
              if (p.y < PLAYER_RADIUS || p.y > world.height - PLAYER_RADIUS) return false;
              for (const o of world.obstacles) if (distanceToRect(o, p.x, p.y) < PLAYER_RADIUS - 0.1) return false;
            }
          }
          return true;
        },
      ),
      { numRuns: 150, seed: 42 },
    );
  });
});

describe('client prediction', () => {
  it.each([20, 30, 60, 120])('replaying inputs from a snapshot row reproduces the server exactly (%i Hz)', (tickRate) => {
    const seed = 777;
    const state = arena.createState(seed, { tickRate });
    arena.addPlayer(state, 7);
    const world = createWorld(seed, tickRate);
    const script: number[] = [];
    let r = 1;
    for (let t = 0; t < 600; t++) {
      if (t % 13 === 0) r = (r * 1103515245 + 12345) >>> 0;
      script.push((r >>> 8) & (Up | Down | Left | Right));
    }
    const table = new EntityTable(ARENA_FIELD_COUNT);
    for (let ackAt = 0; ackAt < 600; ackAt += 50) {
      // The server runs to ackAt, the client receives that snapshot, then predicts 10–40 ticks ahead.
      while (state.tick < ackAt) arena.step(state, new Map([[7, input(script[state.tick])]]));
      writeSnapshot(state, table);
      const predicted = playerFromSnapshot(table.values, table.indexOf(7) * ARENA_FIELD_COUNT);
      const ahead = 10 + (ackAt % 31);
      for (let t = ackAt; t < ackAt + ahead; t++) movePlayer(predicted, input(script[t]), world);
      while (state.tick < ackAt + ahead) arena.step(state, new Map([[7, input(script[state.tick])]]));
      const server = player(state, 7);
      expect({ x: predicted.x, y: predicted.y, vx: predicted.vx, vy: predicted.vy }).toEqual({
        x: server.x,
        y: server.y,
        vx: server.vx,
        vy: server.vy,
      });
    }
  });

  it('works the same on a hand-built state (sanity of the test kit)', () => {
    const s = stateOn(testWorld());
    arena.addPlayer(s, 1);
    arena.step(s, new Map([[1, input(Right)]]));
    expect(player(s, 1).vx).toBe(40);
  });
});
