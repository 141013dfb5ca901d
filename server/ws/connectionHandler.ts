/**
 * What happens on an open WebSocket: every inbound frame is decoded by the
 * hardened codec and validated before anything acts on it; a frame that fails
 * closes the connection with its documented code and affects no one else.
 *
 *   open ─▶ (Join within joinTimeout) ─▶ joined: Input / Ping / Chat ─▶ Leave / close
 *                                      └─▶ watching (Join with watch): Ack / Ping ─▶ Leave / close
 *
 * A spectator that sends a player-only frame (Input, Chat), or a player that
 * sends a spectator's Ack, is closed with 4006; nobody else is affected.
 *
 * Limits per connection: any message, WebSocket pings included (maxMessageRate/s, burst 1 s), and Input
 * (maxInputRate/s, burst 1 s). Surplus is dropped and counted within a stall allowance of
 * stallToleranceSec seconds' worth, and closed 1008 only beyond it (stallTolerantLimiter.ts);
 * Chat (maxChatPer10s) → non-fatal Error 4200.
 */
import type { WebSocket } from 'uWebSockets.js';
import { CloseCode, ErrorCode, Limits, Opcode } from '../../shared/protocol/constants';
import { DecodeError } from '../../shared/protocol/decodeError';
import { decodeClientFrame, encodeServerMessage } from '../../shared/protocol/frameCodec';
import type { JoinBody } from '../../shared/protocol/messages';
import type { RoomTarget } from '../rooms/roomHost';
import type { JoinRouter } from '../cluster/joinRouter';
import { resolveWatch } from '../rooms/spectatorJoin';
import { MeteredLink } from '../rooms/roomTraffic';
import type { Room } from '../rooms/room';
import type { ConnectionData, WsDeps } from './connectionData';
import { RateVerdict, StallTolerantLimiter } from './stallTolerantLimiter';
import { UwsLink } from './uwsLink';
import type { OutboundQueue } from './outboundQueue';

type Socket = WebSocket<ConnectionData>;

export interface ConnectionDeps extends WsDeps {
  /** Every open link, for shutdown. */
  open: Set<UwsLink<ConnectionData>>;
  /** The server is draining: the sessions it closes go to its successor (no detached quota). */
  isDraining: () => boolean;
  /** Where links queue what they send during a tick (null/absent: straight to the socket). */
  outbound?: OutboundQueue | null;
  /** Cluster core: routes joins for rooms and sessions this node does not hold (absent: a lone server). */
  router?: () => JoinRouter | null;
}

