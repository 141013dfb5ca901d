import { describe, expect, it } from 'vitest';
import { arena, ArenaField, ArenaKind, createWorld } from '../../../../shared/game/arena';
import { EntityLayout, quantize } from '../../../../shared/protocol/entitySchema';
import { EntityTable } from '../../../../shared/protocol/entityTable';
import { lerpTables } from '../../sdk/netcode/entityLerp';
import { arenaLerp } from './arenaModel';
import { remoteView } from './frameView';

const layout = new EntityLayout(arena.entities);
const lerpSpec = arenaLerp(layout);

/** A snapshot row from real units (px, px/s, ticks). */
const row = (id: number, kind: number, set: Partial<Record<keyof typeof ArenaField, number>>) => {
  const fields = layout.fields(kind)!;
  const values = new Array<number>(layout.stride).fill(0);
  for (const [k, v] of Object.entries(set)) {
    const f = ArenaField[k as keyof typeof ArenaField];
    values[f] = quantize(fields[f], v);
  }
  return { id, kind, values };
};

describe('remoteView', () => {
  it('blends remote players, skips me, and flies projectiles to the render tick', () => {
    const world = { ...createWorld(1, 60), obstacles: [] };
    const from = EntityTable.from(layout.stride, 100, [
      row(1, ArenaKind.Player, { X: 100, Y: 100, Health: 100 }), // me
      row(2, ArenaKind.Player, { X: 200, Y: 200, Health: 80 }),
      row(300, ArenaKind.Projectile, { X: 300, Y: 300, VX: 600, VY: 0, Owner: 2, BornTick: 94 }),
    ]);
    const to = EntityTable.from(layout.stride, 102, [
      row(1, ArenaKind.Player, { X: 100, Y: 100, Health: 100 }),
      row(2, ArenaKind.Player, { X: 204, Y: 200, Health: 60 }),
      row(300, ArenaKind.Projectile, { X: 300, Y: 300, VX: 600, VY: 0, Owner: 2, BornTick: 94 }),
    ]);
    const v = remoteView(world, lerpTables(from, to, 0.5, lerpSpec), 101, 60, 1, (id) => `p${id}`);
    expect(v.players.map((p) => p.id)).toEqual([2]);
    expect(v.players[0]).toMatchObject({ name: 'p2', x: 202, y: 200, health: 80, alive: true, isMe: false });
    // Fired at tick 94 from x = 300 px at 600 px/s: 7 ticks later it is 70 px further.
    expect(v.projectiles).toEqual([{ id: 300, owner: 2, x: 370, y: 300, vx: 600, vy: 0 }]);
    // Drawn at a tick where the formula puts it past the right wall: not drawn.
    expect(remoteView(world, lerpTables(from, to, 0.5, lerpSpec), 94 + 200, 60, 1, (id) => `p${id}`).projectiles).toEqual([]);
  });
});
