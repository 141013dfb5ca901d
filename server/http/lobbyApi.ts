/**
 * The lobby API: list public rooms, create a room. Bodies are untrusted:
 * size-capped, parsed inside a catch, validated against a schema that rejects
 * extra keys, the room name held to the text rule (well-formed, no control
 * characters: shared/protocol/wellFormedText.ts); every failure is a JSON 4xx
 * with a reason. Each address may hold `maxRoomsPerAddress` live rooms (429).
 */
import { Type } from '@sinclair/typebox';
import { TypeCompiler } from '@sinclair/typebox/compiler';
import type { HttpRequest, HttpResponse, TemplatedApp } from 'uWebSockets.js';
import type { CreatedRoom } from '../../shared/protocol/lobbyApi';
import { Limits } from '../../shared/protocol/constants';
import { GameName, RoomName } from '../../shared/protocol/messages';
import { textProblem } from '../../shared/protocol/wellFormedText';
import type { Config } from '../config';
import type { QuotaExemption } from '../limits/quotaExemption';
import type { RoomQuota } from '../limits/roomQuota';
import type { Logger } from '../logger';
import type { RoomHost } from '../rooms/roomHost';
import type { ClusterNode } from '../cluster/clusterNode';
import { registerClusterLobbyRoutes } from './clusterLobbyRoutes';
import { clientAddress } from '../ws/clientAddress';
import { targetErrorStatus } from '../ws/upgradeHandler';
import { readJsonBody } from './readJsonBody';
import { sendError, sendJson } from './respond';
import type { ResponseBudget } from './responseBudget';

const MAX_BODY_BYTES = 1024;

export function registerLobbyApi(
  app: TemplatedApp,
  deps: { config: Config; host: RoomHost; log: Logger; now: () => number; isDraining: () => boolean; budget: ResponseBudget; quota: RoomQuota; exempt: QuotaExemption;
    /** Cluster core: this node, when it is one (GET /api/rooms lists every node's rooms). */
    cluster: () => ClusterNode | null; selfUrl: () => string },
): void {
  const { config, host, log, budget, quota } = deps;
  const fail = (res: HttpResponse, status: number, error: string, message: string, extra: Record<string, unknown> = {}) =>
    sendError(res, budget, status, error, message, extra);
  const createCheck = TypeCompiler.Compile(
    Type.Object(
      {
        name: RoomName,
        maxPlayers: Type.Optional(Type.Integer({ minimum: 1, maximum: config.maxPlayersPerRoom })),
        private: Type.Optional(Type.Boolean()),
        game: Type.Optional(GameName),
      },
      { additionalProperties: false },
    ),
  );

  app.get('/api/games', (res) => {
    sendJson(res, budget, 200, { games: host.games.summaries(), default: host.games.default.game.name });
  });

  registerClusterLobbyRoutes(app, { host, budget, log, cluster: deps.cluster, selfUrl: deps.selfUrl });

  app.post('/api/rooms', (res: HttpResponse, req: HttpRequest) => {
    const contentType = req.getHeader('content-type');
    const declared = Number(req.getHeader('content-length') || '0');
    const peer = new TextDecoder().decode(res.getRemoteAddressAsText());
    const address = clientAddress(peer, req.getHeader('x-forwarded-for'), config.trustedProxies);
    if (!/^application\/json\b/i.test(contentType)) return fail(res, 415, 'unsupported_media_type', 'send Content-Type: application/json');
    if (declared > MAX_BODY_BYTES) return fail(res, 413, 'payload_too_large', `body larger than ${MAX_BODY_BYTES} bytes`);
    void readJsonBody(res, MAX_BODY_BYTES).then((body) => {
      if (!body.ok && body.status === 'aborted') return;
      res.cork(() => {
        if (!body.ok) return fail(res, body.status, body.status === 413 ? 'payload_too_large' : 'bad_json', body.reason);
        const name = (body.value as { name?: unknown } | null)?.name;
        const nameProblem = typeof name === 'string' ? textProblem(name, Limits.maxRoomNameLength) : null;
        if (nameProblem) return fail(res, 400, 'invalid_text', `/name ${nameProblem}`);
        if (!createCheck.Check(body.value)) {
          const first = createCheck.Errors(body.value).First();
          return fail(res, 400, 'invalid_body', first ? `${first.path || '/'}: ${first.message}` : 'invalid body');
        }
        if (deps.isDraining()) return fail(res, 503, 'draining', 'server is restarting; retry shortly');
        if (!deps.exempt.isExempt(address) && !quota.allows(address)) {
          return fail(res, 429, 'room_quota', `this address already has ${quota.maxPerAddress} live rooms; rooms close when empty`, {
            limit: quota.maxPerAddress,
          });
        }
        const req = body.value;
        const room = host.create({ game: req.game, name: req.name, maxPlayers: req.maxPlayers, isPrivate: req.private === true }, deps.now());
        if (typeof room !== 'object') {
          const e = targetErrorStatus(room);
          return fail(res, e.status, e.error, e.message);
        }
        quota.record(address, room.id);
        log.debug({ room: room.id }, 'room created via API');
        const created: CreatedRoom = {
          id: room.id,
          name: room.name,
          game: room.game.name,
          maxPlayers: room.maxPlayers,
          private: room.isPrivate,
          ...(room.code ? { code: room.code } : {}),
        };
        const node = deps.cluster();
        const answer = node ? { ...created, node: node.nodeId, url: node.publicUrl } : created;
        sendJson(res, budget, 201, answer);
      });
    });
  });

  app.any('/api/*', (res, req) => {
    const url = req.getUrl();
    const known = url === '/api/rooms' || url === '/api/games' || url === '/api/quickplay';
    fail(res, known ? 405 : 404, known ? 'method_not_allowed' : 'not_found', known ? (url === '/api/rooms' ? 'use GET or POST' : 'use GET') : 'no such endpoint');
  });
}
