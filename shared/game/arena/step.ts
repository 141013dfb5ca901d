/**
 * One tick of the arena, in a fixed order so server and replays agree:
 *
 *   1. players, ascending id: respawn countdown (and a shot fired before the
 *      client saw its death: trades.ts), or aim + move + fire
 *   2. record every player's hitbox for this tick (lag compensation)
 *   3. projectiles, ascending id: end (lifetime, obstacle, wall; found when
 *      fired) or fly to this tick's position and hit the first player there
 *
 * Allocation-free in steady play: no arrays, closures or maps are created; only
 * events (hit, killed, ...) and the first use of a pooled projectile allocate.
 */
import type { TickInput } from '../../engine/gameDefinition';
import { ArenaButton } from './constants';
import { aimFromInput } from './aim';
import { respawn } from './combat';
import { PLAYER_RADIUS } from './constants';
import { movePlayer } from './movement';
import { advanceProjectiles, fireProjectile } from './projectiles';
import type { ArenaInput } from './schema';
import type { ArenaPlayer, ArenaState } from './state';
import { firesInTransit } from './trades';

/** What a player without input this tick does: nothing held. */
const NO_INPUT: TickInput<ArenaInput> = Object.freeze({ buttons: 0, aim: 0, viewTick: 0 });

export function stepArena(state: ArenaState, inputs: ReadonlyMap<number, TickInput<ArenaInput>>): void {
  const tick = ++state.tick;
  const players = state.players;
  const world = state.world;

  for (let i = 0; i < players.length; i++) {
    const p = players[i];
    if (p.respawnTicks > 0) {
      if (--p.respawnTicks === 0) respawn(state, p);
      else stepDead(state, p, inputs.get(p.id));
      continue;
    }
    if (p.cooldownTicks > 0) p.cooldownTicks--;
    const input = inputs.get(p.id);
    if (input === undefined) {
      movePlayer(p, NO_INPUT, world);
      continue;
    }
    p.aim = aimFromInput(input.aim);
    movePlayer(p, input, world);
    if ((input.buttons & ArenaButton.Fire) !== 0 && p.cooldownTicks === 0) {
      fireProjectile(state, p, p, input.viewTick);
      p.cooldownTicks = state.fireCooldownTicks;
    }
  }

  const history = state.history;
  history.begin(tick);
  for (let i = 0; i < players.length; i++) {
    const p = players[i];
    history.record(p.id, p.x, p.y, PLAYER_RADIUS, p.respawnTicks === 0);
  }

  advanceProjectiles(state);
}

/**
 * A dead player does not move; its ghost does (where its client, not knowing yet, draws it), its cooldown
 * runs on, and a frame sent before it saw its death may still fire from the ghost (trades.ts).
 */
function stepDead(state: ArenaState, p: ArenaPlayer, input: TickInput<ArenaInput> | undefined): void {
  if (p.cooldownTicks > 0) p.cooldownTicks--;
  movePlayer(p.ghost, input ?? NO_INPUT, state.world);
  if (input === undefined || p.cooldownTicks > 0 || !firesInTransit(state, p, input)) return;
  // Along the frame's aim: the aim its client predicted the shot with.
  p.aim = aimFromInput(input.aim);
  fireProjectile(state, p, p.ghost, input.viewTick);
  p.cooldownTicks = state.fireCooldownTicks;
}
