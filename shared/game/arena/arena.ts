/**
 * The arena as a GameDefinition: the object the server hosts and the client
 * loads. Each method delegates to the file that owns that concern.
 *
 * @example
 *   const state = arena.createState(seed, { tickRate: 60 });
 *   arena.addPlayer(state, 1);
 *   arena.step(state, new Map([[1, { buttons: ArenaButton.Right | ArenaButton.Fire, aim: 0, viewTick: 0 }]]));
 */
import type { GameDefinition } from '../../engine/gameDefinition';
import { addPlayer, removePlayer, savePlayer } from './players';
import { arenaEventSpecs, arenaInputSchema, arenaSchema, type ArenaEvent, type ArenaInput } from './schema';
import { writeArenaSnapshot } from './snapshot';
import { createArenaState, type ArenaState } from './state';
import { stepArena } from './step';

export const arena: GameDefinition<ArenaState, ArenaInput, ArenaEvent> = {
  name: 'arena',
  title: 'Arena',
  version: 5,
  input: arenaInputSchema,
  entities: arenaSchema,
  events: arenaEventSpecs,
  defaultMaxPlayers: 10,
  quickPlayRoomName: (n) => `Arena ${n}`,
  createState: createArenaState,
  addPlayer,
  removePlayer,
  savePlayer,
  step: stepArena,
  tickOf: (state) => state.tick,
  // Everyone sees the whole arena: one capture and one encode per baseline for the room.
  viewGroup: () => 0,
  writeView: (state, _viewer, out) => writeArenaSnapshot(state, out),
  drainEvents(state: ArenaState, out: ArenaEvent[]): void {
    const events = state.events;
    for (let i = 0; i < events.length; i++) out.push(events[i]);
    events.length = 0;
  },
};
