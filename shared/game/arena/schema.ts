/**
 * Arena's wire vocabulary: its input fields, its two entity kinds and their
 * fields, and its events. Everything the engine and a generic client know
 * about the arena comes from here (through the GameDefinition).
 *
 * Field order is chosen for the delta codec: the changed-field mask is a varint,
 * so fields 0–6 fit a one-byte mask. Those are the fields that change while a
 * player plays (x, y every tick while moving; vx, vy only while accelerating or
 * braking; aim, respawn countdown, fire cooldown now and then). A player moving
 * at full speed costs id gap + mask + dx + dy = 4 bytes per tick-to-tick delta;
 * while accelerating diagonally and flicking the aim, 8 (see README.md for
 * 30 Hz snapshots).
 *
 * Players (kind 1): x … deaths. x, y, vx, vy are stored in
 * the state already on this grid (see movement.ts), so a client replaying its
 * inputs from these values reproduces the server exactly.
 *
 * Projectiles (kind 2: x, y, vx, vy, owner, bornTick) are sent ONCE: x, y are where the projectile was fired
 * (at tick bornTick), vx, vy its constant velocity. They never change after
 * creation, so they cost nothing in deltas; the client extrapolates with
 * projectileFromSnapshot() — the same formula the server uses — and drops them
 * when they disappear from a snapshot.
 */
import type { EntitySchema, FieldSpec } from '../../protocol/entitySchema';
import type { EventSpec, EventsOf } from '../../protocol/eventSchema';
import type { InputOf, InputSchema } from '../../protocol/inputSchema';
import { ArenaButton, ArenaKind, WORLD_HEIGHT, WORLD_WIDTH } from './constants';

/** Positions: 1/8 px. */
export const POSITION_SCALE = 8;
/**
 * Velocities: 4 px/s steps (wire value = px/s ÷ 4). Coarse on purpose: one
 * tick of acceleration (40 px/s at 60 Hz) is 10 steps, so even a delta across
 * two ticks (30 Hz snapshots) of an accelerating player is a one-byte varint.
 */
export const VELOCITY_SCALE = 1 / 4;
/** Aim on the wire (and in the state): 1024 steps per turn. */
export const AIM_STEPS = 1024;
/** |v| ≤ 1024 px/s (projectiles fly at 700). */
const VELOCITY_LIMIT = 1024 * VELOCITY_SCALE;
const I32_MAX = 0x7fffffff;

/** Player field indexes: `values[ArenaField.X]`. */
export const ArenaField = {
  /** px × 8, 0..WORLD_WIDTH. */
  X: 0,
  /** px × 8, 0..WORLD_HEIGHT. */
  Y: 1,
  /** px/s ÷ 4 (VELOCITY_SCALE). */
  VX: 2,
  VY: 3,
  /** 1/1024 turn, 0 = +x, y down (screen clockwise), wraps. */
  Aim: 4,
  /** Players: 0 = alive, n > 0 = dead, respawning in n ticks. */
  RespawnTicks: 5,
  /** Players: ticks until the next shot is allowed (0 = ready). */
  CooldownTicks: 6,
  Health: 7,
  Score: 8,
  Kills: 9,
  Deaths: 10,
} as const;

/** Projectile field indexes. */
export const ProjectileField = {
  /** px × 8: position at bornTick. */
  X: 0,
  Y: 1,
  VX: 2,
  VY: 3,
  /** The player id that fired it. */
  Owner: 4,
  /** The tick it was fired (its x, y are for this tick). */
  BornTick: 5,
  /** How far back its shooter saw the targets (lag compensation, ticks): its hits are tested at bornTick − lagTicks + age. */
  LagTicks: 6,
} as const;

const field = (name: string, scale: number, min: number, max: number, wrap?: number): FieldSpec =>
  wrap === undefined ? { name, scale, min, max } : { name, scale, min, max, wrap };

const motion = [
  field('x', POSITION_SCALE, 0, WORLD_WIDTH * POSITION_SCALE),
  field('y', POSITION_SCALE, 0, WORLD_HEIGHT * POSITION_SCALE),
  field('vx', VELOCITY_SCALE, -VELOCITY_LIMIT, VELOCITY_LIMIT),
  field('vy', VELOCITY_SCALE, -VELOCITY_LIMIT, VELOCITY_LIMIT),
];

export const playerFields: readonly FieldSpec[] = [
    ...motion,
    field('aim', 1, 0, AIM_STEPS - 1, AIM_STEPS),
    field('respawnTicks', 1, 0, 0xffff),
    field('cooldownTicks', 1, 0, 0xffff),
    field('health', 1, 0, 1000),
    field('score', 1, 0, I32_MAX),
    field('kills', 1, 0, I32_MAX),
    field('deaths', 1, 0, I32_MAX),
];

export const projectileFields: readonly FieldSpec[] = [...motion, field('owner', 1, 0, 0xffff), field('bornTick', 1, 0, I32_MAX), field('lagTicks', 1, 0, 0xff)];

export const arenaSchema: EntitySchema = {
  kinds: [
    { kind: ArenaKind.Player, name: 'player', fields: playerFields },
    { kind: ArenaKind.Projectile, name: 'projectile', fields: projectileFields },
  ],
};

/** Row stride of an arena EntityTable (the player kind's field count). */
export const ARENA_FIELD_COUNT = playerFields.length;

/**
 * Input, one frame per tick: the buttons held (ArenaButton bits; a Fire press
 * skipped by the server is carried to the next input) and the aim in 1/1024
 * turn (the state's resolution).
 */
export const arenaInputSchema = {
  fields: [
    { name: 'buttons', kind: 'flags', bits: 5, carryMask: ArenaButton.Fire },
    { name: 'aim', kind: 'uint', bits: 10, wrap: true },
  ],
} as const satisfies InputSchema;
export type ArenaInput = InputOf<typeof arenaInputSchema>;

export const arenaEventSpecs = [
  { type: 'hit', fields: { id: { type: 'entity' }, by: { type: 'entity' }, damage: { type: 'int', min: 0, max: 1000 } } },
  { type: 'killed', fields: { id: { type: 'entity' }, by: { type: 'entity' } } },
  { type: 'scored', fields: { id: { type: 'entity' }, score: { type: 'int', min: 0, max: I32_MAX } } },
  { type: 'respawned', fields: { id: { type: 'entity' } } },
] as const satisfies readonly EventSpec[];
export type ArenaEvent = EventsOf<typeof arenaEventSpecs>;
