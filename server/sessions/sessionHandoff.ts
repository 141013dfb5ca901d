/**
 * Sessions survive a restart: the draining server writes every room that
 * still has resumable players to a file as room checkpoints (the same format
 * a room moves between nodes with: server/cluster/mobility/roomCheckpoint.ts);
 * the next server on the same machine reads it at start, re-creates those
 * rooms with the same ids, codes and seeds, and holds the players' seats
 * until they resume or their grace runs out. The file holds tokens: written
 * 0600 via a temp file and rename, and deleted once read.
 */
import { existsSync, readFileSync, renameSync, unlinkSync, writeFileSync } from 'node:fs';
import { CheckpointError } from '../cluster/mobility/checkpointCodec';
import { decodeBundle, encodeBundle } from '../cluster/mobility/checkpointBundle';
import { captureCheckpoint, type RoomCheckpoint } from '../cluster/mobility/roomCheckpoint';
import { restoreCheckpoint, RestoreError } from '../cluster/mobility/restoreCheckpoint';
import type { Logger } from '../logger';
import type { RoomHost } from '../rooms/roomHost';

/** Every room of `host` with a member, as checkpoints (`holder`: this node's id, '' outside a cluster). */
export function checkpointAll(host: RoomHost, nowMs: number, holder = ''): RoomCheckpoint[] {
  const out: RoomCheckpoint[] = [];
  for (const room of host.directory.all()) {
    const hosted = host.games.get(room.game.name);
    if (!hosted || room.phase === 'disposed') continue;
    const c = captureCheckpoint(room, hosted, { holder, nowMs, epochNowMs: Date.now(), sessionGraceMs: host.config.sessionGraceMs });
    if (c.members.length > 0) out.push(c);
  }
  return out;
}

export function writeHandoff(path: string, host: RoomHost, nowMs: number, log: Logger): void {
  const rooms = checkpointAll(host, nowMs);
  const tmp = `${path}.${process.pid}.tmp`;
  writeFileSync(tmp, encodeBundle(rooms), { mode: 0o600 });
  renameSync(tmp, path);
  log.info({ rooms: rooms.length, sessions: rooms.reduce((n, r) => n + r.members.length, 0) }, 'sessions handed off');
}

/** Adopt a predecessor's sessions; returns how many. A corrupt file is logged and ignored. */
export function readHandoff(path: string, host: RoomHost, nowMs: number, log: Logger): number {
  if (!existsSync(path)) return 0;
  let rooms: RoomCheckpoint[] | CheckpointError;
  try {
    rooms = decodeBundle(new Uint8Array(readFileSync(path)));
  } finally {
    unlinkSync(path);
  }
  if (rooms instanceof CheckpointError) {
    log.error({ err: rooms.message, path }, 'ignoring unreadable session handoff file');
    return 0;
  }
  let adopted = 0;
  const epochNowMs = Date.now();
  for (const c of rooms) {
    const room = restoreCheckpoint(host, c, nowMs, epochNowMs);
    if (room instanceof RestoreError) {
      if (room.code !== 'nothing-to-restore') log.warn({ room: c.roomId, reason: room.message }, 'could not re-create handed-off room');
      continue;
    }
    adopted += room.playerCount;
  }
  return adopted;
}
