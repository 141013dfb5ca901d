/**
 * Scripted bots for the determinism and allocation tests and the throughput
 * bench (test code, not part of the game). driveBots: each bot
 * hunts the next player's cell when it is light enough to eat (boosting when
 * close), flees it when it is a threat nearby, and otherwise wanders in a
 * direction it changes every second or so. Deterministic (an LCG of its own,
 * not the game's PRNG) and allocation-free: it rewrites the input objects it
 * was given.
 */
import { EntityTable } from '../../protocol/entityTable';
import { cells } from './cells';
import { CellsButton, TARGET_MAX } from './constants';
import type { CellsEvent } from './events';
import { heavyEnoughToEat } from './mass';
import { CELLS_STRIDE, type CellsInput } from './schema';
import type { CellsState } from './state';

/** A bot's input, rewritten in place every tick. */
export type BotInput = CellsInput & { viewTick: number };

export interface Bots {
  readonly inputs: Map<number, BotInput>;
  rng: number;
}

export function createBots(state: CellsState, seed: number): Bots {
  const inputs = new Map<number, BotInput>();
  for (const c of state.cells) inputs.set(c.id, { targetX: 0, targetY: 0, buttons: 0, viewTick: 0 });
  return { inputs, rng: seed >>> 0 };
}

const CHASE_RANGE = 900;
const BOOST_RANGE = 250;
const FLEE_RANGE = 300;

/** Write this tick's input of every bot. */
export function driveBots(state: CellsState, bots: Bots): void {
  const list = state.cells;
  const n = list.length;
  for (let i = 0; i < n; i++) {
    const me = list[i];
    const f = bots.inputs.get(me.id);
    if (f === undefined || me.respawnTicks > 0) continue;
    const other = list[(i + 1) % n];
    const dx = other.x - me.x;
    const dy = other.y - me.y;
    const d2 = dx * dx + dy * dy;
    f.viewTick = state.tick;
    if (other !== me && other.respawnTicks === 0 && heavyEnoughToEat(me.mass, other.mass) && d2 < CHASE_RANGE * CHASE_RANGE) {
      setTarget(f, dx, dy);
      f.buttons = d2 < BOOST_RANGE * BOOST_RANGE && me.mass >= 40 ? CellsButton.Boost : 0;
    } else if (other !== me && other.respawnTicks === 0 && heavyEnoughToEat(other.mass, me.mass) && d2 < FLEE_RANGE * FLEE_RANGE) {
      setTarget(f, -dx, -dy);
      f.buttons = me.mass >= 40 ? CellsButton.Boost : 0;
    } else if ((state.tick + i * 7) % 60 === 0) {
      bots.rng = (Math.imul(bots.rng, 1664525) + 1013904223) >>> 0;
      // Head back toward the middle when near an edge, else a random offset.
      const cx = state.world.width / 2 - me.x;
      const cy = state.world.height / 2 - me.y;
      const nearEdge = Math.abs(cx) > state.world.width * 0.4 || Math.abs(cy) > state.world.height * 0.4;
      if (nearEdge) setTarget(f, cx, cy);
      else setTarget(f, ((bots.rng >>> 8) & 1023) - 512, ((bots.rng >>> 18) & 1023) - 512);
      f.buttons = 0;
    }
  }
}

/** Pointer offset (dx, dy) scaled so both components fit the 12-bit field, as a client does. */
function setTarget(f: BotInput, dx: number, dy: number): void {
  const m = Math.max(Math.abs(dx), Math.abs(dy));
  const k = m > TARGET_MAX ? TARGET_MAX / m : 1;
  f.targetX = Math.round(dx * k);
  f.targetY = Math.round(dy * k);
}

/** Offsets around a circle, one per tick of a 2 s turn at 60 Hz: a cell steered by them circles ~95 u wide. */
const TURN_TICKS = 120;
const CIRCLE_X = Int32Array.from({ length: TURN_TICKS }, (_, i) => Math.round(600 * Math.cos((2 * Math.PI * i) / TURN_TICKS)));
const CIRCLE_Y = Int32Array.from({ length: TURN_TICKS }, (_, i) => Math.round(600 * Math.sin((2 * Math.PI * i) / TURN_TICKS)));

export interface SteadyPlay {
  readonly state: CellsState;
  /** Bot inputs, step, writeView and drainEvents for one tick. */
  tick(): void;
  readonly events: CellsEvent[];
}

/**
 * Steady play for allocation checks: `players` cells of mass 60 on a lattice
 * 500 u apart, each circling on its own and boosting 0.5 s out of every 3 s.
 * They eat food (which grows back), eject mass and eat some of it again, but
 * never meet each other, so no event is produced.
 */
export function createSteadyPlay(players: number): SteadyPlay {
  const state = cells.createState(3, { tickRate: 60 });
  const inputs = new Map<number, BotInput>();
  for (let id = 1; id <= players; id++) {
    cells.addPlayer(state, id);
    const c = state.cellById[id]!;
    c.x = 300 + ((id - 1) % 10) * 500;
    c.y = 300 + Math.floor((id - 1) / 10) * 500;
    c.mass = 60;
    inputs.set(id, { targetX: 0, targetY: 0, buttons: 0, viewTick: 0 });
  }
  const table = new EntityTable(CELLS_STRIDE, 8192);
  const events: CellsEvent[] = [];
  const viewer = { playerId: 1, focus: 0, x: 0, y: 0 };
  const tick = () => {
    const t = state.tick;
    for (let id = 1; id <= players; id++) {
      const f = inputs.get(id)!;
      f.targetX = CIRCLE_X[(t + id) % TURN_TICKS];
      f.targetY = CIRCLE_Y[(t + id) % TURN_TICKS];
      f.buttons = (t + id) % 180 < 30 ? CellsButton.Boost : 0;
    }
    cells.step(state, inputs);
    cells.writeView(state, viewer, table.begin(state.tick));
    cells.drainEvents(state, events);
  };
  return { state, tick, events };
}
