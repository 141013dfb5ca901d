/**
 * The bigcells client module: the cells client (renderer, camera that follows
 * the player's cell, prediction) on the 16,384 u world, with the leaderboard
 * and minimap fed by the room's standings streams (bigcellsLogic.ts).
 * The server sends only what the camera shows plus a margin (server/interest/),
 * so entities appear and disappear at the edge of that margin, off screen.
 */
import { bigcells } from '../../../../shared/game/bigcells';
import type { ClientGameModule } from '../../sdk/gameModule';
import type { CellsControls } from '../cells/cellsInput';
import type { PredictedCell } from '../cells/cellsModel';
import { cellsClient } from '../cells';
import { BigcellsLogic, type BigcellsView } from './bigcellsLogic';

export const bigcellsClient: ClientGameModule<PredictedCell, BigcellsView, CellsControls> = {
  definition: bigcells,
  controlsHelp: cellsClient.controlsHelp,
  createLogic: (session) => new BigcellsLogic(session),
  createPresenter: async () => new (await import('./bigcellsPresenter')).BigcellsPresenter(),
};
