/**
 * The arena's events on the client: short-lived effects for the renderer and
 * the HUD (hit flashes, damage numbers, hit markers, death bursts, the killer's
 * name for the victim's banner) and kill-feed sentences ("Ada eliminated Bob").
 */
import { RESPAWN_DELAY_MS } from '../../../../shared/game/arena/constants';
import type { AnyEvent } from '../../../../shared/protocol/eventSchema';
import type { EventContext } from '../../sdk/gameModule';

export interface Effect {
  kind: 'hit' | 'death' | 'respawn';
  /** The player hit, killed or respawned. */
  id: number;
  /** The shooter (hit, death); 0 for a respawn. */
  by: number;
  /** The shooter's name when the event arrived (they may leave before the banner ends). */
  byName: string;
  /** Health taken (hit; 0 for a hit on a target already down, which still marks the shooter's crosshair); 0 otherwise. */
  damage: number;
  atMs: number;
}

/** How long each effect is kept, ms: a death stays until its victim has respawned (the banner names the killer). */
export const EFFECT_LIFETIME_MS: Readonly<Record<Effect['kind'], number>> = {
  hit: 700,
  death: RESPAWN_DELAY_MS + 500,
  respawn: 400,
};

export class ArenaEffects {
  readonly effects: Effect[] = [];

  onEvent(ev: AnyEvent, ctx: EventContext): void {
    switch (ev.type) {
      case 'hit':
        this.push('hit', Number(ev.id), Number(ev.by), ctx, Number(ev.damage));
        return;
      case 'killed': {
        const effect = this.push('death', Number(ev.id), Number(ev.by), ctx, 0);
        ctx.feed(killSentence(effect.byName, ctx.nameOf(effect.id), effect.by === effect.id));
        return;
      }
      case 'respawned':
        this.push('respawn', Number(ev.id), 0, ctx, 0);
        return;
      // 'scored': the scoreboard reads scores from snapshots.
    }
  }

  /** Forget effects that have finished by `nowMs` (in place: the array is the view's). */
  expire(nowMs: number): void {
    let kept = 0;
    for (const e of this.effects) if (nowMs - e.atMs <= EFFECT_LIFETIME_MS[e.kind]) this.effects[kept++] = e;
    this.effects.length = kept;
  }

  private push(kind: Effect['kind'], id: number, by: number, ctx: EventContext, damage: number): Effect {
    const effect: Effect = { kind, id, by, byName: by > 0 ? ctx.nameOf(by) : '', damage, atMs: ctx.nowMs };
    this.effects.push(effect);
    return effect;
  }
}

/** The newest effect of `kind` on player `id`, or null. */
export function newestOn(effects: readonly Effect[], kind: Effect['kind'], id: number): Effect | null {
  for (let i = effects.length - 1; i >= 0; i--) {
    const e = effects[i];
    if (e.kind === kind && e.id === id) return e;
  }
  return null;
}

/**
 * The newest hit player `me` landed on someone else: the crosshair's hit
 * marker. A hit on a target already down (damage 0: killed in transit by
 * another shot) counts: the server registered it for us.
 */
export function hitLanded(effects: readonly Effect[], me: number): Effect | null {
  for (let i = effects.length - 1; i >= 0; i--) {
    const e = effects[i];
    if (e.kind === 'hit' && e.by === me && e.id !== me) return e;
  }
  return null;
}

/** The newest hit that took health from player `me` (the damage flash); a damage-0 hit on us, already down, is not one. */
export function hitTaken(effects: readonly Effect[], me: number): Effect | null {
  for (let i = effects.length - 1; i >= 0; i--) {
    const e = effects[i];
    if (e.kind === 'hit' && e.id === me && e.damage > 0) return e;
  }
  return null;
}

/** The kill feed's line: a sentence a spectator can read aloud. */
export function killSentence(killer: string, victim: string, self: boolean): string {
  return self ? `${victim} eliminated themselves` : `${killer} eliminated ${victim}`;
}
