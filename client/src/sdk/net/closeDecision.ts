/**
 * What to do when the socket closes, and what to tell the player. Pure, so
 * every failure's message is unit-tested.
 *
 *   opened?  no  ─▶ diagnose (fetch /readyz): unreachable / restarting / refused
 *            yes ─▶ by close code: fatal (room full, wrong code, …) or retry (1006, 1012, …)
 *
 * Retry is for every close a new connection can fix: the server going away or
 * restarting (1001, 1012), a lost connection (1006), a server error (1011),
 * being too slow to read (4004), a rate limit a stall's burst tripped (1008),
 * an idle kick (4005: the tab slept), no Welcome in time (4003), and the
 * cluster's routing errors PROTOCOL.md §3.6 says to retry: the directory
 * unreachable (4106) or the room's node lost, failover pending (4107). The
 * retry resumes the session if it is still held, or joins the same room
 * afresh; the reconnect policy gives up after a minute (back to the lobby).
 * A 4108 (the room moved to another node) is decided by decideOnMoved.
 */
import { CloseCode, RECONNECTABLE_CLOSE_CODES, SUBPROTOCOL } from '../../../../shared/protocol/constants';
import type { HandshakeDiagnosis } from '../lobby/lobbyApi';
import type { CloseInfo } from './connection';

export type CloseDecision =
  | { kind: 'fail'; message: string }
  /** The room moved (Moved + 4108): connect to `url` at once with the same Join and resume token. */
  | { kind: 'follow'; url: string }
  | { kind: 'retry'; reason: string }
  /** The handshake itself failed: ask the server over HTTP why (decideAfterDiagnosis). */
  | { kind: 'diagnose' };

export const VERSION_MISMATCH_MESSAGE =
  `Version mismatch: the server refused this client (protocol ${SUBPROTOCOL}). Reload the page to get the current client. ` +
  '(If reloading does not help, the server may be full.)';

export function decideOnClose(info: CloseInfo, joinedByCode: boolean): CloseDecision {
  if (info.protocolRefused) return { kind: 'fail', message: VERSION_MISMATCH_MESSAGE };
  if (!info.opened) return { kind: 'diagnose' };
  switch (info.code) {
    case CloseCode.RoomNotFound:
      return { kind: 'fail', message: joinedByCode ? 'Wrong code: no room has that join code.' : 'That room no longer exists.' };
    case CloseCode.RoomFull:
      return { kind: 'fail', message: 'The room is full.' };
    case CloseCode.JoinRateLimited:
      return { kind: 'fail', message: 'Too many wrong join codes. Wait a minute and try again.' };
    case CloseCode.SessionTakenOver:
      return { kind: 'fail', message: 'You joined this game from another tab or window.' };
    case CloseCode.Normal:
      return { kind: 'fail', message: `Disconnected by the server${info.reason ? `: ${info.reason}` : ''}.` };
    case CloseCode.ServiceRestart:
      return { kind: 'retry', reason: 'Server restarting' };
    case CloseCode.JoinTimeout:
      // Ours (no Welcome in time) or the server's (our Join got lost): try again.
      return { kind: 'retry', reason: 'The server did not answer' };
    case CloseCode.PolicyViolation:
      // We never flood on purpose: this was the burst a stall (a sleeping tab, a frozen network) released.
      return { kind: 'retry', reason: 'Rate limited after a stall' };
    case CloseCode.Idle:
      return { kind: 'retry', reason: 'Disconnected while inactive' };
    case CloseCode.ClusterUnavailable:
      return { kind: 'retry', reason: 'The game directory is unreachable' };
    case CloseCode.RoomNodeLost:
      return { kind: 'retry', reason: 'The game’s server was lost; it is moving to another' };
    case CloseCode.SeatQuotaExceeded:
      return { kind: 'fail', message: 'Too many players from your network address are on this server. Try again later.' };
  }
  if (RECONNECTABLE_CLOSE_CODES.has(info.code)) return { kind: 'retry', reason: 'Connection lost' };
  return { kind: 'fail', message: `Disconnected (${info.code}): ${info.serverError ?? (info.reason || 'protocol error')}` };
}

/** Moved redirects followed in a row (without a Welcome between) before going back to the lobby: a loop, not a move. */
export const MAX_MOVED_HOPS = 3;

export const MOVED_LOOP_MESSAGE = 'The game kept moving between servers. Back to the lobby: try joining again.';

/**
 * A close 4108: the room is on (or moving to) another node. `movedUrl`: the
 * url of the Moved message that came before it on this socket (null if none
 * came: then resume through the page's own origin, which routes).
 * `hops`: Moved already followed since the last Welcome.
 */
export function decideOnMoved(movedUrl: string | null, hops: number): CloseDecision {
  if (hops >= MAX_MOVED_HOPS) return { kind: 'fail', message: MOVED_LOOP_MESSAGE };
  if (movedUrl === null) return { kind: 'retry', reason: 'The game moved to another server' };
  return { kind: 'follow', url: movedUrl };
}

/** After a failed handshake: `hadSession` — we were playing before (so keep trying through an outage). */
export function decideAfterDiagnosis(diagnosis: HandshakeDiagnosis, hadSession: boolean): CloseDecision {
  switch (diagnosis) {
    case 'refused':
      return { kind: 'fail', message: VERSION_MISMATCH_MESSAGE };
    case 'restarting':
      return { kind: 'retry', reason: 'Server restarting' };
    case 'unreachable':
      return hadSession
        ? { kind: 'retry', reason: 'Server unreachable' }
        : { kind: 'fail', message: 'Server unreachable. Check your connection and try again.' };
  }
}
