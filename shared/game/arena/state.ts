/**
 * The arena's whole mutable state. Everything step() needs lives here, the
 * PRNG included, so two states built from the same seed and fed the same
 * inputs stay identical. Collections are preallocated or pooled: step() does
 * not allocate in steady play.
 */
import type { GameOptions } from '../../engine/gameDefinition';
import { HitboxHistory } from '../../engine/hitboxHistory';
import type { ArenaEvent } from './schema';
import {
  FIRE_COOLDOWN_MS,
  FIRST_PROJECTILE_ID,
  lagCompCapTicks,
  MAX_PLAYER_ID,
  msToTicks,
  PROJECTILE_LIFETIME_MS,
  RESPAWN_DELAY_MS,
} from './constants';
import type { MovableState } from './movement';
import { createWorld, type ArenaWorld } from './world';

export interface ArenaPlayer extends MovableState {
  readonly id: number;
  /** 1/1024 turn (see aim.ts). */
  aim: number;
  health: number;
  /** 0 = alive; n > 0 = dead, respawns in n ticks. */
  respawnTicks: number;
  /**
   * Tick of the last death (0: none since joining). A fire input whose view
   * tick is before it was sent before the client could see the death: it may
   * still fire (trades.ts).
   */
  diedAtTick: number;
  /**
   * Where its client still draws it while dead: the state at its death, moved
   * on by each frame it sends (trades.ts). Its client, not knowing of the death
   * yet, predicted itself walking on and fired from there.
   */
  readonly ghost: MovableState;
  /** Ticks until the next shot is allowed. */
  cooldownTicks: number;
  score: number;
  kills: number;
  deaths: number;
}

/**
 * A projectile flies in a straight line from (x0, y0) at bornTick; its position
 * at tick t is x0 + vx × (t − bornTick) / tickRate (projectileAt), the same
 * formula clients use to extrapolate it from its single snapshot row.
 */
export interface ArenaProjectile {
  id: number;
  owner: number;
  /** px, on the 1/8 px grid. */
  x0: number;
  y0: number;
  /** px/s, on the VELOCITY_SCALE grid. */
  vx: number;
  vy: number;
  bornTick: number;
  /** How far in the past the shooter saw the targets (lag compensation), ticks. */
  lagTicks: number;
  /**
   * Age (ticks) at which it is gone: its lifetime ended, or its path entered an
   * obstacle or left the world. The world is static, so this is found once, when fired.
   */
  endAge: number;
  /** Current position, px. */
  x: number;
  y: number;
}

export interface ArenaState {
  tick: number;
  /** mulberry32 state (shared/engine/prng.ts). */
  rng: number;
  readonly world: ArenaWorld;
  readonly tickRate: number;
  readonly fireCooldownTicks: number;
  readonly respawnDelayTicks: number;
  readonly projectileLifetimeTicks: number;
  readonly maxLagTicks: number;
  /** Present players, ascending id. */
  readonly players: ArenaPlayer[];
  /** players indexed by id (1..255). */
  readonly playerById: (ArenaPlayer | undefined)[];
  /** Live projectiles, ascending id. */
  readonly projectiles: ArenaProjectile[];
  /** Retired projectile objects, reused by the next shots. */
  readonly projectilePool: ArenaProjectile[];
  /** Bit set of live projectile ids (65536 bits). */
  readonly liveProjectileIds: Uint32Array;
  /** The id the next projectile tries first. */
  nextProjectileId: number;
  readonly history: HitboxHistory;
  readonly events: ArenaEvent[];
}

/** Seed of the in-state PRNG: a different stream from the world generator's. */
const STATE_RNG_SALT = 0x9e3779b9;

export function createArenaState(seed: number, options: GameOptions): ArenaState {
  const tickRate = options.tickRate;
  if (!Number.isFinite(tickRate) || tickRate <= 0) {
    throw new RangeError(`arena.createState: tickRate must be > 0, got ${tickRate}`);
  }
  const maxLagTicks = lagCompCapTicks(tickRate);
  return {
    tick: 0,
    rng: (seed ^ STATE_RNG_SALT) >>> 0,
    world: createWorld(seed, tickRate),
    tickRate,
    fireCooldownTicks: msToTicks(FIRE_COOLDOWN_MS, tickRate),
    respawnDelayTicks: msToTicks(RESPAWN_DELAY_MS, tickRate),
    projectileLifetimeTicks: msToTicks(PROJECTILE_LIFETIME_MS, tickRate),
    maxLagTicks,
    players: [],
    playerById: new Array<ArenaPlayer | undefined>(MAX_PLAYER_ID + 1).fill(undefined),
    projectiles: [],
    projectilePool: [],
    liveProjectileIds: new Uint32Array(65536 / 32),
    nextProjectileId: FIRST_PROJECTILE_ID,
    // About one second of positions, and always enough for the lag cap.
    history: new HitboxHistory(Math.max(Math.ceil(tickRate), maxLagTicks + 1), 16),
    events: [],
  };
}
