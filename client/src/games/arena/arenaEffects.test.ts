import { describe, expect, it } from 'vitest';
import { RESPAWN_DELAY_MS } from '../../../../shared/game/arena/constants';
import type { AnyEvent } from '../../../../shared/protocol/eventSchema';
import type { EventContext } from '../../sdk/gameModule';
import { ArenaEffects } from './arenaEffects';
import { deathBannerText } from './deathBanner';

const names: Record<number, string> = { 1: 'Ada', 2: 'Bob' };

function context(nowMs: number, feed: string[]): EventContext {
  return { nowMs, playerId: 2, nameOf: (id) => names[id] ?? `#${id}`, feed: (t) => feed.push(t) };
}

describe('arena effects and kill feed', () => {
  it('turns a kill into a sentence and keeps the killer for the victim until after the respawn', () => {
    const fx = new ArenaEffects();
    const feed: string[] = [];
    fx.onEvent({ type: 'hit', id: 2, by: 1, damage: 20 } as AnyEvent, context(0, feed));
    fx.onEvent({ type: 'killed', id: 2, by: 1 } as AnyEvent, context(10, feed));
    expect(feed).toEqual(['Ada eliminated Bob']);
    expect(fx.effects.map((e) => [e.kind, e.byName, e.damage])).toEqual([
      ['hit', 'Ada', 20],
      ['death', 'Ada', 0],
    ]);
    // The hit marker and damage number are gone within a second; the death stays through the respawn delay.
    fx.expire(1000);
    expect(fx.effects.map((e) => e.kind)).toEqual(['death']);
    fx.expire(10 + RESPAWN_DELAY_MS);
    expect(fx.effects.map((e) => e.kind)).toEqual(['death']);
    fx.expire(10 + RESPAWN_DELAY_MS + 1000);
    expect(fx.effects).toEqual([]);
  });

  it('expires effects by their own lifetimes, whatever their order', () => {
    const fx = new ArenaEffects();
    const feed: string[] = [];
    fx.onEvent({ type: 'killed', id: 1, by: 2 } as AnyEvent, context(0, feed));
    fx.onEvent({ type: 'hit', id: 2, by: 1, damage: 20 } as AnyEvent, context(100, feed));
    fx.onEvent({ type: 'respawned', id: 1 } as AnyEvent, context(2000, feed));
    fx.expire(900);
    expect(fx.effects.map((e) => e.kind)).toEqual(['death', 'respawn']);
  });

  it('writes the victim banner with the killer and a countdown', () => {
    expect(deathBannerText('Ada', 1449, false)).toBe('Eliminated by Ada · respawn in 1.4 s');
    expect(deathBannerText('', 0, false)).toBe('Eliminated · respawning…');
    expect(deathBannerText('Bob', 500, true)).toBe('You eliminated yourself · respawn in 0.5 s');
  });
});
