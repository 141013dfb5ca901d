/**
 * Taking a room from its checkpoint in Redis: the common step of a drain's
 * hand-over (the source asked us) and of a failover (we claimed an orphan).
 * On success this node is the room's holder: its checkpoint says so at once.
 */
import type { Logger } from '../../logger';
import type { RoomHost } from '../../rooms/roomHost';
import { CheckpointError, decodeCheckpoint } from './checkpointCodec';
import type { CheckpointScheduler } from './checkpointScheduler';
import type { MobilityStore } from './mobilityStore';
import { restoreCheckpoint, RestoreError } from './restoreCheckpoint';

export type AdoptionResult =
  | { ok: true; players: number; tick: number }
  | { ok: false; code: 'no-checkpoint' | CheckpointError['code'] | RestoreError['code']; error: string };

export async function adoptRoom(
  roomId: string,
  deps: { host: RoomHost; store: MobilityStore; scheduler: CheckpointScheduler; now: () => number; log: Logger },
): Promise<AdoptionResult> {
  const bytes = await deps.store.getCheckpoint(roomId);
  if (bytes === null) return { ok: false, code: 'no-checkpoint', error: `room=${roomId}: no checkpoint` };
  const c = decodeCheckpoint(bytes);
  if (c instanceof CheckpointError) return { ok: false, code: c.code, error: `room=${roomId}: ${c.message}` };
  if (c.roomId !== roomId) return { ok: false, code: 'bad-schema', error: `room=${roomId}: checkpoint names ${c.roomId}` };
  const nowMs = deps.now();
  const room = restoreCheckpoint(deps.host, c, nowMs, Date.now());
  if (room instanceof RestoreError) return { ok: false, code: room.code, error: room.message };
  deps.scheduler.writeNow(room, nowMs);
  deps.log.info({ room: roomId, players: room.playerCount, from: c.holder, tick: c.tick }, 'room adopted');
  return { ok: true, players: room.playerCount, tick: c.tick };
}
