/**
 * The static arena: bounds, obstacles and spawn points, all derived from the
 * room seed, so the server and every client build the same world from the seed
 * in the welcome message.
 */
import { createRng, nextRandom } from '../../engine/prng';
import {
  DEFAULT_TICK_RATE,
  OBSTACLE_COUNT,
  OBSTACLE_GAP,
  OBSTACLE_MAX_SIZE,
  OBSTACLE_MIN_SIZE,
  SPAWN_CLEARANCE,
  SPAWN_POINT_COUNT,
  WORLD_HEIGHT,
  WORLD_WIDTH,
} from './constants';

/** Axis-aligned rectangle, px: [x, x + w) × [y, y + h). */
export interface Rect {
  readonly x: number;
  readonly y: number;
  readonly w: number;
  readonly h: number;
}

export interface Point {
  readonly x: number;
  readonly y: number;
}

export interface ArenaWorld {
  readonly width: number;
  readonly height: number;
  readonly obstacles: readonly Rect[];
  readonly spawnPoints: readonly Point[];
  /** Simulation ticks per second, and its step in seconds (1 / tickRate). */
  readonly tickRate: number;
  readonly dt: number;
}

const MAX_PLACEMENT_ATTEMPTS = 400;

/**
 * The world for `seed`. Pass the room's tick rate (welcome.tickRate) so the
 * movement step matches the server's.
 *
 * @example
 *   const world = createWorld(welcome.seed, welcome.tickRate);
 *   for (const o of world.obstacles) graphics.rect(o.x, o.y, o.w, o.h);
 */
export function createWorld(seed: number, tickRate = DEFAULT_TICK_RATE): ArenaWorld {
  if (!(tickRate > 0) || !Number.isFinite(tickRate)) throw new RangeError(`createWorld: bad tickRate ${tickRate}`);
  const rng = createRng(seed);
  const obstacles: Rect[] = [];
  for (let attempt = 0; attempt < MAX_PLACEMENT_ATTEMPTS && obstacles.length < OBSTACLE_COUNT; attempt++) {
    const w = randomInt(rng, OBSTACLE_MIN_SIZE, OBSTACLE_MAX_SIZE);
    const h = randomInt(rng, OBSTACLE_MIN_SIZE, OBSTACLE_MAX_SIZE);
    const x = randomInt(rng, OBSTACLE_GAP, WORLD_WIDTH - OBSTACLE_GAP - w);
    const y = randomInt(rng, OBSTACLE_GAP, WORLD_HEIGHT - OBSTACLE_GAP - h);
    const r = { x, y, w, h };
    if (obstacles.every((o) => !rectsWithin(o, r, OBSTACLE_GAP))) obstacles.push(r);
  }

  const spawnPoints: Point[] = [];
  const minSpawnSpacing = 4 * SPAWN_CLEARANCE;
  for (let attempt = 0; attempt < MAX_PLACEMENT_ATTEMPTS && spawnPoints.length < SPAWN_POINT_COUNT; attempt++) {
    const x = randomInt(rng, SPAWN_CLEARANCE, WORLD_WIDTH - SPAWN_CLEARANCE);
    const y = randomInt(rng, SPAWN_CLEARANCE, WORLD_HEIGHT - SPAWN_CLEARANCE);
    if (!spawnIsClear(obstacles, x, y)) continue;
    if (spawnPoints.some((p) => (p.x - x) * (p.x - x) + (p.y - y) * (p.y - y) < minSpawnSpacing * minSpawnSpacing)) {
      continue;
    }
    spawnPoints.push({ x, y });
  }
  // Random placement practically always succeeds; a grid scan guarantees at least one point.
  for (let y = SPAWN_CLEARANCE; spawnPoints.length === 0 && y <= WORLD_HEIGHT - SPAWN_CLEARANCE; y += 8) {
    for (let x = SPAWN_CLEARANCE; x <= WORLD_WIDTH - SPAWN_CLEARANCE; x += 8) {
      if (spawnIsClear(obstacles, x, y)) {
        spawnPoints.push({ x, y });
        break;
      }
    }
  }

  return { width: WORLD_WIDTH, height: WORLD_HEIGHT, obstacles, spawnPoints, tickRate, dt: 1 / tickRate };
}

/** Integer in [min, max]. */
function randomInt(rng: { rng: number }, min: number, max: number): number {
  return min + Math.floor(nextRandom(rng) * (max - min + 1));
}

/** True if the rectangles come closer than `gap` to each other (or overlap). */
function rectsWithin(a: Rect, b: Rect, gap: number): boolean {
  return a.x < b.x + b.w + gap && b.x < a.x + a.w + gap && a.y < b.y + b.h + gap && b.y < a.y + a.h + gap;
}

/** Distance from (px, py) to the nearest point of `r` (0 inside). */
export function distanceToRect(r: Rect, px: number, py: number): number {
  const cx = px < r.x ? r.x : px > r.x + r.w ? r.x + r.w : px;
  const cy = py < r.y ? r.y : py > r.y + r.h ? r.y + r.h : py;
  // sqrt, not Math.hypot: sqrt is correctly rounded in every engine, hypot is not,
  // and clients build this world too.
  return Math.sqrt((px - cx) * (px - cx) + (py - cy) * (py - cy));
}

function spawnIsClear(obstacles: readonly Rect[], x: number, y: number): boolean {
  for (const o of obstacles) if (distanceToRect(o, x, y) < SPAWN_CLEARANCE) return false;
  return true;
}
