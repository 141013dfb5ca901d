/**
 * Lobby routes that may ask the cluster (async): GET /api/rooms lists every
 * live node's public rooms with their node's URL; GET /api/quickplay names the
 * node (and likely room) to quick-play on. Without a cluster they answer from
 * this process alone. If the store is unreachable, /api/rooms degrades to this
 * node's rooms with `"partial": true`, and /api/quickplay names this node
 * (`"partial": true`): its quick play opens a room here.
 */
import { TypeCompiler } from '@sinclair/typebox/compiler';
import type { HttpResponse, TemplatedApp } from 'uWebSockets.js';
import { GameName } from '../../shared/protocol/messages';
import { clusterRooms, matchQuickPlay } from '../cluster/clusterLobby';
import type { ClusterNode } from '../cluster/clusterNode';
import { ClusterUnavailableError } from '../cluster/clusterStore';
import type { Logger } from '../logger';
import type { RoomHost } from '../rooms/roomHost';
import { sendError, sendJson } from './respond';
import type { ResponseBudget } from './responseBudget';

const gameNameCheck = TypeCompiler.Compile(GameName);

export interface ClusterLobbyDeps {
  host: RoomHost;
  budget: ResponseBudget;
  log: Logger;
  cluster: () => ClusterNode | null;
  /** This server's own URL, for the answer without a cluster. */
  selfUrl: () => string;
}

/** Run `work` after the handler returned; answer in a cork unless the client went away. */
function answerLater(res: HttpResponse, work: () => Promise<(res: HttpResponse) => void>, log: Logger): void {
  let aborted = false;
  res.onAborted(() => (aborted = true));
  work().then(
    (answer) => {
      if (!aborted) res.cork(() => answer(res));
    },
    (err: unknown) => {
      log.error({ err: err instanceof Error ? err.message : String(err) }, 'cluster lobby route failed');
      if (!aborted) res.cork(() => res.writeStatus('500 Internal Server Error').end());
    },
  );
}

export function registerClusterLobbyRoutes(app: TemplatedApp, deps: ClusterLobbyDeps): void {
  const { host, budget, log } = deps;

  app.get('/api/rooms', (res) => {
    const node = deps.cluster();
    if (!node) return sendJson(res, budget, 200, { rooms: host.directory.listPublic() });
    answerLater(
      res,
      async () => {
        try {
          const rooms = await clusterRooms(node, host);
          return (r) => sendJson(r, budget, 200, { rooms });
        } catch (err) {
          if (!(err instanceof ClusterUnavailableError)) throw err;
          const rooms = host.directory.listPublic().map((x) => ({ ...x, node: node.nodeId, url: node.publicUrl }));
          return (r) => sendJson(r, budget, 200, { rooms, partial: true });
        }
      },
      log,
    );
  });

  app.get('/api/quickplay', (res, req) => {
    const asked = req.getQuery('game');
    if (asked !== undefined && !gameNameCheck.Check(asked)) return sendError(res, budget, 400, 'bad_request', 'malformed game name');
    const game = asked ?? host.games.default.game.name;
    if (!host.games.get(game)) return sendError(res, budget, 404, 'unknown_game', 'this server hosts no such game (GET /api/games)');
    answerLater(
      res,
      async () => {
        try {
          const match = await matchQuickPlay(deps.cluster(), host, game, deps.selfUrl());
          return (r) => sendJson(r, budget, 200, match);
        } catch (err) {
          if (!(err instanceof ClusterUnavailableError)) throw err;
          // Quick play still works here: this node opens a room (it cannot see the others').
          const node = deps.cluster()!;
          return (r) => sendJson(r, budget, 200, { game, node: node.nodeId, url: node.publicUrl, room: null, partial: true });
        }
      },
      log,
    );
  });
}
