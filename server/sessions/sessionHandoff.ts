/**
 * Sessions survive a restart: the draining server writes every resumable
 * player (token, room, player id, saved state, grace left) to a file; the
 * next server on the same machine reads it at start, re-creates those rooms
 * with the same ids, codes and seeds, and holds the players' seats until they
 * resume or their grace runs out. The file holds tokens: written 0600 via a
 * temp file and rename, and deleted once adopted.
 */
import { existsSync, readFileSync, renameSync, unlinkSync, writeFileSync } from 'node:fs';
import type { PlayerSave } from '../../shared/engine/gameDefinition';
import type { Logger } from '../logger';
import type { RoomHost } from '../rooms/roomHost';

interface HandoffFile {
  version: 1;
  writtenAtEpochMs: number;
  rooms: {
    id: string;
    name: string;
    code: string | null;
    seed: number;
    maxPlayers: number;
    members: { token: string; playerId: number; name: string; save: PlayerSave; graceLeftMs: number }[];
  }[];
}

export function writeHandoff(path: string, host: RoomHost, nowMs: number, log: Logger): void {
  const file: HandoffFile = { version: 1, writtenAtEpochMs: Date.now(), rooms: [] };
  const grace = host.config.sessionGraceMs;
  for (const room of host.directory.all()) {
    const members = room.detachedMembers().map((m) => ({
      token: m.session.token,
      playerId: m.playerId,
      name: m.name,
      save: m.save!,
      graceLeftMs: Math.max(0, grace - (nowMs - (m.detachedAtMs ?? nowMs))),
    }));
    if (members.length === 0) continue;
    file.rooms.push({ id: room.id, name: room.name, code: room.code, seed: room.seed, maxPlayers: room.maxPlayers, members });
  }
  const tmp = `${path}.${process.pid}.tmp`;
  writeFileSync(tmp, JSON.stringify(file), { mode: 0o600 });
  renameSync(tmp, path);
  log.info({ rooms: file.rooms.length, sessions: file.rooms.reduce((n, r) => n + r.members.length, 0) }, 'sessions handed off');
}

/** Adopt a predecessor's sessions; returns how many. A corrupt file is logged and ignored. */
export function readHandoff(path: string, host: RoomHost, nowMs: number, log: Logger): number {
  if (!existsSync(path)) return 0;
  let file: HandoffFile;
  try {
    file = JSON.parse(readFileSync(path, 'utf8')) as HandoffFile;
    if (file.version !== 1 || !Array.isArray(file.rooms)) throw new Error('unknown handoff format');
  } catch (err) {
    log.error({ err: (err as Error).message, path }, 'ignoring unreadable session handoff file');
    return 0;
  } finally {
    unlinkSync(path);
  }
  const elapsed = Math.max(0, Date.now() - file.writtenAtEpochMs);
  let adopted = 0;
  for (const r of file.rooms) {
    const live = r.members.filter((m) => m.graceLeftMs > elapsed);
    if (live.length === 0) continue;
    const room = host.create({ name: r.name, maxPlayers: r.maxPlayers, restore: { id: r.id, code: r.code, seed: r.seed } }, nowMs);
    if (typeof room !== 'object') {
      log.warn({ room: r.id, reason: room }, 'could not re-create handed-off room');
      continue;
    }
    for (const m of live) {
      const session = { token: m.token, roomId: room.id, playerId: m.playerId };
      host.sessions.adopt(session);
      // Backdate the detach so the grace left is what it was at handoff.
      room.adoptDetached(session, m.name, m.save, nowMs - (host.config.sessionGraceMs - (m.graceLeftMs - elapsed)));
      adopted++;
    }
  }
  return adopted;
}
