/**
 * Re-create a room from its checkpoint in this process: same id, code and
 * seed, every member detached with its save and its session adopted, so each
 * player resumes with its token. The grace a member had left when the
 * checkpoint was taken carries over (minus the time since, on the wall
 * clock); a member that was connected gets the full grace: it is on its way.
 */
import { truncateText } from '../../../shared/protocol/wellFormedText';
import { Limits } from '../../../shared/protocol/constants';
import type { Room } from '../../rooms/room';
import type { RoomHost } from '../../rooms/roomHost';
import type { RoomCheckpoint } from './roomCheckpoint';

export type RestoreErrorCode = 'unknown-game' | 'game-mismatch' | 'room-exists' | 'at-capacity' | 'nothing-to-restore';

export class RestoreError {
  constructor(
    readonly code: RestoreErrorCode,
    readonly detail: string,
  ) {}

  get message(): string {
    return `restore ${this.code}: ${this.detail}`;
  }
}

/** How many other names to try when the room's name is taken here (quick-play names repeat across nodes). */
const MAX_NAME_ATTEMPTS = 50;

export function restoreCheckpoint(host: RoomHost, c: RoomCheckpoint, nowMs: number, epochNowMs: number): Room | RestoreError {
  const hosted = host.games.get(c.game);
  if (!hosted) return new RestoreError('unknown-game', `room=${c.roomId} game=${c.game}`);
  if (hosted.codec.hash !== c.gameHash) {
    return new RestoreError('game-mismatch', `room=${c.roomId} game=${c.game} hash ${c.gameHash}, here ${hosted.codec.hash}`);
  }
  if (host.directory.byId(c.roomId)) return new RestoreError('room-exists', `room=${c.roomId}`);
  const grace = host.config.sessionGraceMs;
  const elapsedMs = Math.max(0, epochNowMs - c.takenAtEpochMs);
  const live = c.members.filter((m) => (m.graceLeftMs ?? grace) > elapsedMs);
  if (live.length === 0) return new RestoreError('nothing-to-restore', `room=${c.roomId}: every session's grace ran out`);

  let room: ReturnType<RoomHost['create']> = 'name-taken';
  for (let n = 1; n <= MAX_NAME_ATTEMPTS && room === 'name-taken'; n++) {
    const name = n === 1 ? c.name : `${truncateText(c.name, Limits.maxRoomNameLength - ` ${n}`.length)} ${n}`;
    room = host.create({ game: c.game, name, maxPlayers: c.maxPlayers, restore: { id: c.roomId, code: c.code, seed: c.seed } }, nowMs);
  }
  if (typeof room !== 'object') return new RestoreError('at-capacity', `room=${c.roomId}: ${room}`);

  for (const m of live) {
    const session = { token: m.token, roomId: c.roomId, playerId: m.playerId };
    host.sessions.adopt(session);
    // Backdate the detach so that the grace left is what it was, minus the time since.
    const graceLeftMs = (m.graceLeftMs ?? grace) - elapsedMs;
    room.adoptDetached(session, m.name, m.save, nowMs - (grace - graceLeftMs));
  }
  return room;
}
