/**
 * The WebSocket upgrade, decided before any handshake bytes are sent:
 * an invalid RFC 6455 handshake → 400/426 (handshakeCheck.ts); draining or
 * full → 503; this address at its connection cap → 429; no supported
 * subprotocol → 400 naming the supported ones; foreign Origin → 403; a join
 * target in the query (`room`, `code`, or `quick`, with or without a value)
 * is resolved and a seat reserved (404/409/429/503).
 * Synchronous on purpose: uWS needs no onAborted then, and nothing can race
 * (a refusal whose body the client does not read is handled by the budget).
 */
import type { HttpRequest, HttpResponse, us_socket_context_t } from 'uWebSockets.js';
import { SUPPORTED_SUBPROTOCOLS, CloseCode } from '../../shared/protocol/constants';
import { GameName, JoinCode, RoomId } from '../../shared/protocol/messages';
import { TypeCompiler } from '@sinclair/typebox/compiler';
import type { RoomTarget, TargetError } from '../rooms/roomHost';
import type { JoinRouter } from '../cluster/joinRouter';
import { sendError } from '../http/respond';
import type { ResponseBudget } from '../http/responseBudget';
import type { AddressConnections } from '../limits/addressConnections';
import { clientAddress } from './clientAddress';
import type { Exemption } from './exemptionCache';
import type { ConnectionData, WsDeps } from './connectionData';
import { checkHandshake, type HandshakeHeaders } from './handshakeCheck';
import { isOriginAllowed } from './originPolicy';
import { offeredSubprotocols, selectSubprotocol } from './subprotocol';
import { TokenBucket } from './tokenBucket';

const roomIdCheck = TypeCompiler.Compile(RoomId);
const joinCodeCheck = TypeCompiler.Compile(JoinCode);
const gameNameCheck = TypeCompiler.Compile(GameName);

export interface UpgradeDeps extends WsDeps {
  isDraining: () => boolean;
  nextConnId: () => number;
  budget: ResponseBudget;
  connectionsByAddress: AddressConnections;
  quotaExempt: Exemption;
  /** Cluster core: targets this node does not hold are routed at Join (absent: a lone server). */
  router?: () => JoinRouter | null;
}

function handshakeHeaders(req: HttpRequest): HandshakeHeaders {
  return {
    upgrade: req.getHeader('upgrade'),
    connection: req.getHeader('connection'),
    version: req.getHeader('sec-websocket-version'),
    key: req.getHeader('sec-websocket-key'),
  };
}

/**
 * GET /ws without a Sec-WebSocket-Key never reaches the upgrade handler (uWS
 * routes it to the GET handlers): answer it as the handshake check says, not 404.
 */
export function createNonUpgradeHandler(deps: Pick<UpgradeDeps, 'budget' | 'stats'>) {
  return (res: HttpResponse, req: HttpRequest): void => {
    const refusal = checkHandshake(handshakeHeaders(req)) ?? { status: 400, error: 'bad_handshake', message: 'missing Sec-WebSocket-Key', headers: {} };
    deps.stats.countRefusal(refusal.status);
    sendError(res, deps.budget, refusal.status, refusal.error, refusal.message, {}, refusal.headers, { close: true });
  };
}

/** HTTP status for a failed join target. */
export function targetErrorStatus(error: TargetError): { status: number; error: string; message: string } {
  switch (error) {
    case CloseCode.RoomNotFound:
      return { status: 404, error: 'room_not_found', message: 'no such room or join code' };
    case CloseCode.RoomFull:
      return { status: 409, error: 'room_full', message: 'the room is full' };
    case 'at-capacity':
      return { status: 503, error: 'at_capacity', message: 'this server hosts its maximum number of rooms' };
    case 'name-taken':
      return { status: 409, error: 'name_taken', message: 'a room with that name exists' };
    case 'unknown-game':
      return { status: 404, error: 'unknown_game', message: 'this server hosts no such game (GET /api/games)' };
  }
}

/** `watch`, `watch=` or `watch=<anything>` in the query (getQuery('watch') misses a bare `watch`). */
function isWatchQuery(query: string | undefined): boolean {
  return query !== undefined && query.includes('watch') && new URLSearchParams(query).has('watch');
}

const addressDecoder = new TextDecoder();

export function decodeAddress(buf: ArrayBuffer): string {
  return addressDecoder.decode(buf);
}

/** `?quick=<game>` (or `?quick` without "="), undefined when absent; parsed only when the query names it. */
function quickQueryOf(query: string | undefined): string | undefined {
  if (!query || !query.includes('quick')) return undefined;
  const params = new URLSearchParams(query);
  return params.has('quick') ? (params.get('quick') ?? '') : undefined;
}

