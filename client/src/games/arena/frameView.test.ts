import { describe, expect, it } from 'vitest';
import { arena, ArenaField, ArenaKind, createWorld, ProjectileField } from '../../../../shared/game/arena';
import { EntityLayout, quantize } from '../../../../shared/protocol/entitySchema';
import { EntityTable } from '../../../../shared/protocol/entityTable';
import { lerpTables } from '../../sdk/netcode/entityLerp';
import { arenaLerp } from './arenaModel';
import { remoteView } from './frameView';

const layout = new EntityLayout(arena.entities);
const lerpSpec = arenaLerp(layout);

/** A snapshot row from real units (px, px/s, ticks), fields by index. */
const row = (id: number, kind: number, set: [field: number, value: number][]) => {
  const fields = layout.fields(kind)!;
  const values = new Array<number>(layout.stride).fill(0);
  for (const [f, v] of set) values[f] = quantize(fields[f], v);
  return { id, kind, values };
};
const player = (id: number, x: number, y: number, health: number) =>
  row(id, ArenaKind.Player, [[ArenaField.X, x], [ArenaField.Y, y], [ArenaField.Health, health]]);
const P = ProjectileField;
const shot = (id: number) =>
  row(id, ArenaKind.Projectile, [[P.X, 300], [P.Y, 300], [P.VX, 600], [P.VY, 0], [P.Owner, 2], [P.BornTick, 94]]);

describe('remoteView', () => {
  it('blends remote players, skips me, and flies projectiles to the render tick', () => {
    const world = { ...createWorld(1, 60), obstacles: [] };
    const from = EntityTable.from(layout.stride, 100, [
      player(1, 100, 100, 100), // me
      player(2, 200, 200, 80),
      shot(300),
    ]);
    const to = EntityTable.from(layout.stride, 102, [
      player(1, 100, 100, 100),
      player(2, 204, 200, 60),
      shot(300),
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
