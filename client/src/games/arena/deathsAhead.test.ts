/**
 * A death the server reported is drawn at once, although the interpolated
 * snapshots (drawn ~100 ms behind the newest) still show the player alive:
 * our screen must not offer a target that no shot can hit any more.
 */
import { describe, expect, it } from 'vitest';
import { arena, ARENA_FIELD_COUNT } from '../../../../shared/game/arena';
import { placePlayer, writeSnapshot } from '../../../../shared/game/arena/testKit';
import { EntityLayout } from '../../../../shared/protocol/entitySchema';
import { EntityTable } from '../../../../shared/protocol/entityTable';
import type { AnyEvent } from '../../../../shared/protocol/eventSchema';
import { lerpTables } from '../../sdk/netcode/entityLerp';
import { ArenaLogic } from './arenaLogic';

const ME = 1;
const OTHER = 2;

describe('deaths ahead of the interpolated view', () => {
  it('draws a player the server reported killed as dead until it respawns', () => {
    const server = arena.createState(3, { tickRate: 60 });
    arena.addPlayer(server, ME);
    arena.addPlayer(server, OTHER);
    placePlayer(server, OTHER, 700, 500);
    const table = writeSnapshot(server, new EntityTable(ARENA_FIELD_COUNT));
    const logic = new ArenaLogic({ seed: 3, tickRate: 60, snapshotRate: 30, playerId: ME, roomId: 'r', roomName: 'r', layout: new EntityLayout(arena.entities) });
    const other = (nowMs: number) =>
      logic
        .view({ nowMs, renderTick: table.tick, tickRate: 60, playerId: ME, drawn: lerpTables(table, table, 0, logic.lerp), newest: table, myRow: -1, predicted: null, predictedDraw: null, nameOf: (id) => `p${id}` })
        .players.find((p) => p.id === OTHER)!;
    const ctx = { nowMs: 0, playerId: ME, nameOf: (id: number) => `p${id}`, feed: () => undefined };
    expect(other(0).alive).toBe(true);
    logic.onEvent({ type: 'killed', id: OTHER, by: 3 } as AnyEvent, ctx);
    expect(other(16).alive).toBe(false); // the interpolated row still says alive
    logic.onEvent({ type: 'respawned', id: OTHER } as AnyEvent, ctx);
    expect(other(50).alive).toBe(true);
  });
});
