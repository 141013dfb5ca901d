/**
 * The lobby API: list public rooms, create a room. Bodies are untrusted:
 * size-capped, parsed inside a catch, validated against a schema that rejects
 * extra keys; every failure is a JSON 4xx with a reason.
 */
import { Type } from '@sinclair/typebox';
import { TypeCompiler } from '@sinclair/typebox/compiler';
import type { HttpRequest, HttpResponse, TemplatedApp } from 'uWebSockets.js';
import type { CreatedRoom } from '../../shared/protocol/lobbyApi';
import { GameName, RoomName } from '../../shared/protocol/messages';
import type { Config } from '../config';
import type { Logger } from '../logger';
import type { RoomHost } from '../rooms/roomHost';
import { targetErrorStatus } from '../ws/upgradeHandler';
import { readJsonBody } from './readJsonBody';
import { sendError, sendJson } from './respond';

const MAX_BODY_BYTES = 1024;

export function registerLobbyApi(
  app: TemplatedApp,
  deps: { config: Config; host: RoomHost; log: Logger; now: () => number; isDraining: () => boolean },
): void {
  const { config, host, log } = deps;
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
    sendJson(res, 200, { games: host.games.summaries(), default: host.games.default.game.name });
  });

  app.get('/api/rooms', (res) => {
    sendJson(res, 200, { rooms: host.directory.listPublic() });
  });

  app.post('/api/rooms', (res: HttpResponse, req: HttpRequest) => {
    const contentType = req.getHeader('content-type');
    const declared = Number(req.getHeader('content-length') || '0');
    if (!/^application\/json\b/i.test(contentType)) {
      sendError(res, 415, 'unsupported_media_type', 'send Content-Type: application/json');
      return;
    }
    if (declared > MAX_BODY_BYTES) {
      sendError(res, 413, 'payload_too_large', `body larger than ${MAX_BODY_BYTES} bytes`);
      return;
    }
    void readJsonBody(res, MAX_BODY_BYTES).then((body) => {
      if (!body.ok && body.status === 'aborted') return;
      res.cork(() => {
        if (!body.ok) return sendError(res, body.status, body.status === 413 ? 'payload_too_large' : 'bad_json', body.reason);
        if (!createCheck.Check(body.value)) {
          const first = createCheck.Errors(body.value).First();
          return sendError(res, 400, 'invalid_body', first ? `${first.path || '/'}: ${first.message}` : 'invalid body');
        }
        if (deps.isDraining()) return sendError(res, 503, 'draining', 'server is restarting; retry shortly');
        const req = body.value;
        const room = host.create({ game: req.game, name: req.name, maxPlayers: req.maxPlayers, isPrivate: req.private === true }, deps.now());
        if (typeof room !== 'object') {
          const e = targetErrorStatus(room);
          return sendError(res, e.status, e.error, e.message);
        }
        log.debug({ room: room.id }, 'room created via API');
        const created: CreatedRoom = {
          id: room.id,
          name: room.name,
          game: room.game.name,
          maxPlayers: room.maxPlayers,
          private: room.isPrivate,
          ...(room.code ? { code: room.code } : {}),
        };
        sendJson(res, 201, created);
      });
    });
  });

  app.any('/api/*', (res, req) => {
    const known = req.getUrl() === '/api/rooms' || req.getUrl() === '/api/games';
    sendError(res, known ? 405 : 404, known ? 'method_not_allowed' : 'not_found', known ? 'use GET or POST' : 'no such endpoint');
  });
}
