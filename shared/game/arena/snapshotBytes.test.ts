/**
 * The wire budget: a moving player must cost at most 8 bytes in a delta
 * snapshot (id gap + mask + changed fields as zigzag varint deltas), and
 * ≤ 6 B per moving entity on the benchmark's workload (docs/PERFORMANCE.md).
 * The arena's layout has two kinds (player 11 fields, projectile 6): only a
 * kind's own fields travel.
 */
import { describe, expect, it } from 'vitest';
import { EntityTable } from '../../protocol/entityTable';
import { diffTables, type SnapshotDelta } from '../../protocol/snapshotDelta';
import { encodeSnapshotFrame } from '../../protocol/snapshotFrame';
import { arena } from './arena';
import { ArenaButton } from './constants';
import { ARENA_FIELD_COUNT } from './schema';
import type { ArenaState } from './state';
import { arenaLayout, input, placePlayer, stateOn, testWorld, writeSnapshot, type ArenaTickInput } from './testKit';

const { Up, Down, Left, Right } = ArenaButton;

function table(state: ArenaState): EntityTable {
  return writeSnapshot(state, new EntityTable(ARENA_FIELD_COUNT));
}

/** Bytes the changed entities add to a frame: the frame minus the same frame with no entities. */
function entityBytes(delta: SnapshotDelta): number {
  const empty: SnapshotDelta = { ...delta, removed: [], created: [], changed: [] };
  return encodeSnapshotFrame(delta).length - encodeSnapshotFrame(empty).length;
}

/**
 * Delta bytes of player `id` while it follows `script` (one input per tick), one
 * figure per snapshot taken every `ticksPerSnapshot` ticks against the previous one.
 */
function bytesPerTick(script: ArenaTickInput[], id = 42, ticksPerSnapshot = 1): number[] {
  const s = stateOn(testWorld());
  arena.addPlayer(s, id);
  placePlayer(s, id, 300, 300);
  let prev = table(s);
  const out: number[] = [];
  for (const frame of script) {
    arena.step(s, new Map([[id, frame]]));
    if (s.tick % ticksPerSnapshot !== 0) continue;
    const next = table(s);
    const delta = diffTables(prev, next, arenaLayout);
    expect(delta.created.length + delta.removed.length).toBe(0);
    out.push(entityBytes(delta));
    prev = next;
  }
  return out;
}

