/**
 * Cells as a GameDefinition: the object the server hosts and the client
 * loads. Each method delegates to the file that owns that concern.
 *
 * @example
 *   const state = cells.createState(seed, { tickRate: 60 });
 *   cells.addPlayer(state, 1);
 *   cells.step(state, new Map([[1, { targetX: 200, targetY: 0, buttons: CellsButton.Boost, viewTick: 0 }]]));
 */
import type { GameDefinition } from '../../engine/gameDefinition';
import { cellsEventSpecs, type CellsEvent } from './events';
import { addPlayer, removePlayer, savePlayer } from './players';
import { cellsEntitySchema, cellsInputSchema, type CellsInput } from './schema';
import { createCellsState, type CellsState } from './state';
import { stepCells } from './step';
import { viewGroupOf, writeCellsView } from './view';

export const cells: GameDefinition<CellsState, CellsInput, CellsEvent> = {
  name: 'cells',
  title: 'Cells',
  version: 1,
  input: cellsInputSchema,
  entities: cellsEntitySchema,
  events: cellsEventSpecs,
  defaultMaxPlayers: 50,
  quickPlayRoomName: (n) => `Petri Dish ${n}`,
  createState: createCellsState,
  addPlayer,
  removePlayer,
  savePlayer,
  step: stepCells,
  tickOf: (state) => state.tick,
  viewGroup: viewGroupOf,
  writeView: writeCellsView,
  drainEvents(state: CellsState, out: CellsEvent[]): void {
    const events = state.events;
    for (let i = 0; i < events.length; i++) out.push(events[i]);
    events.length = 0;
  },
};
