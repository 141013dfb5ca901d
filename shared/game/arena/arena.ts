/**
 * The arena as a GameDefinition: the object the server hosts and the client
 * loads. Each method delegates to the file that owns that concern.
 *
 * @example
 *   const state = arena.createState(seed, { tickRate: 60 });
 *   arena.addPlayer(state, 1);
 *   arena.step(state, new Map([[1, { buttons: Button.Right | Button.Fire, aim: 0, viewTick: 0 }]]));
 */
import type { GameDefinition } from '../../engine/gameDefinition';
import type { GameEvent } from '../../protocol/messages';
import { ArenaKind } from './constants';
import { addPlayer, removePlayer } from './players';
import { arenaSchema } from './schema';
import { writeArenaSnapshot } from './snapshot';
import { createArenaState, type ArenaState } from './state';
import { stepArena } from './step';

export const arena: GameDefinition<ArenaState> = {
  name: 'arena',
  entitySchema: arenaSchema,
  entityKinds: { [ArenaKind.Player]: 'player', [ArenaKind.Projectile]: 'projectile' },
  createState: createArenaState,
  addPlayer,
  removePlayer,
  step: stepArena,
  tickOf: (state) => state.tick,
  writeSnapshot: writeArenaSnapshot,
  drainEvents(state: ArenaState, out: GameEvent[]): void {
    const events = state.events;
    for (let i = 0; i < events.length; i++) out.push(events[i]);
    events.length = 0;
  },
};
