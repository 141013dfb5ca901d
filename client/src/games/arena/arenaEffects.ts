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
  /** Health taken (hit); 0 otherwise. */
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

/** The kill feed's line: a sentence a spectator can read aloud. */
export function killSentence(killer: string, victim: string, self: boolean): string {
  return self ? `${victim} eliminated themselves` : `${killer} eliminated ${victim}`;
}