describe('snapshot byte budget', () => {
  it('a player moving at full speed costs 4 bytes per tick', () => {
    const bytes = bytesPerTick(Array.from({ length: 60 }, () => input(Right | Down)));
    expect(Math.max(...bytes)).toBeLessThanOrEqual(8);
    expect(bytes.slice(20)).toEqual(new Array(40).fill(4)); // id gap, mask, dx, dy
  });

  it('accelerating, braking and turning while sweeping the aim stays ≤ 8 bytes', () => {
    const script: ArenaTickInput[] = [];
    const moves = [Right, Right | Down, Down, Left | Down, Left, Up | Left, Up, 0, Up | Right];
    for (let t = 0; t < 360; t++) {
      // Aim (1/1024 turn) sweeps a full turn every 93 ticks, and flips by half a turn every 7th tick (the largest wrap delta).
      const aim = (t * 11 + (t % 7 === 0 ? 512 : 0)) % 1024;
      script.push(input(moves[Math.floor(t / 20) % moves.length], aim));
    }
    const bytes = bytesPerTick(script);
    expect(Math.max(...bytes)).toBeLessThanOrEqual(8);
  });

  it('at 30 Hz snapshots (two ticks per delta) a moving player still costs ≤ 8 bytes', () => {
    const script: ArenaTickInput[] = [];
    const moves = [Right, Right | Down, Down, Left | Down, Left, Up | Left, Up, 0, Up | Right, Left, Right];
    for (let t = 0; t < 440; t++) script.push(input(moves[Math.floor(t / 20) % moves.length], 141));
    const bytes = bytesPerTick(script, 42, 2);
    expect(Math.max(...bytes)).toBeLessThanOrEqual(8);
    // Full speed along an axis: id gap, mask, 2-byte dx (9.3 px = 75 eighths).
    expect(bytesPerTick(Array.from({ length: 60 }, () => input(Right)), 42, 2).slice(10)).toEqual(new Array(20).fill(4));
  });

  it('a standing player costs nothing', () => {
    const bytes = bytesPerTick(Array.from({ length: 10 }, () => input(0)));
    expect(bytes).toEqual(new Array(10).fill(0));
  });

  it('ten players moving at full speed fit in about 40 bytes a tick', () => {
    const s = stateOn(testWorld());
    const inputs = new Map<number, ArenaTickInput>();
    for (let id = 1; id <= 10; id++) {
      arena.addPlayer(s, id);
      placePlayer(s, id, 100 + id * 120, 100 + id * 50);
      inputs.set(id, input(id % 2 === 0 ? Right | Down : Right));
    }
    for (let t = 0; t < 30; t++) arena.step(s, inputs);
    const before = table(s);
    arena.step(s, inputs);
    const delta = diffTables(before, table(s), arenaLayout);
    expect(delta.changed.length).toBe(10);
    expect(entityBytes(delta)).toBeLessThanOrEqual(40);
  });

  it('≤ 6 B per moving entity: 100 players, 10 % moving two ticks at full speed, projectiles in flight cost nothing', () => {
    const s = stateOn(testWorld());
    const inputs = new Map<number, ArenaTickInput>();
    for (let id = 1; id <= 100; id++) {
      arena.addPlayer(s, id);
      placePlayer(s, id, 60 + ((id - 1) % 10) * 150, 60 + Math.floor((id - 1) / 10) * 90);
    }
    const movers = [5, 14, 23, 32, 41, 50, 69, 78, 87, 96];
    // The movers get to full speed; one projectile (the second kind, 7 fields) flies meanwhile.
    for (const id of movers) inputs.set(id, input(id % 2 === 0 ? Right | Down : Right, 256, 0));
    for (let t = 0; t < 30; t++) {
      // Player 1 fires along +x two ticks before the baseline: the projectile is still in flight after it.
      if (t === 28) inputs.set(1, input(ArenaButton.Fire, 0));
      else inputs.delete(1);
      arena.step(s, inputs);
    }
    inputs.delete(1);
    s.playerById[1]!.cooldownTicks = 0; // the shooter stands still: only the movers change
    expect(s.projectiles.length).toBe(1);
    const before = table(s);
    arena.step(s, inputs);
    arena.step(s, inputs);
    const delta = diffTables(before, table(s), arenaLayout);
    expect(delta.changed.map((c) => c.id)).toEqual(movers);
    expect(delta.created.length + delta.removed.length).toBe(0);
    const perMoving = entityBytes(delta) / movers.length;
    console.info(`arena snapshot: ${perMoving.toFixed(1)} B per moving entity (100 players + 1 projectile, 10 moving two ticks at full speed)`);
    expect(perMoving).toBeLessThanOrEqual(6);
  });

  it('a created projectile costs its kind\'s 7 fields, not the player\'s 11', () => {
    const s = stateOn(testWorld());
    arena.addPlayer(s, 1);
    placePlayer(s, 1, 300, 300);
    const before = table(s);
    arena.step(s, new Map([[1, input(ArenaButton.Fire, 0, 0)]]));
    const delta = diffTables(before, table(s), arenaLayout);
    expect(delta.created).toHaveLength(1);
    expect(delta.created[0].values).toHaveLength(7);
    const onlyCreated = { ...delta, changed: [] };
    // id gap (2 B: 256) + kind + x (2 B) + y (2 B) + vx (2 B) + vy + owner + bornTick + lagTicks.
    console.info(`arena snapshot: a new projectile costs ${entityBytes(onlyCreated)} B`);
    expect(entityBytes(onlyCreated)).toBeLessThanOrEqual(13);
  });
});
