/**
 * A game that lives only in the SDK's tests: one entity kind, one input field.
 * Its names are deliberately nobody's real game's.
 */
import type { AnyGame } from '../../../../shared/engine/gameDefinition';
import type { AnyClientGame } from '../gameModule';

export function testGameDefinition(name: string, version = 1): AnyGame {
  return {
    name,
    title: name.toUpperCase(),
    version,
    input: { fields: [{ name: 'dir', kind: 'int', bits: 2 }] },
    entities: { kinds: [{ kind: 1, name: 'token', fields: [{ name: 'x', scale: 1, min: 0, max: 100 }] }] },
    events: [],
    defaultMaxPlayers: 4,
    quickPlayRoomName: (n) => `${name} ${n}`,
    createState: () => ({ tick: 0 }),
    addPlayer: () => undefined,
    removePlayer: () => ({}),
    savePlayer: () => ({}),
    step: (s: { tick: number }) => {
      s.tick++;
    },
    tickOf: (s: { tick: number }) => s.tick,
    viewGroup: () => 0,
    writeView: () => undefined,
    drainEvents: () => undefined,
  };
}

export function testClientGame(name: string, version = 1): AnyClientGame {
  return {
    definition: testGameDefinition(name, version),
    controlsHelp: `${name}: arrows`,
    createLogic: () => {
      throw new Error('not used by these tests');
    },
    createPresenter: () => Promise.reject(new Error('not used by these tests')),
  };
}
