/**
 * The wire budget: a moving player must cost at most 8 bytes in a delta
 * snapshot (id gap + mask + changed fields as zigzag varint deltas).
 */
import { describe, expect, it } from 'vitest';
import type { PlayerInput } from '../../engine/gameDefinition';
import { Button } from '../../protocol/constants';
import { EntityTable } from '../../protocol/entityTable';
import { diffTables, type SnapshotDelta } from '../../protocol/snapshotDelta';
import { encodeSnapshotFrame } from '../../protocol/snapshotFrame';
import { arena } from './arena';
import { ARENA_FIELD_COUNT, arenaSchema } from './schema';
import type { ArenaState } from './state';
import { input, placePlayer, stateOn, testWorld } from './testKit';

const { Up, Down, Left, Right } = Button;

function table(state: ArenaState): EntityTable {
  const t = new EntityTable(ARENA_FIELD_COUNT);
  arena.writeSnapshot(state, t.begin(state.tick));
  return t;
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
function bytesPerTick(script: PlayerInput[], id = 42, ticksPerSnapshot = 1): number[] {
  const s = stateOn(testWorld());
  arena.addPlayer(s, id);
  placePlayer(s, id, 300, 300);
  let prev = table(s);
  const out: number[] = [];
  for (const frame of script) {
    arena.step(s, new Map([[id, frame]]));
    if (s.tick % ticksPerSnapshot !== 0) continue;
    const next = table(s);
    const delta = diffTables(prev, next, arenaSchema);
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
    const script: PlayerInput[] = [];
    const moves = [Right, Right | Down, Down, Left | Down, Left, Up | Left, Up, 0, Up | Right];
    for (let t = 0; t < 360; t++) {
      // Aim sweeps a full turn every 90 ticks, and flips by half a turn every 7th tick (the largest wrap delta).
      const aim = (t * 728 + (t % 7 === 0 ? 32768 : 0)) % 65536;
      script.push(input(moves[Math.floor(t / 20) % moves.length], aim));
    }
    const bytes = bytesPerTick(script);
    expect(Math.max(...bytes)).toBeLessThanOrEqual(8);
  });

  it('at 30 Hz snapshots (two ticks per delta) a moving player still costs ≤ 8 bytes', () => {
    const script: PlayerInput[] = [];
    const moves = [Right, Right | Down, Down, Left | Down, Left, Up | Left, Up, 0, Up | Right, Left, Right];
    for (let t = 0; t < 440; t++) script.push(input(moves[Math.floor(t / 20) % moves.length], 9000));
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
    const inputs = new Map<number, PlayerInput>();
    for (let id = 1; id <= 10; id++) {
      arena.addPlayer(s, id);
      placePlayer(s, id, 100 + id * 120, 100 + id * 50);
      inputs.set(id, input(id % 2 === 0 ? Right | Down : Right));
    }
    for (let t = 0; t < 30; t++) arena.step(s, inputs);
    const before = table(s);
    arena.step(s, inputs);
    const delta = diffTables(before, table(s), arenaSchema);
    expect(delta.changed.length).toBe(10);
    expect(entityBytes(delta)).toBeLessThanOrEqual(40);
  });
});
