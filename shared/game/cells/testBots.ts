/**
 * Scripted bots for the determinism test and the throughput bench: each bot
 * hunts the next player's cell when it is light enough to eat (boosting when
 * close), flees it when it is a threat nearby, and otherwise wanders in a
 * direction it changes every second or so. Deterministic (an LCG of its own,
 * not the game's PRNG) and allocation-free: it rewrites the input objects it
 * was given.
 */
import { CellsButton, TARGET_MAX } from './constants';
import { heavyEnoughToEat } from './mass';
import type { CellsInput } from './schema';
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
