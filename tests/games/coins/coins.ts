/**
 * Coin rush: the third game of docs/WRITING-A-GAME.md, small enough to read
 * in one sitting. Players walk a 400 × 400 field with four direction bits;
 * five coins sit at seeded random points; walking over one scores a point and
 * moves it elsewhere. It lives in the test folder and is hosted by the real
 * server in coins.test.ts: proof that a game needs no engine edits.
 */
import type { GameDefinition, PlayerSave, TickInput } from '../../../shared/engine/gameDefinition';
import { createRng, nextRandom } from '../../../shared/engine/prng';
import type { EntityTable } from '../../../shared/protocol/entityTable';
import type { EventsOf } from '../../../shared/protocol/eventSchema';
import type { InputOf } from '../../../shared/protocol/inputSchema';

export const FIELD_SIZE = 400;
/** Units per tick while a direction is held. */
export const STEP = 4;
export const COINS = 5;
export const PICKUP_RADIUS = 12;
const FIRST_COIN_ID = 256;

/** 1. The vocabulary: input fields, entity kinds, events. */
export const Dir = { Up: 1, Down: 2, Left: 4, Right: 8 } as const;
export const coinsInput = { fields: [{ name: 'dirs', kind: 'flags', bits: 4 }] } as const;
export type CoinsInput = InputOf<typeof coinsInput>;

export const CoinKind = { Walker: 1, Coin: 2 } as const;
const position = [
  { name: 'x', scale: 1, min: 0, max: FIELD_SIZE },
  { name: 'y', scale: 1, min: 0, max: FIELD_SIZE },
];
export const coinsEntities = {
  kinds: [
    { kind: CoinKind.Walker, name: 'walker', fields: [...position, { name: 'points', scale: 1, min: 0, max: 1_000_000 }] },
    { kind: CoinKind.Coin, name: 'coin', fields: position },
  ],
};

export const coinsEvents = [{ type: 'collected', fields: { id: { type: 'entity' }, coin: { type: 'entity' } } }] as const;
export type CoinsEvent = EventsOf<typeof coinsEvents>;

/** 2. The state: everything step() needs, the PRNG included. */
interface Walker {
  id: number;
  x: number;
  y: number;
  points: number;
}

export interface CoinsState {
  tick: number;
  rng: { rng: number };
  walkers: Walker[];
  coins: { id: number; x: number; y: number }[];
  events: CoinsEvent[];
}

function randomPoint(state: CoinsState): { x: number; y: number } {
  return { x: Math.floor(nextRandom(state.rng) * FIELD_SIZE), y: Math.floor(nextRandom(state.rng) * FIELD_SIZE) };
}

/** 3. The rules: one tick, in a fixed order (walkers by id, then pickups). */
function step(state: CoinsState, inputs: ReadonlyMap<number, TickInput<CoinsInput>>): void {
  state.tick++;
  for (const w of state.walkers) {
    const dirs = inputs.get(w.id)?.dirs ?? 0;
    w.x = clamp(w.x + ((dirs & Dir.Right ? STEP : 0) - (dirs & Dir.Left ? STEP : 0)));
    w.y = clamp(w.y + ((dirs & Dir.Down ? STEP : 0) - (dirs & Dir.Up ? STEP : 0)));
    for (const c of state.coins) {
      if ((c.x - w.x) ** 2 + (c.y - w.y) ** 2 > PICKUP_RADIUS ** 2) continue;
      w.points++;
      state.events.push({ type: 'collected', id: w.id, coin: c.id });
      Object.assign(c, randomPoint(state));
    }
  }
}

function clamp(v: number): number {
  return v < 0 ? 0 : v > FIELD_SIZE ? FIELD_SIZE : v;
}

/** 4. The definition the server hosts. */
export const coins: GameDefinition<CoinsState, CoinsInput, CoinsEvent> = {
  name: 'coins',
  title: 'Coin rush',
  version: 1,
  input: coinsInput,
  entities: coinsEntities,
  events: coinsEvents,
  defaultMaxPlayers: 8,
  quickPlayRoomName: (n) => `Coin field ${n}`,
  createState(seed) {
    const state: CoinsState = { tick: 0, rng: createRng(seed), walkers: [], coins: [], events: [] };
    for (let i = 0; i < COINS; i++) state.coins.push({ id: FIRST_COIN_ID + i, ...randomPoint(state) });
    return state;
  },
  addPlayer(state, id, save?: PlayerSave) {
    const at = randomPoint(state);
    state.walkers.push({ id, x: at.x, y: at.y, points: save ? Number(save.points) : 0 });
    state.walkers.sort((a, b) => a.id - b.id);
  },
  removePlayer(state, id) {
    const i = state.walkers.findIndex((w) => w.id === id);
    const [w] = state.walkers.splice(i, 1);
    return { points: w.points };
  },
  savePlayer(state, id) {
    return { points: state.walkers.find((w) => w.id === id)!.points };
  },
  step,
  tickOf: (state) => state.tick,
  viewGroup: () => 0,
  writeView(state, _viewer, out: EntityTable) {
    for (const w of state.walkers) {
      const row = out.push(w.id, CoinKind.Walker);
      out.set(row, 0, w.x);
      out.set(row, 1, w.y);
      out.set(row, 2, w.points);
    }
    for (const c of state.coins) {
      const row = out.push(c.id, CoinKind.Coin);
      out.set(row, 0, c.x);
      out.set(row, 1, c.y);
    }
  },
  drainEvents(state, out) {
    out.push(...state.events);
    state.events.length = 0;
  },
};
