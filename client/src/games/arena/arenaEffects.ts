/**
 * The arena's events on the client: short-lived hit/death/respawn effects for
 * the renderer, and kill-feed lines ("shooter ✦ target").
 */
import type { AnyEvent } from '../../../../shared/protocol/eventSchema';
import type { EventContext } from '../../sdk/gameModule';

export interface Effect {
  kind: 'hit' | 'death' | 'respawn';
  id: number;
  atMs: number;
}

/** Effects older than this are dropped, ms (the longest one, death, lasts 700). */
const EFFECT_LIFETIME_MS = 1000;

export class ArenaEffects {
  readonly effects: Effect[] = [];

  onEvent(ev: AnyEvent, ctx: EventContext): void {
    switch (ev.type) {
      case 'hit':
        this.effects.push({ kind: 'hit', id: Number(ev.id), atMs: ctx.nowMs });
        return;
      case 'killed':
        this.effects.push({ kind: 'death', id: Number(ev.id), atMs: ctx.nowMs });
        ctx.feed(`${ctx.nameOf(Number(ev.by))} ✦ ${ctx.nameOf(Number(ev.id))}`);
        return;
      case 'respawned':
        this.effects.push({ kind: 'respawn', id: Number(ev.id), atMs: ctx.nowMs });
        return;
      // 'scored': the scoreboard reads scores from snapshots.
    }
  }

  /** Forget effects that have finished by `nowMs`. */
  expire(nowMs: number): void {
    while (this.effects.length > 0 && nowMs - this.effects[0].atMs > EFFECT_LIFETIME_MS) this.effects.shift();
  }
}
