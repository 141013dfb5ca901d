/**
 * The rooms of one process: creates them (from the lobby API or quick play),
 * resolves join targets, steps them from the shared scheduler, and disposes
 * the ones left empty. Owns no sockets.
 */
import { randomInt } from 'node:crypto';
import type { GameDefinition } from '../../shared/engine/gameDefinition';
import { CloseCode } from '../../shared/protocol/constants';
import type { Config } from '../config';
import type { Logger } from '../logger';
import type { ServerStats } from '../serverStats';
import type { SessionStore } from '../sessions/sessionStore';
import { Room } from './room';
import { SeatLedger } from './seatQuota';
import { newJoinCode, newRoomId, type RoomDirectory } from './roomDirectory';

export interface CreateRoomRequest {
  name?: string;
  maxPlayers?: number;
  isPrivate?: boolean;
  /** Set only when re-creating a predecessor's room (session handoff). */
  restore?: { id: string; code: string | null; seed: number };
}

export type RoomTarget = { kind: 'quick' } | { kind: 'id'; id: string } | { kind: 'code'; code: string };

export type TargetError =
  | typeof CloseCode.RoomNotFound
  | typeof CloseCode.RoomFull
  | 'at-capacity'
  | 'name-taken';

export class RoomHost {
  private quickPlaySerial = 0;
  private roomSerial = 0;
  /** Per-address seat quotas across every room of this process. */
  readonly seats: SeatLedger;

  constructor(
    readonly config: Config,
    readonly game: GameDefinition<unknown>,
    readonly directory: RoomDirectory,
    readonly sessions: SessionStore,
    private readonly stats: ServerStats,
    private readonly log: Logger,
  ) {
    this.seats = new SeatLedger(config, stats);
  }

  create(req: CreateRoomRequest, nowMs: number): Room | TargetError {
    if (this.directory.size >= this.config.maxRooms) return 'at-capacity';
    const name = req.name ?? this.nextQuickPlayName();
    if (this.directory.byName(name)) return 'name-taken';
    const snapshotEvery = this.config.tickRate / this.config.snapshotRate;
    const room = new Room(
      {
        id: req.restore?.id ?? newRoomId(this.directory),
        name,
        code: req.restore ? req.restore.code : req.isPrivate ? newJoinCode(this.directory) : null,
        maxPlayers: req.maxPlayers ?? this.config.defaultMaxPlayers,
        game: this.game,
        seed: req.restore?.seed ?? randomInt(0, 2 ** 32 - 1),
        tickRate: this.config.tickRate,
        snapshotEvery,
        snapshotPhase: this.roomSerial++ % snapshotEvery,
        ringSize: this.config.snapshotRingSize,
        sessionGraceMs: this.config.sessionGraceMs,
        emptyGraceMs: this.config.roomEmptyGraceMs,
        skipBytes: this.config.backpressureSkipBytes,
        slowCloseMs: this.config.slowConsumerCloseMs,
        fullSnapshotIntervalMs: this.config.fullSnapshotIntervalMs,
        playerIdleTimeoutMs: this.config.playerIdleTimeoutMs,
        maxInputRate: this.config.maxInputRate,
        nowMs,
      },
      this.sessions,
      this.stats,
      this.seats,
    );
    this.directory.add(room);
    this.log.info({ room: room.id, private: room.isPrivate, maxPlayers: room.maxPlayers }, 'room created');
    return room;
  }

  /** The room a join target names, with a seat free (quick play creates one if needed). */
  resolve(target: RoomTarget, nowMs: number): Room | TargetError {
    let room: Room | undefined;
    switch (target.kind) {
      case 'quick': {
        room = this.directory.findQuickPlay();
        if (!room) return this.create({}, nowMs);
        return room;
      }
      case 'id':
        room = this.directory.byId(target.id);
        break;
      case 'code':
        room = this.directory.byCode(target.code);
        break;
    }
    if (!room || room.phase === 'disposed') return CloseCode.RoomNotFound;
    if (!room.hasFreeSeat) return CloseCode.RoomFull;
    return room;
  }

  /** One simulation tick for every room. */
  stepAll(nowMs: number): void {
    for (const room of this.directory.all()) room.step(nowMs);
  }

  /** Expire sessions and dispose rooms left empty past their grace. */
  sweep(nowMs: number): void {
    for (const room of [...this.directory.all()]) {
      if (room.sweep(nowMs)) {
        room.dispose();
        this.directory.remove(room);
        this.log.info({ room: room.id }, 'room disposed');
      }
    }
  }

  get playerCount(): number {
    let n = 0;
    for (const room of this.directory.all()) n += room.playerCount;
    return n;
  }

  closeAll(code: number, reason: string): void {
    for (const room of this.directory.all()) room.closeAll(code, reason);
  }

  private nextQuickPlayName(): string {
    for (;;) {
      const name = `Arena ${++this.quickPlaySerial}`;
      if (!this.directory.byName(name)) return name;
    }
  }
}
