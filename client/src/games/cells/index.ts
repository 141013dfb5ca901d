/**
 * The cells client module: registered in client/src/games/registry.ts. Logic
 * (DOM-free) is built per session; the presenter (Pixi, DOM) is loaded only
 * when a screen mounts it.
 */
import { cells } from '../../../../shared/game/cells';
import type { ClientGameModule } from '../../sdk/gameModule';
import type { CellsControls } from './cellsInput';
import { CellsLogic } from './cellsLogic';
import type { PredictedCell } from './cellsModel';
import type { CellsView } from './cellsView';

export const cellsClient: ClientGameModule<PredictedCell, CellsView, CellsControls> = {
  definition: cells,
  controlsHelp: 'Steer: mouse (touch: stick) · boost: Space or hold a mouse button (costs mass) · eat smaller cells',
  createLogic: (session) => new CellsLogic(session),
  createPresenter: async () => new (await import('./cellsPresenter')).CellsPresenter(),
};
