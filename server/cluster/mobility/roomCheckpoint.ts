/**
 * A room checkpoint: everything another process needs to re-create a room
 * and give every player back its seat — identity (id, name, code, seed), the
 * game it runs (name, version, descriptor hash: a node running another build
 * of the game refuses it), and every member with its resume token and
 * PlayerSave. One format for every way a room moves: a drain's hand-over
 * (Redis), a failover (the periodic checkpoint in Redis), and a restart on the
 * same machine (the session handoff file).
 *
 * World state outside the players (pickups, projectiles) is rebuilt from the
 * seed: the game contract saves players, not worlds (GameDefinition.savePlayer).
 */
import type { PlayerSave } from '../../../shared/engine/gameDefinition';
import type { Room } from '../../rooms/room';
import type { HostedGame } from '../../games/gameCatalog';

export const CHECKPOINT_VERSION = 1;

export interface CheckpointMember {
  token: string;
  playerId: number;
  name: string;
  save: PlayerSave;
  /** Session grace left when taken, ms; null for a member that was connected (it gets the full grace). */
  graceLeftMs: number | null;
}

export interface RoomCheckpoint {
  v: typeof CHECKPOINT_VERSION;
  roomId: string;
  name: string;
  /** Join code of a private room; null for a public one. */
  code: string | null;
  seed: number;
  game: string;
  gameVersion: number;
  gameHash: string;
  maxPlayers: number;
  /** The room's simulation tick when taken. */
  tick: number;
  /** The node that held the room when it was taken ('' outside a cluster). */
  holder: string;
  /** Wall clock (Date.now()) when taken: how much grace has elapsed since, on any machine. */
  takenAtEpochMs: number;
  members: CheckpointMember[];
}

/**
 * Take a room's checkpoint. Call at a tick boundary: savedMembers() applies
 * pending commands first, and nothing is pending between two ticks.
 */
export function captureCheckpoint(
  room: Room,
  hosted: HostedGame,
  opts: { holder: string; nowMs: number; epochNowMs: number; sessionGraceMs: number },
): RoomCheckpoint {
  const members: CheckpointMember[] = room.savedMembers().map((m) => ({
    token: m.session.token,
    playerId: m.playerId,
    name: m.name,
    save: m.save,
    graceLeftMs: m.detachedAtMs === null ? null : Math.max(0, Math.floor(opts.sessionGraceMs - (opts.nowMs - m.detachedAtMs))),
  }));
  return {
    v: CHECKPOINT_VERSION,
    roomId: room.id,
    name: room.name,
    code: room.code,
    seed: room.seed,
    game: hosted.game.name,
    gameVersion: hosted.game.version,
    gameHash: hosted.codec.hash,
    maxPlayers: room.maxPlayers,
    tick: room.tick,
    holder: opts.holder,
    takenAtEpochMs: opts.epochNowMs,
    members,
  };
}
