/**
 * Which room a watching Join names, and whether it may be watched: a
 * spectator names its room by id or join code, like a player (a private
 * room's id and code are both its secrets: failed guesses count), never by quick play,
 * and never with a resume token (a spectator holds no session). Seats do not
 * matter: a full room can be watched.
 */
import { CloseCode } from '../../shared/protocol/constants';
import type { JoinBody } from '../../shared/protocol/messages';
import type { Room } from './room';

/** Where a watching Join's room is looked up (the room directory). */
export interface WatchLookup {
  byId(id: string): Room | undefined;
  byCode(code: string): Room | undefined;
}

export interface WatchProblem {
  code: number;
  reason: string;
  /** A wrong room id or join code: counts toward the address's failed guesses. */
  guess: boolean;
}

export function resolveWatch(lookup: WatchLookup, body: JoinBody): Room | WatchProblem {
  if (body.resume !== undefined) return { code: CloseCode.ProtocolViolation, reason: 'a spectator has no session to resume', guess: false };
  if (body.game !== undefined) return { code: CloseCode.ProtocolViolation, reason: 'spectators watch a room by id or code, not quick play', guess: false };
  if ((body.room === undefined) === (body.code === undefined)) {
    return { code: CloseCode.ProtocolViolation, reason: 'watch needs exactly one of room or code', guess: false };
  }
  const room = body.room !== undefined ? lookup.byId(body.room) : lookup.byCode(body.code!);
  if (!room || room.phase === 'disposed') {
    return { code: CloseCode.RoomNotFound, reason: 'room not found', guess: true };
  }
  return room;
}
