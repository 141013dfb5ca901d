/**
 * What a room is created with (roomHost.ts builds it from the server's
 * config and the game; tests from literals or tests/support/lenientRoomOptions.ts).
 */
import type { AnyGame } from '../../shared/engine/gameDefinition';
import type { GameCodec } from '../../shared/protocol/gameCodec';

export interface RoomOptions {
  id: string;
  name: string;
  /** Join code for private rooms; null for public ones. */
  code: string | null;
  maxPlayers: number;
  game: AnyGame;
  /** The game's codec (entity layout, input coder), shared by every room of the game. */
  codec: GameCodec;
  seed: number;
  tickRate: number;
  /** Snapshot every N ticks. */
  snapshotEvery: number;
  /** Which tick (mod snapshotEvery) this room snapshots on: spreads send work across ticks. */
  snapshotPhase: number;
  ringSize: number;
  sessionGraceMs: number;
  emptyGraceMs: number;
  skipBytes: number;
  slowCloseMs: number;
  fullSnapshotIntervalMs: number;
  /** No Input for this long (counted in ticks: a server stall does not count) → closed 4005, seat freed. */
  playerIdleTimeoutMs: number;
  /** Announced in the welcome: inputs/s before the connection is closed with 1008. */
  maxInputRate: number;
  /** Spectators admitted besides the players (4112 beyond; 0: watching off, 4113). Default DEFAULT_MAX_SPECTATORS. */
  maxSpectators?: number;
  nowMs: number;
}
