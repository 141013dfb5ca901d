/**
 * RoomOptions for tests and tools that drive a Room directly and want none of
 * its limits in the way (no snapshot skipping, no slow-consumer or idle closes,
 * no full-snapshot rate limit): determinism tests, replay recordings. Tests of
 * the limits themselves (room.test.ts) set their own.
 */
import type { AnyGame } from '../../shared/engine/gameDefinition';
import { GameCodec } from '../../shared/protocol/gameCodec';
import type { RoomOptions } from '../../server/rooms/room';

export function lenientRoomOptions(game: AnyGame, options: Pick<RoomOptions, 'seed' | 'tickRate' | 'snapshotEvery'> & Partial<RoomOptions>): RoomOptions {
  return {
    id: 'r1',
    name: 'Test',
    code: null,
    maxPlayers: 8,
    game,
    codec: new GameCodec(game),
    snapshotPhase: 0,
    ringSize: 32,
    sessionGraceMs: 60_000,
    emptyGraceMs: 60_000,
    skipBytes: 1 << 30,
    fullSnapshotIntervalMs: 0,
    playerIdleTimeoutMs: 3_600_000,
    slowCloseMs: 1 << 30,
    maxInputRate: 1000,
    nowMs: 0,
    ...options,
  };
}
