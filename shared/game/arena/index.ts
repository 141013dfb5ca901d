/**
 * Arena, the demo game: top-down shooter in a walled arena with seeded
 * obstacles. `arena` is the GameDefinition the server hosts; the rest is what
 * the client needs to draw the world and predict its own player.
 */
export { arena } from './arena';
export * from './constants';
export {
  ArenaField,
  ProjectileField,
  arenaSchema,
  arenaInputSchema,
  arenaEventSpecs,
  playerFields,
  projectileFields,
  ARENA_FIELD_COUNT,
  AIM_STEPS,
  POSITION_SCALE,
  VELOCITY_SCALE,
  type ArenaInput,
  type ArenaEvent,
} from './schema';
export { createWorld, distanceToRect, type ArenaWorld, type Point, type Rect } from './world';
export { movePlayer, snap, type MovableState } from './movement';
export { aimFromInput, aimFromVector, aimToRadians } from './aim';
export { projectileAt, projectileEndAge, projectileLaunch, type ProjectileLaunch } from './projectiles';
export {
  playerFromSnapshot,
  projectileFromSnapshot,
  type PlayerSnapshot,
  type ProjectileSnapshot,
} from './snapshot';
export { PLAYER_SAVE_VERSION } from './players';
export type { ArenaPlayer, ArenaProjectile, ArenaState } from './state';
