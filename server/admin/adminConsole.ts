/**
 * The operator console (/admin), on only when `--admin-token` is set (404
 * otherwise): the page (client/dist/admin.html), a JSON snapshot, a live
 * event stream (SSE, one update a second: rooms, players, figures, the chart's
 * history, the audit list), and the actions. Every /admin/api request needs
 * the bearer token (adminAuth.ts): refused ones get a bare 401, an address
 * with too many failures 429.
 *
 *   GET  /admin                                         the console page
 *   GET  /admin/api/state                               AdminState (JSON)
 *   GET  /admin/api/events                              text/event-stream of AdminState
 *   POST /admin/api/rooms/:room/close                   4111 to its members, room disposed
 *   POST /admin/api/rooms/:room/players/:id/kick        4110, session ended
 *   POST /admin/api/rooms/:room/players/:id/mute|unmute
 *   POST /admin/api/drain                               the server's stop()
 */
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Registry } from 'prom-client';
import type { Config } from '../config';
import { sendError, sendJson, sendText, STATUS_TEXT } from '../http/respond';
import type { ResponseBudget } from '../http/responseBudget';
import type { registerStaticRoutes } from '../http/staticRoutes';
import type { Logger } from '../logger';
import type { RoomHost } from '../rooms/roomHost';
import type { ServerStats } from '../serverStats';
import { clientAddress } from '../ws/clientAddress';
import type { HttpResponse } from '../replay/replayApi';
import { AdminActions } from './adminActions';
import { AdminAudit } from './adminAudit';
import { AdminAuth } from './adminAuth';
import { AdminStreams } from './adminStream';
import { adminState } from './adminView';
import { MetricsHistory } from './metricsHistory';
import type { RoomTickTimes } from './roomTickTimes';
import { RoomTrafficRates } from './roomTrafficRates';

type App = Parameters<typeof registerStaticRoutes>[0];
type HttpRequest = Parameters<Parameters<App['get']>[1]>[1];

export interface AdminDeps {
  config: Config;
  host: RoomHost;
  stats: ServerStats;
  registry: Registry;
  roomTimes: RoomTickTimes;
  budget: ResponseBudget;
  log: Logger;
  now: () => number;
  isDraining: () => boolean;
  drain: () => void;
}

export interface AdminConsole {
  close(): void;
}

const NOT_FOUND = 'not found\n';
// respond.ts names the statuses its routes use; the console's refusal is 401 (the lead may move this line there).
STATUS_TEXT[401] ??= '401 Unauthorized';

export function registerAdminConsole(app: App, deps: AdminDeps): AdminConsole {
  const { config, budget } = deps;
  if (!config.adminToken) {
    // get() as well as any(): a GET of /admin.js must not fall through to the static files.
    for (const path of ['/admin', '/admin/*', '/admin.html', '/admin.js', '/admin.js.map']) {
      app.get(path, (res) => sendText(res, budget, 404, NOT_FOUND));
      app.any(path, (res) => sendText(res, budget, 404, NOT_FOUND));
    }
    return { close() {} };
  }
  const auth = new AdminAuth(config.adminToken);
  const audit = new AdminAudit(deps.log);
  const actions = new AdminActions(deps.host, audit, deps.drain, deps.now);
  const history = new MetricsHistory(deps.registry, deps.stats, () => deps.host.playerCount);
  const streams = new AdminStreams();
  const rates = new RoomTrafficRates();
  const page = loadPage(config.clientDir);
  const snapshot = () =>
    JSON.stringify(adminState(deps.host, deps.stats, deps.roomTimes, rates, deps.now(), { atMs: Date.now(), draining: deps.isDraining(), latest: history.latest, history: history.list(), audit: audit.list() }));

  const timer = setInterval(() => {
    void history.sample(deps.now()).then(
      () => streams.broadcast(snapshot(), deps.now()),
      (err: unknown) => deps.log.warn({ err }, 'admin: metrics sample failed'),
    );
  }, 1000);
  timer.unref();

  /** The caller's address, or null after answering 401/429. */
  const authorize = (res: HttpResponse, req: HttpRequest): string | null => {
    const peer = new TextDecoder().decode(res.getRemoteAddressAsText());
    const address = clientAddress(peer, req.getHeader('x-forwarded-for'), config.trustedProxies);
    const result = auth.check(address, req.getHeader('authorization'), deps.now());
    if (result === 'ok') return address;
    deps.log.warn({ address, result }, 'admin: refused request');
    if (result === 'limited') sendError(res, budget, 429, 'too_many_attempts', 'too many failed attempts; wait a minute', {}, { 'Retry-After': '60' });
    else sendError(res, budget, 401, 'unauthorized', 'unauthorized', {}, { 'WWW-Authenticate': 'Bearer' });
    return null;
  };
  const playerId = (req: HttpRequest) => {
    const n = Number(req.getParameter(1));
    return Number.isInteger(n) && n >= 1 && n <= 255 ? n : 0;
  };
  const answer = (res: HttpResponse, ok: boolean) =>
    ok ? sendJson(res, budget, 200, { ok: true }) : sendError(res, budget, 404, 'not_found', 'no such room or player');

  for (const path of ['/admin', '/admin/', '/admin.html']) {
    app.get(path, (res) => {
      if (!page) return sendText(res, budget, 503, 'The client is not built. Run: npm run build:client\n');
      sendText(res, budget, 200, page, { 'Content-Type': 'text/html; charset=utf-8', 'Cache-Control': 'no-store', 'X-Frame-Options': 'DENY' });
    });
  }
  app.get('/admin/api/state', (res, req) => {
    if (authorize(res, req) === null) return;
    sendJson(res, budget, 200, JSON.parse(snapshot()) as unknown);
  });
  app.get('/admin/api/events', (res, req) => {
    if (authorize(res, req) === null) return;
    if (streams.full) return sendError(res, budget, 503, 'busy', 'too many console streams open');
    streams.open(res, snapshot(), deps.now());
  });
  app.post('/admin/api/rooms/:room/close', (res, req) => {
    const address = authorize(res, req);
    if (address !== null) answer(res, actions.closeRoom(req.getParameter(0) ?? '', address));
  });
  for (const verb of ['kick', 'mute', 'unmute'] as const) {
    app.post(`/admin/api/rooms/:room/players/:player/${verb}`, (res, req) => {
      const address = authorize(res, req);
      if (address === null) return;
      const room = req.getParameter(0) ?? '';
      const id = playerId(req);
      answer(res, verb === 'kick' ? actions.kick(room, id, address) : actions.setMuted(room, id, verb === 'mute', address));
    });
  }
  app.post('/admin/api/drain', (res, req) => {
    const address = authorize(res, req);
    if (address === null) return;
    sendJson(res, budget, 202, { ok: true, draining: true });
    actions.drain(address);
  });
  app.any('/admin/*', (res, req) => {
    if (authorize(res, req) === null) return;
    sendError(res, budget, 404, 'not_found', 'no such console endpoint');
  });
  return {
    close() {
      clearInterval(timer);
      streams.closeAll();
    },
  };
}

function loadPage(clientDir: string): string | null {
  const path = join(resolve(clientDir), 'admin.html');
  return existsSync(path) ? readFileSync(path, 'utf8') : null;
}
