/**
 * Zero-downtime deploy: a draining node hands each of its rooms to a live
 * node, then tells the room's clients where to go.
 *
 *   source                               Redis                     target
 *   freeze room (no more ticks)
 *   checkpoint ─────────────── SET tw:ckpt:<id> ──▶
 *   take? ──────────────────── tw:inbox:<target> ─────────────────▶ GET ckpt, restore, holder=target
 *   ◀───────────────────────── tw:inbox:<source> ◀──── taken ─────
 *   each client: Moved{url: target} + close 4108 ──▶ client resumes on target with its token
 *
 * The room is frozen (taken out of this node's directory, so it is no longer
 * stepped) before its checkpoint: what the target restores is exactly what
 * the players had, and nothing they do on the old node after that counts.
 * A room whose target fails or does not answer is tried on the next target,
 * then thawed and left to the caller's fallback (1012 + handoff file).
 */
import { CloseCode, Opcode } from '../../../shared/protocol/constants';
import { encodeServerMessage } from '../../../shared/protocol/frameCodec';
import type { Logger } from '../../logger';
import type { Room } from '../../rooms/room';
import type { RoomHost } from '../../rooms/roomHost';
import { encodeCheckpoint } from './checkpointCodec';
import type { MobilityInbox } from './mobilityInbox';
import type { MobilityStore } from './mobilityStore';
import { pickTargets, type NodePresence } from './nodePresence';
import { captureCheckpoint } from './roomCheckpoint';

export interface DrainOptions {
  nodeId: string;
  /** How long a target has to restore a room and answer, ms. */
  takeTimeoutMs: number;
  checkpointTtlMs: number;
  /** Targets tried per room before it falls back. */
  maxAttempts: number;
}

export interface DrainResult {
  movedRooms: number;
  movedPlayers: number;
  /** Rooms left here for the fallback (no target, or every target refused). */
  keptRooms: number;
}

export async function drainRooms(
  deps: { host: RoomHost; store: MobilityStore; inbox: MobilityInbox; now: () => number; log: Logger },
  opts: DrainOptions,
): Promise<DrainResult> {
  const rooms = [...deps.host.directory.all()].filter((r) => r.phase !== 'disposed' && r.playerCount > 0);
  const result: DrainResult = { movedRooms: 0, movedPlayers: 0, keptRooms: 0 };
  if (rooms.length === 0) return result;
  let targets: NodePresence[];
  try {
    targets = pickTargets(await deps.store.liveNodes(), opts.nodeId);
  } catch (err) {
    deps.log.error({ err: (err as Error).message }, 'drain: cannot read live nodes; keeping every room');
    targets = [];
  }
  if (targets.length === 0) {
    result.keptRooms = rooms.length;
    return result;
  }
  // Spread: each room goes to the target with the fewest players counting what this drain already sent.
  const load = new Map(targets.map((t) => [t.nodeId, t.players]));
  const plans = rooms.map((room) => {
    const order = [...targets].sort((a, b) => load.get(a.nodeId)! - load.get(b.nodeId)!);
    load.set(order[0].nodeId, load.get(order[0].nodeId)! + room.playerCount);
    return { room, order: order.slice(0, opts.maxAttempts) };
  });
  await Promise.all(
    plans.map(async ({ room, order }) => {
      const players = room.playerCount;
      if (await moveRoom(room, order, deps, opts)) {
        result.movedRooms++;
        result.movedPlayers += players;
      } else result.keptRooms++;
    }),
  );
  return result;
}

async function moveRoom(
  room: Room,
  targets: readonly NodePresence[],
  deps: { host: RoomHost; store: MobilityStore; inbox: MobilityInbox; now: () => number; log: Logger },
  opts: DrainOptions,
): Promise<boolean> {
  const hosted = deps.host.games.get(room.game.name);
  if (!hosted) return false;
  deps.host.directory.remove(room); // frozen: the tick loop steps only rooms in the directory
  const c = captureCheckpoint(room, hosted, { holder: opts.nodeId, nowMs: deps.now(), epochNowMs: Date.now(), sessionGraceMs: deps.host.config.sessionGraceMs });
  try {
    await deps.store.putCheckpoint(room.id, encodeCheckpoint(c), opts.nodeId, opts.checkpointTtlMs);
  } catch (err) {
    deps.log.error({ room: room.id, err: (err as Error).message }, 'drain: cannot write checkpoint; keeping the room');
    deps.host.directory.add(room);
    return false;
  }
  for (const target of targets) {
    const answer = await deps.inbox.requestTake(target.nodeId, room.id, opts.takeTimeoutMs);
    if (!answer.ok) {
      deps.log.warn({ room: room.id, target: target.nodeId, err: answer.error }, 'drain: target did not take the room');
      continue;
    }
    const moved = encodeServerMessage({ op: Opcode.Moved, body: { url: target.url, roomId: room.id } });
    for (const m of room.memberList()) {
      if (!m.link?.isOpen) continue;
      m.link.send(moved);
      m.link.close(CloseCode.Moved, 'room moved to another node');
    }
    room.dispose();
    deps.log.info({ room: room.id, target: target.nodeId, players: c.members.length }, 'room moved');
    return true;
  }
  deps.host.directory.add(room); // thawed: the fallback takes it
  return false;
}
