import { describe, expect, it } from 'vitest';
import { GameCatalog } from '../session/gameCatalog';
import { testClientGame } from '../testing/testGame';
import { gameChoices, initialChoice } from './gameChoices';

describe('gameChoices', () => {
  const catalog = new GameCatalog([testClientGame('one'), testClientGame('two')]);

  it("offers the page's games until the server answers, then the server's, marking what this page cannot play", () => {
    expect(gameChoices(null, catalog).map((c) => [c.name, c.playable, c.help])).toEqual([
      ['one', true, 'one: arrows'],
      ['two', true, 'two: arrows'],
    ]);
    const server = [
      { name: 'new', title: 'New', defaultMaxPlayers: 50 },
      { name: 'two', title: 'Two', defaultMaxPlayers: 8 },
    ];
    const choices = gameChoices(server, catalog);
    expect(choices).toEqual([
      { name: 'new', title: 'New', defaultMaxPlayers: 50, playable: false, help: '' },
      { name: 'two', title: 'Two', defaultMaxPlayers: 8, playable: true, help: 'two: arrows' },
    ]);
    expect(initialChoice(choices, null)).toBe('two');
    expect(initialChoice(choices, 'new')).toBe('two'); // remembered but not playable
    expect(initialChoice(gameChoices(null, catalog), 'two')).toBe('two');
    expect(initialChoice([], 'two')).toBe('');
  });
});