export function createConnectionHandlers(deps: ConnectionDeps) {
  const { config, host, stats, guesses, log } = deps;

  /** Send an Error message (unless `closeOnly`: a Moved said it already), then close with the same code. */
  function fail(data: ConnectionData, code: number, reason: string, closeOnly = false): void {
    const link = data.link;
    if (!link || !link.isOpen) return;
    log.debug({ conn: data.connId, code, reason }, 'closing connection');
    if (!closeOnly) link.send(encodeServerMessage({ op: Opcode.Error, body: { code, message: reason.slice(0, 200) } }));
    link.close(code, reason.slice(0, 120));
  }

  /** Judge one message against the message rate; false when it must not be processed. */
  function admitMessage(data: ConnectionData, opcode: number, now: number): boolean {
    const limiter = data.limits!.message;
    const verdict = limiter.judge(now);
    if (verdict === RateVerdict.Admit) return true;
    if (verdict === RateVerdict.Abuse) {
      fail(data, CloseCode.PolicyViolation, 'message rate limit exceeded');
      return false;
    }
    if (limiter.peakSurplus > stats.peakRateSurplus) stats.peakRateSurplus = limiter.peakSurplus;
    // Only the kinds a stall piles up are dropped; a Join, Leave or Chat in the surplus still counts.
    if (opcode !== Opcode.Input && opcode !== Opcode.Ping) return true;
    stats.messagesDropped++;
    return false;
  }

  function admitInput(data: ConnectionData, now: number): boolean {
    const limiter = data.limits!.input;
    const verdict = limiter.judge(now);
    if (verdict === RateVerdict.Admit) return true;
    if (verdict === RateVerdict.Abuse) {
      fail(data, CloseCode.PolicyViolation, 'input rate limit exceeded');
      return false;
    }
    if (limiter.peakSurplus > stats.peakRateSurplus) stats.peakRateSurplus = limiter.peakSurplus;
    stats.inputsDropped++;
    return false;
  }

  /** Cluster core: a Join this node cannot serve from its own rooms goes to the router (Moved, or back here). */
  function join(data: ConnectionData, body: JoinBody): void {
    const router = deps.router?.();
    if (data.member || data.spectator || !router) return joinLocal(data, body);
    const link = data.link!;
    const routed = router.intercept(
      {
        connId: data.connId,
        isOpen: () => link.isOpen,
        send: (bytes) => link.send(bytes),
        close: (code, reason) => fail(data, code, reason, code === CloseCode.Moved),
        joinLocally: (b) => joinLocal(data, b),
        recordFailedGuess: () => guesses.recordFailure(data.address, deps.now()),
      },
      body,
    );
    if (!routed) joinLocal(data, body);
  }

  function joinLocal(data: ConnectionData, body: JoinBody): void {
    const now = deps.now();
    if (data.member || data.spectator) return fail(data, CloseCode.ProtocolViolation, 'already joined');
    if (body.watch) return watchLocal(data, body);

    if (body.resume !== undefined) {
      const session = host.sessions.find(body.resume);
      const room = session ? host.directory.byId(session.roomId) : undefined;
      const member = session && room ? room.resume(session, metered(data, room), now, data.address) : null;
      if (member && room) {
        data.reservation?.releaseReservation(now);
        data.reservation = null;
        data.room = room;
        data.member = member;
        log.info({ conn: data.connId, room: room.id, player: member.playerId }, 'session resumed');
        return;
      }
      // Unknown or expired token: a fresh join below (the welcome says resumed: false).
    }

    let room = data.reservation;
    if (room) {
      if ((body.room !== undefined && body.room !== room.id) || (body.code !== undefined && body.code !== room.code)) {
        return fail(data, CloseCode.ProtocolViolation, 'join target differs from the upgrade request');
      }
    } else {
      let target: RoomTarget = body.game === undefined ? { kind: 'quick' } : { kind: 'quick', game: body.game };
      if (body.room !== undefined) target = { kind: 'id', id: body.room };
      else if (body.code !== undefined) target = { kind: 'code', code: body.code };
      if (target.kind !== 'quick' && guesses.isBlocked(data.address, now)) {
        return fail(data, CloseCode.JoinRateLimited, 'too many wrong room ids or join codes');
      }
      const resolved = host.resolve(target, now);
      if (typeof resolved !== 'object') {
        if (target.kind !== 'quick' && resolved === CloseCode.RoomNotFound) guesses.recordFailure(data.address, now);
        if (resolved === 'unknown-game') return fail(data, CloseCode.RoomNotFound, 'no such game');
        const code = typeof resolved === 'number' ? resolved : CloseCode.GoingAway;
        return fail(data, code, typeof resolved === 'number' ? (code === CloseCode.RoomFull ? 'room full' : 'room not found') : 'server at capacity');
      }
      room = resolved;
    }

    const reserved = data.reservation === room;
    data.reservation = null;
    const member = room.join(metered(data, room), body.name, reserved, data.address);
    if (typeof member === 'number') {
      return fail(data, member, member === CloseCode.RoomFull ? 'room full' : `this address holds ${config.maxSeatsPerAddress} seats already`);
    }
    data.room = room;
    data.member = member;
    log.info({ conn: data.connId, room: room.id, player: member.playerId }, 'player joined');
  }

  /** The link `room` will hold for this connection: its sends count into the room's traffic. */
  function metered(data: ConnectionData, room: Room): MeteredLink {
    const roomLink = new MeteredLink(data.link!, room.traffic);
    data.roomLink = roomLink;
    return roomLink;
  }

  /** Spectators (issue 15): admit the connection as a spectator of the room the Join names (no seat). */
  function watchLocal(data: ConnectionData, body: JoinBody): void {
    const now = deps.now();
    data.reservation?.releaseReservation(now);
    data.reservation = null;
    if (guesses.isBlocked(data.address, now)) return fail(data, CloseCode.JoinRateLimited, 'too many wrong room ids or join codes');
    const room = resolveWatch(host.directory, body);
    if (!('id' in room)) {
      if (room.guess) guesses.recordFailure(data.address, now);
      return fail(data, room.code, room.reason);
    }
    const spectator = room.watch(metered(data, room), data.address);
    if (typeof spectator === 'number') {
      const reason = spectator === CloseCode.SpectatorsFull ? `at most ${room.spectators.cap} spectators` : spectator === CloseCode.NotWatchable ? 'watching is off on this server' : 'room closed';
      return fail(data, spectator, reason);
    }
    data.room = room;
    data.spectator = spectator;
    log.info({ conn: data.connId, room: room.id, spectator: spectator.spectatorId }, 'spectator joined');
  }

  /** A spectator sent a frame only players may send: closed 4006, counted. */
  function notAPlayer(data: ConnectionData, what: string): void {
    stats.spectatorsRefusedInput++;
    fail(data, CloseCode.NotAPlayer, `spectators cannot send ${what}`);
  }

  return {
    open(ws: Socket): void {
      const data = ws.getUserData();
      const link = new UwsLink<ConnectionData>(ws, deps.outbound ?? null, config.maxBackpressureBytes);
      data.link = link;
      const now = deps.now();
      data.limits = {
        message: new StallTolerantLimiter(data.messageBucket, config.stallToleranceSec, now),
        input: new StallTolerantLimiter(data.inputBucket, config.stallToleranceSec, now),
      };
      deps.open.add(link);
      stats.connections++;
      data.joinTimer = setTimeout(() => {
        data.joinTimer = null;
        if (!data.member && !data.spectator) fail(data, CloseCode.JoinTimeout, `no join within ${Limits.joinTimeoutMs} ms`);
      }, Limits.joinTimeoutMs);
    },

    message(ws: Socket, message: ArrayBuffer, isBinary: boolean): void {
      const data = ws.getUserData();
      const link = data.link;
      if (!link || !link.isOpen) return;
      stats.messagesIn++;
      stats.bytesIn += message.byteLength;
      if (data.room) data.room.traffic.bytesIn += message.byteLength;
      if (!isBinary) return fail(data, CloseCode.UnsupportedData, 'binary frames only');
      const now = deps.now();
      if (message.byteLength > config.maxPayloadBytes) {
        return fail(data, CloseCode.MessageTooBig, `frame of ${message.byteLength} bytes exceeds ${config.maxPayloadBytes}`);
      }

      // The ArrayBuffer is only valid during this call; decoding copies what it keeps.
      const bytes = new Uint8Array(message);
      if (!admitMessage(data, bytes[0], now)) return;
      const msg = decodeClientFrame(bytes);
      if (msg instanceof DecodeError) return fail(data, msg.closeCode, msg.reason);

      switch (msg.op) {
        case Opcode.Join:
          return join(data, msg.body);
        case Opcode.Input:
          if (data.spectator) return notAPlayer(data, 'input');
          if (!data.member || !data.room) return fail(data, CloseCode.ProtocolViolation, 'input before join');
          if (!admitInput(data, now)) return;
          {
            const error = data.room.offerInput(data.member, msg.bytes);
            if (error) return fail(data, error.closeCode, error.reason);
          }
          return;
        case Opcode.Ping: {
          const pong = encodeServerMessage({
            op: Opcode.Pong,
            body: { t: msg.body.t, s: Date.now(), k: data.room ? data.room.tick : 0 },
          });
          if (link.send(pong) !== 2) {
            stats.messagesOut++;
            stats.bytesOut += pong.length;
          }
          if (data.spectator) data.room?.spectatorAlive(data.spectator);
          // Operator console: what the client measures of its own connection (self-reported, shown as such).
          if (data.member && msg.body.r !== undefined) data.member.netReport = { rttMs: msg.body.r, lossPct: msg.body.l ?? 0, atMs: now };
          return;
        }
        case Opcode.Leave:
          data.left = true;
          link.close(CloseCode.Normal, 'left');
          return;
        case Opcode.Chat:
          if (data.spectator) return notAPlayer(data, 'chat');
          if (!data.member || !data.room) return fail(data, CloseCode.ProtocolViolation, 'chat before join');
          if (!data.chatBucket.take(now)) {
            link.send(encodeServerMessage({ op: Opcode.Error, body: { code: ErrorCode.ChatThrottled, message: 'chat rate limit: message dropped' } }));
            return;
          }
          data.room.chat(data.member, msg.body.text);
          return;
        case Opcode.Ack:
          if (data.member) return fail(data, CloseCode.NotAPlayer, 'Ack is a spectator frame; players acknowledge in Input');
          if (!data.spectator || !data.room) return fail(data, CloseCode.ProtocolViolation, 'ack before join');
          data.room.spectatorAck(data.spectator, msg.body);
          return;
      }
    },

    /** uWS answers WebSocket pings itself; they still count toward the message rate. */
    ping(ws: Socket): void {
      const data = ws.getUserData();
      if (data.link?.isOpen) admitMessage(data, Opcode.Ping, deps.now());
    },

    close(ws: Socket, code: number): void {
      const data = ws.getUserData();
      const link = data.link;
      link?.markClosed();
      if (link) deps.open.delete(link);
      stats.connections--;
      stats.countClose(code);
      if (data.joinTimer) clearTimeout(data.joinTimer);
      deps.router?.()?.forget(data.connId);
      const now = deps.now();
      data.reservation?.releaseReservation(now);
      data.reservation = null;
      if (data.spectator) data.room?.unwatch(data.spectator);
      data.spectator = null;
      const { room, member } = data;
      // After a takeover the member belongs to the newer connection: leave it alone.
      if (room && member && member.link !== null && member.link === data.roomLink) room.disconnect(member, data.left, now, deps.isDraining());
      data.room = null;
      data.member = null;
    },
  };
}
