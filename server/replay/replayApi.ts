/**
 * GET /api/replays — recent recorded matches (newest first, ReplaySummary[]);
 * GET /api/replays/:id — the replay file itself (application/octet-stream);
 * GET /replay?id=… — the browser player's page.
 * Ids are checked against REPLAY_ID_PATTERN before any file is touched;
 * bodies leave through the response budget like every other route. When
 * replays are off both answer 404.
 *
 * uWS is reached only through server/http's helpers: the handler types are
 * taken from them, so this folder imports no transport.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { endBody, writeBusy, type ResponseBudget } from '../http/responseBudget';
import { sendError, sendJson, sendText } from '../http/respond';
import type { registerStaticRoutes } from '../http/staticRoutes';
import type { Logger } from '../logger';
import type { ReplayService } from './replayService';
import { REPLAY_ID_PATTERN } from './replaySummary';

type App = Parameters<typeof registerStaticRoutes>[0];
export type HttpResponse = Parameters<typeof sendJson>[0];

/** The list is short: the lobby shows the latest few. */
const MAX_LISTED = 50;

export function registerReplayApi(app: App, deps: { replays: ReplayService; budget: ResponseBudget; log: Logger; clientDir: string }): void {
  const { replays, budget } = deps;
  // The player page: /replay?id=… (client/src/replay), built as replay.html.
  const pagePath = join(resolve(deps.clientDir), 'replay.html');
  const page = existsSync(pagePath) ? readFileSync(pagePath, 'utf8') : null;
  app.get('/replay', (res) => {
    if (!page) return sendText(res, budget, 503, 'The client is not built. Run: npm run build:client\n');
    sendText(res, budget, 200, page, { 'Content-Type': 'text/html; charset=utf-8', 'Cache-Control': 'no-cache' });
  });
  app.get('/api/replays', (res, req) => {
    const store = replays.store;
    if (!store) return sendError(res, budget, 404, 'replays_off', 'this server does not record replays');
    const limit = Math.min(MAX_LISTED, Math.max(1, Number(new URLSearchParams(req.getQuery() ?? '').get('limit')) || 20));
    sendJson(res, budget, 200, { replays: store.list(limit) });
  });

  app.get('/api/replays/:id', (res, req) => {
    const id = req.getParameter(0) ?? '';
    const store = replays.store;
    if (!store) return sendError(res, budget, 404, 'replays_off', 'this server does not record replays');
    if (!REPLAY_ID_PATTERN.test(id)) return sendError(res, budget, 400, 'invalid_id', 'a replay id is lowercase letters and digits: <room>-<time>');
    if (!store.has(id)) return sendError(res, budget, 404, 'not_found', 'no such replay (retention may have deleted it)');
    let aborted = false;
    res.onAborted(() => {
      aborted = true;
    });
    void store.read(id).then((bytes) => {
      if (aborted) return;
      res.cork(() => {
        if (!bytes) return sendError(res, budget, 404, 'not_found', 'no such replay');
        if (!budget.canStart(bytes.length)) return writeBusy(res, budget);
        res.writeStatus('200 OK');
        res.writeHeader('Content-Type', 'application/octet-stream');
        res.writeHeader('Cache-Control', 'private, max-age=3600');
        res.writeHeader('X-Content-Type-Options', 'nosniff');
        res.writeHeader('Content-Disposition', `attachment; filename="${id}.twr"`);
        endBody(res, budget, bytes, { shared: false });
      });
    });
  });
}
