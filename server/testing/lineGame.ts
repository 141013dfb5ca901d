/**
 * A tiny deterministic game for room-runtime tests: players move one unit per
 * tick along x/y by their buttons and carry a counter of inputs seen. It
 * exercises the engine contract without the arena's physics.
 */
import type { GameDefinition, PlayerInput, PlayerSave } from '../../shared/engine/gameDefinition';
import { Button } from '../../shared/protocol/constants';
import type { EntitySchema } from '../../shared/protocol/entitySchema';
import type { EntityTable } from '../../shared/protocol/entityTable';
import type { GameEvent } from '../../shared/protocol/messages';

interface LinePlayer {
  x: number;
  y: number;
  aim: number;
  presses: number;
}

export interface LineState {
  tick: number;
  players: Map<number, LinePlayer>;
  events: GameEvent[];
}

export const lineSchema: EntitySchema = {
  fields: [
    { name: 'x', scale: 1, min: -1_000_000, max: 1_000_000 },
    { name: 'y', scale: 1, min: -1_000_000, max: 1_000_000 },
    { name: 'aim', scale: 1, min: 0, max: 65535, wrap: 65536 },
    { name: 'presses', scale: 1, min: 0, max: 1_000_000_000 },
  ],
};

export const lineGame: GameDefinition<LineState> = {
  name: 'line',
  entitySchema: lineSchema,
  entityKinds: { 1: 'player' },
  createState: () => ({ tick: 0, players: new Map(), events: [] }),
  addPlayer(state, id, save?: PlayerSave) {
    state.players.set(id, save ? { x: Number(save.x), y: Number(save.y), aim: Number(save.aim), presses: Number(save.presses) } : { x: 0, y: 0, aim: 0, presses: 0 });
  },
  removePlayer(state, id) {
    const p = state.players.get(id)!;
    state.players.delete(id);
    return { x: p.x, y: p.y, aim: p.aim, presses: p.presses };
  },
  step(state, inputs: ReadonlyMap<number, PlayerInput>) {
    state.tick++;
    for (const [id, input] of inputs) {
      const p = state.players.get(id);
      if (!p) continue;
      if (input.buttons & Button.Right) p.x++;
      if (input.buttons & Button.Left) p.x--;
      if (input.buttons & Button.Down) p.y++;
      if (input.buttons & Button.Up) p.y--;
      if (input.buttons !== 0) p.presses++;
      p.aim = input.aim;
      if (input.buttons & Button.Fire) state.events.push({ type: 'scored', id, score: p.presses });
    }
  },
  tickOf: (state) => state.tick,
  writeSnapshot(state, out: EntityTable) {
    for (const [id, p] of state.players) {
      const row = out.push(id, 1);
      out.set(row, 0, p.x);
      out.set(row, 1, p.y);
      out.set(row, 2, p.aim);
      out.set(row, 3, p.presses);
    }
  },
  drainEvents(state, out) {
    out.push(...state.events);
    state.events.length = 0;
  },
};
