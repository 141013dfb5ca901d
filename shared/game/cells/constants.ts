/**
 * Cells' tunables. Distances in world units (u), speeds in u/s, durations in ms
 * (turned into ticks from the room's tick rate by createCellsWorld). Masses are
 * integers. World coordinates: origin top-left, +x right, +y down.
 *
 * The world is sized for about 100 players (issue 10): 5120 × 5120 u, about
 * 260,000 u² per player, 1600 food pellets. Every rule reads these numbers
 * through the CellsWorld (world.ts), so a bigger world is a bigger CellsWorld.
 */

/** Entity kinds on the wire. */
export const CellsKind = {
  Cell: 1,
  Food: 2,
  Ejected: 3,
} as const;
export type CellsKind = (typeof CellsKind)[keyof typeof CellsKind];

/** Bits of the `buttons` input field. */
export const CellsButton = {
  /** Held: move 1.6× faster, paying mass every 200 ms (ejected behind the cell). */
  Boost: 1,
} as const;

/** Player cells use the player id (1..255, the engine's range); pellets take 256..65535, wrapping. */
export const MAX_PLAYER_ID = 255;
export const FIRST_PELLET_ID = 256;
export const LAST_PELLET_ID = 0xffff;

export const WORLD_SIZE = 5120;
/** Side of a spatial-grid square: the world is 40 × 40 squares. */
export const GRID_CELL_SIZE = 128;

// ---- mass, size and speed (mass.ts)

export const START_MASS = 10;
export const MAX_MASS = 20000;
/** radius = 4 × √mass: 12.6 u at the start mass, 566 u at the largest. */
export const RADIUS_PER_SQRT_MASS = 4;
/** Top speed at START_MASS; it falls with the fourth root of mass (45 u/s at MAX_MASS). */
export const BASE_SPEED = 300;
/** Acceleration = STEER_RATE × the cell's (unboosted) top speed, per second: full speed in 1/8 s. */
export const STEER_RATE = 8;

// ---- boost

export const BOOST_SPEED_FACTOR = 1.6;
/** A cell lighter than this cannot boost. */
export const MIN_BOOST_MASS = 20;
/** A boosting cell ejects mass once per interval (the first at once). */
export const EJECT_INTERVAL_MS = 200;
/** Mass ejected = max(1, floor(mass / EJECT_DIVISOR)): 2 % of the mass. */
export const EJECT_DIVISOR = 50;
/** An ejected pellet nobody ate disappears after this long. */
export const EJECT_LIFETIME_MS = 20_000;
/** Most ejected pellets alive at once; beyond, the boost's mass is lost without a pellet. */
export const MAX_EJECTED = 4096;
/** Gap between an ejecting cell's edge and its new pellet's edge. */
export const EJECT_GAP = 2;

// ---- eating (eating.ts)

/** An eater needs at least 1.25 × its prey's mass (tested in integers: 4 × eater ≥ 5 × prey). */
export const EAT_RATIO_NUMERATOR = 5;
export const EAT_RATIO_DENOMINATOR = 4;
/**
 * How deep the prey must be inside: centre distance < eaterRadius − EAT_COVER × preyRadius,
 * i.e. the prey's centre is inside the eater and at most 60 % of its radius sticks out.
 */
export const EAT_COVER = 0.4;

// ---- food (food.ts)

export const FOOD_TARGET = 1600;
export const FOOD_MASS = 1;
/** Food is spawned at least this far from the world's edges. */
export const FOOD_MARGIN = 16;
/** Food respawn rate while below FOOD_TARGET (whole pellets per tick, at least 1). */
export const FOOD_SPAWN_PER_S = 120;

// ---- decay, death and spawning

/** Once per interval, a living cell loses floor(mass / DECAY_DIVISOR): 0.2 %/s from mass 500 up. */
export const DECAY_INTERVAL_MS = 1000;
export const DECAY_DIVISOR = 500;
export const RESPAWN_DELAY_MS = 2000;
/** Random spawn points tried; the first this far from every living cell's edge wins, else the clearest. */
export const SPAWN_ATTEMPTS = 16;
export const SPAWN_CLEARANCE = 200;
export const SPAWN_MARGIN = 100;

// ---- input

/** targetX/targetY: pointer offset from the cell's centre, whole world units, 12-bit signed. */
export const TARGET_BITS = 12;
export const TARGET_MIN = -(2 ** (TARGET_BITS - 1));
export const TARGET_MAX = 2 ** (TARGET_BITS - 1) - 1;

// ---- view (what the camera shows; where interest management will cut)

/** Half the side of the square of world a camera shows: VIEW_BASE_HALF + VIEW_PER_RADIUS × radius. */
export const VIEW_BASE_HALF = 640;
export const VIEW_PER_RADIUS = 4;

export const DEFAULT_TICK_RATE = 60;

/** Whole ticks in `ms` at `tickRate` (at least 1). */
export function msToTicks(ms: number, tickRate: number): number {
  return Math.max(1, Math.round((ms * tickRate) / 1000));
}
