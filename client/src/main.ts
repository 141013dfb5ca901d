/**
 * Browser entry: the lobby, then a game screen; back to the lobby (with the
 * reason) when the game ends. URL parameters: network simulation
 * (?lag=150&jitter=20&loss=5, lagUp/lagDown/…), ?hud=1 to open the network HUD;
 * spectating links (issue 15): ?watch=ROOMID, or ?code=JOINCODE&watch=1 for a private room.
 * window.__tickwire exposes a small debug hook for tests.
 */
import './style.css';
import { clientGames } from './games/registry';
import { LobbyView } from './sdk/lobby/lobbyView';
import { conditionsFromParams } from './sdk/net/networkSimulator';
import type { DebugState } from './sdk/screen/debugState';
import { GameScreen } from './sdk/screen/gameScreen';
import { GameCatalog } from './sdk/session/gameCatalog';
import { watchTargetFromParams } from './sdk/lobby/watchLink';

declare global {
  interface Window {
    __tickwire?: { state(): DebugState | { phase: 'lobby' } };
  }
}

const app = document.getElementById('app') ?? document.body;
const params = new URLSearchParams(location.search);
const baseUrl = location.origin;
const games = new GameCatalog(clientGames);
let screen: GameScreen | null = null;
const hudVisible = params.get('hud') === '1';

const lobby = new LobbyView(app, baseUrl, games, {
  onJoin(target, name) {
    lobby.hide();
    screen = new GameScreen(app, {
      baseUrl,
      name,
      target,
      conditions: conditionsFromParams(params),
      hudVisible,
      games,
      onExit(message) {
        const s = screen;
        screen = null;
        // Let the current callback finish before tearing the screen down.
        setTimeout(() => s?.dispose(), 0);
        lobby.show(message);
      },
    });
    screen.start().catch((err: unknown) => {
      console.error('game failed to start', err);
      screen?.dispose();
      screen = null;
      lobby.show(`The game could not start: ${err instanceof Error ? err.message : String(err)}`);
    });
  },
});
const watchTarget = watchTargetFromParams(params);
if (watchTarget && 'target' in watchTarget) lobby.watch(watchTarget.target);
else lobby.show(watchTarget?.message ?? '');

window.__tickwire = {
  state: () => screen?.debugState() ?? { phase: 'lobby' },
};
