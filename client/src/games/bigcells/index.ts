/**
 * The bigcells client module: the cells client (renderer, camera that follows
 * the player's cell, minimap, leaderboard, prediction) on the 16,384 u world.
 * The server sends only what the camera shows plus a margin (server/interest/),
 * so entities appear and disappear at the edge of that margin, off screen.
 */
import { bigcells, BIG_WORLD } from '../../../../shared/game/bigcells';
import type { ClientGameModule } from '../../sdk/gameModule';
import type { CellsControls } from '../cells/cellsInput';
import { CellsLogic } from '../cells/cellsLogic';
import type { PredictedCell } from '../cells/cellsModel';
import type { CellsView } from '../cells/cellsView';
import { cellsClient } from '../cells';

export const bigcellsClient: ClientGameModule<PredictedCell, CellsView, CellsControls> = {
  ...cellsClient,
  definition: bigcells,
  createLogic: (session) => new CellsLogic(session, BIG_WORLD),
};
