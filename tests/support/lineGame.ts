/**
 * A tiny deterministic game for room-runtime tests: players move one unit per
 * tick along x/y by their buttons and carry a counter of inputs seen. It
 * exercises the engine contract without the arena's physics, and shares
 * nothing with the arena: its own buttons, fields and event.
 */
import type { GameDefinition, PlayerSave, TickInput } from '../../shared/engine/gameDefinition';
import type { EntityTable } from '../../shared/protocol/entityTable';
import type { EventsOf } from '../../shared/protocol/eventSchema';
import type { InputOf } from '../../shared/protocol/inputSchema';

export const LineButton = { Up: 1, Down: 2, Left: 4, Right: 8, Mark: 16 } as const;

interface LinePlayer {
  x: number;
  y: number;
  aim: number;
  presses: number;
}

export const lineInput = {
  fields: [
    { name: 'buttons', kind: 'flags', bits: 5, carryMask: LineButton.Mark },
    { name: 'aim', kind: 'uint', bits: 16, wrap: true },
  ],
} as const;
export type LineInput = InputOf<typeof lineInput>;

export const lineEvents = [{ type: 'marked', fields: { id: { type: 'entity' }, presses: { type: 'int', min: 0, max: 1e9 } } }] as const;
export type LineEvent = EventsOf<typeof lineEvents>;

export interface LineState {
  tick: number;
  players: Map<number, LinePlayer>;
  events: LineEvent[];
}

export const lineEntities = {
  kinds: [
    {
      kind: 1,
      name: 'player',
      fields: [
        { name: 'x', scale: 1, min: -1_000_000, max: 1_000_000 },
        { name: 'y', scale: 1, min: -1_000_000, max: 1_000_000 },
        { name: 'aim', scale: 1, min: 0, max: 65535, wrap: 65536 },
        { name: 'presses', scale: 1, min: 0, max: 1_000_000_000 },
      ],
    },
  ],
};

export const lineGame: GameDefinition<LineState, LineInput, LineEvent> = {
  name: 'line',
  title: 'Line',
  version: 1,
  input: lineInput,
  entities: lineEntities,
  events: lineEvents,
  defaultMaxPlayers: 4,
  quickPlayRoomName: (n) => `Line ${n}`,
  createState: () => ({ tick: 0, players: new Map(), events: [] }),
  addPlayer(state, id, save?: PlayerSave) {
    state.players.set(id, save ? { x: Number(save.x), y: Number(save.y), aim: Number(save.aim), presses: Number(save.presses) } : { x: 0, y: 0, aim: 0, presses: 0 });
  },
  removePlayer(state, id) {
    const save = this.savePlayer(state, id);
    state.players.delete(id);
    return save;
  },
  savePlayer(state, id) {
    const p = state.players.get(id)!;
    return { x: p.x, y: p.y, aim: p.aim, presses: p.presses };
  },
  step(state, inputs: ReadonlyMap<number, TickInput<LineInput>>) {
    state.tick++;
    for (const [id, input] of inputs) {
      const p = state.players.get(id);
      if (!p) continue;
      if (input.buttons & LineButton.Right) p.x++;
      if (input.buttons & LineButton.Left) p.x--;
      if (input.buttons & LineButton.Down) p.y++;
      if (input.buttons & LineButton.Up) p.y--;
      if (input.buttons !== 0) p.presses++;
      p.aim = input.aim;
      if (input.buttons & LineButton.Mark) state.events.push({ type: 'marked', id, presses: p.presses });
    }
  },
  tickOf: (state) => state.tick,
  viewGroup: () => 0,
  writeView(state, _viewer, out: EntityTable) {
    for (const [id, p] of [...state.players].sort((a, b) => a[0] - b[0])) {
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
