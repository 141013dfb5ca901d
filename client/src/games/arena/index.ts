/**
 * The arena's client module: registered in client/src/games/registry.ts.
 * Logic (DOM-free) is built per session; the presenter (Pixi, DOM) is loaded
 * only when a screen mounts it.
 */
import { arena } from '../../../../shared/game/arena';
import type { ClientGameModule } from '../../sdk/gameModule';
import type { ArenaControls } from './arenaInput';
import { ArenaLogic } from './arenaLogic';
import type { PredictedPlayer } from './arenaModel';
import type { FrameView } from './frameView';

export const arenaClient: ClientGameModule<PredictedPlayer, FrameView, ArenaControls> = {
  definition: arena,
  controlsHelp: 'Move: WASD / arrows · aim: mouse · fire: click or Space · touch: stick + fire button',
  createLogic: (session) => new ArenaLogic(session),
  createPresenter: async () => new (await import('./arenaPresenter')).ArenaPresenter(),
};
