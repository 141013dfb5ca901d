import { describe, expect, it } from 'vitest';
import { describeGame, descriptorHash } from '../../../../shared/protocol/gameDescriptor';
import { GameCatalog } from './gameCatalog';
import { testClientGame, testGameDefinition } from '../testing/testGame';

describe('GameCatalog', () => {
  const one = testClientGame('one');
  const catalog = new GameCatalog([one, testClientGame('two')]);
  const hashOf = (name: string, version = 1) => descriptorHash(describeGame(testGameDefinition(name, version)));

  it('resolves the game a Welcome names when its descriptor hash matches this client', () => {
    expect(catalog.resolve('one', 'ONE', hashOf('one'))).toEqual({ ok: true, module: one });
    expect(catalog.modules.map((m) => m.definition.name)).toEqual(['one', 'two']);
  });

  it('refuses an unknown game and a different version of a known one, with a reload hint', () => {
    const unknown = catalog.resolve('three', 'THREE', hashOf('three'));
    expect(unknown).toMatchObject({ ok: false, message: expect.stringMatching(/cannot play THREE.*Reload/) as unknown });
    const newer = catalog.resolve('one', 'ONE', hashOf('one', 2));
    expect(newer).toMatchObject({ ok: false, message: expect.stringMatching(/^Version mismatch: .*ONE.*Reload/) as unknown });
  });

  it('rejects a game registered twice', () => {
    expect(() => new GameCatalog([one, testClientGame('one')])).toThrow(/twice/);
  });
});
