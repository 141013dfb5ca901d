/**
 * Throughput soak (excluded from `npm test`; run with `npm run soak`):
 * 200 rooms × 10 players at 60 Hz, bots chasing and shooting. Reports the cost
 * of one server tick across all rooms (step + writeSnapshot) and asserts only
 * correctness invariants, never speed: the figures are printed for the report.
 */
import { describe, expect, it } from 'vitest';
import type { PlayerInput } from '../../engine/gameDefinition';
import { Button } from '../../protocol/constants';
import { EntityTable } from '../../protocol/entityTable';
import type { GameEvent } from '../../protocol/messages';
import { aimFromVector } from './aim';
import { arena } from './arena';
import { ARENA_FIELD_COUNT } from './schema';
import type { ArenaState } from './state';

const ROOMS = 200;
const PLAYERS = 10;
const TICKS = Number(process.env.ARENA_SOAK_TICKS ?? 1800);

interface Room {
  state: ArenaState;
  inputs: Map<number, PlayerInput>;
  frames: PlayerInput[];
  table: EntityTable;
  rng: number;
}

function makeRoom(seed: number): Room {
  const state = arena.createState(seed, { tickRate: 60 });
  const inputs = new Map<number, PlayerInput>();
  const frames: PlayerInput[] = [];
  for (let id = 1; id <= PLAYERS; id++) {
    arena.addPlayer(state, id);
    const f = { buttons: 0, aim: 0, viewTick: 0 };
    frames.push(f);
    inputs.set(id, f);
  }
  return { state, inputs, frames, table: new EntityTable(ARENA_FIELD_COUNT, 64), rng: seed };
}

/** Bots: wander, change direction every half second, aim at the next player, fire. */
function botInputs(room: Room): void {
  const { state, frames } = room;
  const tick = state.tick;
  for (let i = 0; i < PLAYERS; i++) {
    const f = frames[i];
    const me = state.players[i];
    const target = state.players[(i + 1) % PLAYERS];
    if ((tick + i) % 30 === 0) {
      room.rng = (Math.imul(room.rng, 1664525) + 1013904223) >>> 0;
      f.buttons = room.rng >>> 28;
    }
    f.buttons = (f.buttons & 0x0f) | Button.Fire;
    f.aim = aimFromVector(target.x - me.x, target.y - me.y);
    f.viewTick = tick > 6 ? tick - 6 : 0;
  }
}

function percentile(sorted: Float64Array, p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * p))];
}

describe('arena soak: 200 rooms × 10 players', () => {
  it(`runs ${TICKS} ticks and reports the per-tick cost`, () => {
    const rooms: Room[] = [];
    for (let r = 0; r < ROOMS; r++) rooms.push(makeRoom(1000 + r));
    const events: GameEvent[] = [];
    const tickMs = new Float64Array(TICKS);
    const stepMs = new Float64Array(TICKS);
    let kills = 0;
    let maxProjectiles = 0;
    const heapBefore = process.memoryUsage().heapUsed;
    for (let t = 0; t < TICKS; t++) {
      for (const room of rooms) botInputs(room);
      const t0 = performance.now();
      for (const room of rooms) arena.step(room.state, room.inputs);
      const t1 = performance.now();
      for (const room of rooms) arena.writeSnapshot(room.state, room.table.begin(room.state.tick));
      const t2 = performance.now();
      stepMs[t] = t1 - t0;
      tickMs[t] = t2 - t0;
      for (const room of rooms) {
        arena.drainEvents(room.state, events);
        if (room.state.projectiles.length > maxProjectiles) maxProjectiles = room.state.projectiles.length;
      }
      for (const e of events) if (e.type === 'killed') kills++;
      events.length = 0;
    }
    const heapAfter = process.memoryUsage().heapUsed;
    // Skip the first second (JIT warm-up) in the figures.
    const warm = Math.min(60, TICKS >> 1);
    const steady = tickMs.slice(warm).sort();
    const steps = stepMs.slice(warm).sort();
    const mean = steady.reduce((a, b) => a + b, 0) / steady.length;
    console.log(
      `[arena soak] ${ROOMS} rooms × ${PLAYERS} players, ${TICKS} ticks: ` +
        `server tick (step+snapshot, all rooms) mean ${mean.toFixed(3)} ms, ` +
        `p50 ${percentile(steady, 0.5).toFixed(3)} ms, p99 ${percentile(steady, 0.99).toFixed(3)} ms, ` +
        `max ${steady[steady.length - 1].toFixed(3)} ms; step only p50 ${percentile(steps, 0.5).toFixed(3)} ms; ` +
        `kills ${kills}, max projectiles/room ${maxProjectiles}, ` +
        `heap ${((heapAfter - heapBefore) / 1e6).toFixed(1)} MB net`,
    );
    expect(kills).toBeGreaterThan(0);
    for (const room of rooms) expect(room.state.tick).toBe(TICKS);
  });
});
