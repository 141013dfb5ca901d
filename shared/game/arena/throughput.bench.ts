/**
 * Throughput of the arena as the server runs it: `rooms` rooms × `players` bots
 * (wander, aim at the next player, hold Fire), one step + writeView per room
 * per tick. Used by arena.soak.test.ts, which runs it in a child process under
 * tsx like the server: inside vitest every imported binding becomes a property
 * read on a module namespace object, which makes hot loops several times slower
 * and the figures meaningless.
 *
 * Wall-clock figures; run on an idle machine to compare them across changes.
 */
import type { TickInput, Viewer } from '../../engine/gameDefinition';
import { EntityTable } from '../../protocol/entityTable';
import { aimFromVector } from './aim';
import { arena } from './arena';
import { ArenaButton } from './constants';
import { ARENA_FIELD_COUNT, type ArenaEvent, type ArenaInput } from './schema';
import type { ArenaState } from './state';

type BotInput = { -readonly [K in keyof TickInput<ArenaInput>]: number };
/** Every arena viewer sees the whole world (viewGroup is constant): one capture per room, as the server does. */
const ROOM_VIEW: Viewer = { playerId: 0, focus: 0, x: 0, y: 0 };

export interface ThroughputFigures {
  rooms: number;
  players: number;
  ticks: number;
  /** One server tick across all rooms (step + writeView), ms, after a 1 s warm-up. */
  tickMs: { mean: number; p50: number; p90: number; p99: number; max: number };
  /** step() alone across all rooms, ms. */
  stepMsP50: number;
  kills: number;
  maxProjectilesPerRoom: number;
}

interface Room {
  state: ArenaState;
  inputs: Map<number, BotInput>;
  frames: BotInput[];
  table: EntityTable;
  rng: number;
}

export function runThroughput(rooms = 200, players = 10, ticks = 1800, now = () => performance.now()): ThroughputFigures {
  const all: Room[] = [];
  for (let r = 0; r < rooms; r++) {
    const state = arena.createState(1000 + r, { tickRate: 60 });
    const inputs = new Map<number, BotInput>();
    const frames: BotInput[] = [];
    for (let id = 1; id <= players; id++) {
      arena.addPlayer(state, id);
      const f = { buttons: 0, aim: 0, viewTick: 0 };
      frames.push(f);
      inputs.set(id, f);
    }
    all.push({ state, inputs, frames, table: new EntityTable(ARENA_FIELD_COUNT, 64), rng: 1000 + r });
  }
  const events: ArenaEvent[] = [];
  const tickMs = new Float64Array(ticks);
  const stepMs = new Float64Array(ticks);
  let kills = 0;
  let maxProjectiles = 0;
  for (let t = 0; t < ticks; t++) {
    for (const room of all) botInputs(room);
    const t0 = now();
    for (const room of all) arena.step(room.state, room.inputs);
    const t1 = now();
    for (const room of all) arena.writeView(room.state, ROOM_VIEW, room.table.begin(room.state.tick));
    const t2 = now();
    stepMs[t] = t1 - t0;
    tickMs[t] = t2 - t0;
    for (const room of all) {
      arena.drainEvents(room.state, events);
      if (room.state.projectiles.length > maxProjectiles) maxProjectiles = room.state.projectiles.length;
    }
    for (const e of events) if (e.type === 'killed') kills++;
    events.length = 0;
  }
  const warm = Math.min(60, ticks >> 1);
  const sorted = tickMs.slice(warm).sort();
  const steps = stepMs.slice(warm).sort();
  const at = (a: Float64Array, p: number) => a[Math.min(a.length - 1, Math.floor(a.length * p))];
  return {
    rooms,
    players,
    ticks,
    tickMs: {
      mean: sorted.reduce((a, b) => a + b, 0) / sorted.length,
      p50: at(sorted, 0.5),
      p90: at(sorted, 0.9),
      p99: at(sorted, 0.99),
      max: sorted[sorted.length - 1],
    },
    stepMsP50: at(steps, 0.5),
    kills,
    maxProjectilesPerRoom: maxProjectiles,
  };
}

/** Bots: change direction every half second, aim at the next player, fire. */
function botInputs(room: Room): void {
  const { state, frames } = room;
  const n = state.players.length;
  for (let i = 0; i < n; i++) {
    const f = frames[i];
    const me = state.players[i];
    const target = state.players[(i + 1) % n];
    if ((state.tick + i) % 30 === 0) {
      room.rng = (Math.imul(room.rng, 1664525) + 1013904223) >>> 0;
      f.buttons = room.rng >>> 28;
    }
    f.buttons = (f.buttons & 0x0f) | ArenaButton.Fire;
    f.aim = aimFromVector(target.x - me.x, target.y - me.y);
    f.viewTick = state.tick > 6 ? state.tick - 6 : 0;
  }
}
