/**
 * Arena's tunables. Distances in px, speeds in px/s, accelerations in px/s²,
 * durations in ms (turned into ticks from the room's tick rate at createState).
 * World coordinates: origin top-left, +x right, +y down.
 */

export const WORLD_WIDTH = 1600;
export const WORLD_HEIGHT = 1000;

/** Entity kinds on the wire. */
export const ArenaKind = {
  Player: 1,
  Projectile: 2,
} as const;
export type ArenaKind = (typeof ArenaKind)[keyof typeof ArenaKind];

/** Bits of the `buttons` input field. */
export const ArenaButton = {
  Up: 1 << 0,
  Down: 1 << 1,
  Left: 1 << 2,
  Right: 1 << 3,
  Fire: 1 << 4,
} as const;

export const PLAYER_RADIUS = 16;
export const PLAYER_MAX_SPEED = 280;
/** Speed gained per second while a direction is held: full speed in ~0.12 s. */
export const PLAYER_ACCELERATION = 2400;
/** Speed lost per second with no direction held: a full-speed stop takes ~0.14 s. */
export const PLAYER_FRICTION = 2000;
export const PLAYER_MAX_HEALTH = 100;

export const PROJECTILE_RADIUS = 4;
export const PROJECTILE_SPEED = 700;
export const PROJECTILE_LIFETIME_MS = 1000;
export const PROJECTILE_DAMAGE = 20;
/** Minimum time between two shots of one player. */
export const FIRE_COOLDOWN_MS = 250;
export const RESPAWN_DELAY_MS = 2000;

/**
 * Lag compensation cap. A shot is tested against the targets as the shooter saw
 * them (its input's viewTick), but never more than this far in the past: beyond
 * it, a high-ping shooter would hit targets that had long reached cover on their
 * own screens. It covers a shooter at MAX_COMPENSATED_RTT_MS plus what the client
 * adds on top of the round trip (issue 13: 250 ms was used up at 150 ms RTT):
 *
 *   300 ms   round trip
 * + 150 ms   interpolation delay: 2 snapshot intervals at 30 Hz (67 ms) + 2 × up to 40 ms of measured jitter
 * +  50 ms   3 ticks of rounding: inputs sent every 2 ticks, the view tick floored, the tick the input lands in
 * = 500 ms   30 ticks at 60 Hz (MAX_LAG_COMP_TICKS); other tick rates use lagCompCapTicks(tickRate).
 */
export const MAX_COMPENSATED_RTT_MS = 300;
export const LAG_COMP_INTERPOLATION_MS = 150;
export const LAG_COMP_ROUNDING_MS = 50;
export const MAX_LAG_COMP_MS = MAX_COMPENSATED_RTT_MS + LAG_COMP_INTERPOLATION_MS + LAG_COMP_ROUNDING_MS;
export const DEFAULT_TICK_RATE = 60;
export const MAX_LAG_COMP_TICKS = msToTicks(MAX_LAG_COMP_MS, DEFAULT_TICK_RATE);

/** Player entity ids are 1..255; projectiles take 256..65535, wrapping. */
export const MAX_PLAYER_ID = 255;
export const FIRST_PROJECTILE_ID = 256;
export const LAST_PROJECTILE_ID = 0xffff;

/** Obstacle generation (world.ts). */
export const OBSTACLE_COUNT = 12;
export const OBSTACLE_MIN_SIZE = 40;
export const OBSTACLE_MAX_SIZE = 220;
/**
 * Free space kept between two obstacles and between an obstacle and a wall:
 * wider than a player, so obstacles never wall off a pocket of the arena.
 */
export const OBSTACLE_GAP = 3 * PLAYER_RADIUS;
export const SPAWN_POINT_COUNT = 8;
/** Clearance from a spawn point's center to any obstacle. */
export const SPAWN_CLEARANCE = PLAYER_RADIUS + 24;

/** Whole ticks in `ms` at `tickRate` (at least 1). */
export function msToTicks(ms: number, tickRate: number): number {
  return Math.max(1, Math.round((ms * tickRate) / 1000));
}

/** The lag compensation cap in ticks at `tickRate`. */
export function lagCompCapTicks(tickRate: number): number {
  return msToTicks(MAX_LAG_COMP_MS, tickRate);
}