export function createUpgradeHandler(deps: UpgradeDeps) {
  const { config, host, stats, guesses, log } = deps;

  return (res: HttpResponse, req: HttpRequest, context: us_socket_context_t): void => {
    // Copy everything out of req first: it is only valid in this synchronous call.
    const handshake = handshakeHeaders(req);
    const key = handshake.key;
    const offered = offeredSubprotocols(req);
    const extensions = req.getHeader('sec-websocket-extensions');
    const origin = req.getHeader('origin');
    const hostHeader = req.getHeader('host');
    const forwardedFor = req.getHeader('x-forwarded-for');
    const roomQuery = req.getQuery('room');
    const codeQuery = req.getQuery('code');
    // Spectators (issue 15): `&watch` with room/code reserves no seat; the Join (watch: true) is admitted as a spectator.
    const watching = isWatchQuery(req.getQuery());
    // `?quick` without "=" is quick play too (getQuery('quick') is undefined for it).
    const quickQuery = quickQueryOf(req.getQuery());
    const address = clientAddress(decodeAddress(res.getRemoteAddressAsText()), forwardedFor, config.trustedProxies);
    const now = deps.now();

    const refuse = (status: number, error: string, message: string, extra: Record<string, unknown> = {}, headers: Record<string, string> = {}) => {
      stats.countRefusal(status);
      log.debug({ status, error, address }, 'upgrade refused');
      // The connection is closed after a refusal: a WebSocket client never reuses it, and at the
      // connection cap a kept-alive refusal would still hold a file descriptor.
      sendError(res, deps.budget, status, error, message, extra, headers, { close: true });
    };

    const bad = checkHandshake(handshake);
    if (bad) return refuse(bad.status, bad.error, bad.message, {}, bad.headers);
    if (deps.isDraining()) return refuse(503, 'draining', 'server is restarting; retry shortly');
    if (stats.connections >= config.maxConnections) return refuse(503, 'at_capacity', 'too many connections', {}, { 'Retry-After': '5' });
    if (!deps.quotaExempt.isExempt(address) && !deps.connectionsByAddress.allows(address)) {
      return refuse(429, 'too_many_connections', `at most ${config.maxConnectionsPerAddress} connections per address`, {
        limit: config.maxConnectionsPerAddress,
      });
    }
    const protocol = selectSubprotocol(offered);
    if (protocol === null) {
      return refuse(400, 'unsupported_subprotocol', `offer one of: ${SUPPORTED_SUBPROTOCOLS.join(', ')}`, {
        supported: SUPPORTED_SUBPROTOCOLS,
      });
    }
    if (!isOriginAllowed(origin, hostHeader, config)) return refuse(403, 'origin_forbidden', 'origin not allowed');

    // Room ids and join codes are both secrets of a private room: failed lookups of either are rate-limited.
    let target: RoomTarget | null = null;
    if ((roomQuery !== undefined || codeQuery !== undefined) && guesses.isBlocked(address, now)) {
      return refuse(429, 'too_many_guesses', 'too many wrong room ids or join codes; wait a minute');
    }
    if (roomQuery !== undefined) {
      if (!roomIdCheck.Check(roomQuery)) return refuse(400, 'bad_request', 'malformed room id');
      target = { kind: 'id', id: roomQuery };
    } else if (codeQuery !== undefined) {
      const code = codeQuery.toUpperCase();
      if (!joinCodeCheck.Check(code)) {
        guesses.recordFailure(address, now);
        return refuse(404, 'room_not_found', 'no such room or join code');
      }
      target = { kind: 'code', code };
    } else if (quickQuery !== undefined) {
      // `?quick=<game>` plays that game; `?quick`, `?quick=` or `?quick=1` the default game.
      if (gameNameCheck.Check(quickQuery)) target = { kind: 'quick', game: quickQuery };
      else if (quickQuery === '' || quickQuery === '1') target = { kind: 'quick' };
      else return refuse(400, 'bad_request', 'malformed game name');
    }

    const connId = deps.nextConnId();
    let reservation = null;
    // Cluster core: a room held elsewhere is routed after the upgrade (browsers cannot read refusals).
    if (target && deps.router?.()?.defersUpgrade(connId, target)) target = null;
    if (watching) target = null;
    if (target) {
      const room = host.resolve(target, now);
      if (typeof room !== 'object') {
        if (target.kind !== 'quick' && room === CloseCode.RoomNotFound) guesses.recordFailure(address, now);
        const e = targetErrorStatus(room);
        return refuse(e.status, e.error, e.message);
      }
      if (!room.reserveSeat()) return refuse(409, 'room_full', 'the room is full');
      reservation = room;
    }

    const data: ConnectionData = {
      connId,
      address,
      reservation,
      room: null,
      member: null,
      spectator: null,
      link: null,
      roomLink: null,
      messageBucket: new TokenBucket(config.maxMessageRate, config.maxMessageRate, now),
      inputBucket: new TokenBucket(config.maxInputRate, config.maxInputRate, now),
      chatBucket: new TokenBucket(config.maxChatPer10s / 10, Math.max(1, config.maxChatPer10s), now),
      joinTimer: null,
      left: false,
    };
    res.upgrade(data, key, protocol, extensions, context);
  };
}
