import { describe, expect, it } from 'vitest';
import { arena } from './arena';
import { ARENA_FIELD_COUNT, ArenaField } from './schema';
import { writeSnapshot } from './testKit';
import { EntityTable } from '../../protocol/entityTable';

describe('spawning', () => {
  it('never puts a joining player on top of another while spawn points are free', () => {
    for (let seed = 1; seed <= 50; seed++) {
      const state = arena.createState(seed, { tickRate: 60 });
      for (let id = 1; id <= 6; id++) arena.addPlayer(state, id);
      const table = writeSnapshot(state, new EntityTable(ARENA_FIELD_COUNT));
      const spots = new Set<string>();
      for (let row = 0; row < table.count; row++) spots.add(`${table.get(row, ArenaField.X)},${table.get(row, ArenaField.Y)}`);
      expect(spots.size).toBe(6);
    }
  });
});
