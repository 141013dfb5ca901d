/**
 * The rooms of one process: creates them (from the lobby API or quick play),
 * resolves join targets, steps them from the shared scheduler, and disposes
 * the ones left empty. Owns no sockets.
 */
import { randomInt } from 'node:crypto';
import { CloseCode } from '../../shared/protocol/constants';
import type { Config } from '../config';
import type { GameCatalog, HostedGame } from '../games/gameCatalog';
import { QuotaExemption } from '../limits/quotaExemption';
import type { Logger } from '../logger';
import type { ServerStats } from '../serverStats';
import type { SessionStore } from '../sessions/sessionStore';
import { Room } from './room';
import { SeatLedger } from './seatQuota';
import { newJoinCode, newRoomId, type RoomDirectory } from './roomDirectory';

export interface CreateRoomRequest {
  /** A hosted game's name; the catalog's default if absent. */
  game?: string;
  name?: string;
  maxPlayers?: number;
  isPrivate?: boolean;
  /** Set only when re-creating a predecessor's room (session handoff). */
  restore?: { id: string; code: string | null; seed: number };
}

/** Quick play: of `game` (a hosted game's name), or of the default game. */
export type RoomTarget = { kind: 'quick'; game?: string } | { kind: 'id'; id: string } | { kind: 'code'; code: string };

export type TargetError =
  | typeof CloseCode.RoomNotFound
  | typeof CloseCode.RoomFull
  | 'at-capacity'
  | 'name-taken'
  | 'unknown-game';

/**
 * How long quick play keeps filling the room it last chose before it looks for
 * the fullest room again. Choosing scans every room (O(rooms) per join: ~20 µs
 * at 1,000 rooms, the largest item of a join storm's join path); with the pick
 * kept, a storm scans once per room filled (the pick is full) and at most this
 * often. A seat freed meanwhile in a fuller room is taken at the next scan.
 */
const QUICK_PLAY_RESCAN_MS = 100;

interface QuickPick {
  room: Room;
  atMs: number;
}

export class RoomHost {
  private readonly quickPlaySerials = new Map<string, number>();
  /** Quick play's last choice per game (see QUICK_PLAY_RESCAN_MS). */
  private readonly quickPicks = new Map<string, QuickPick>();
  private roomSerial = 0;
  /** Per-address seat quotas across every room of this process. */
  readonly seats: SeatLedger;

  constructor(
    readonly config: Config,
    readonly games: GameCatalog,
    readonly directory: RoomDirectory,
    readonly sessions: SessionStore,
    private readonly stats: ServerStats,
    private readonly log: Logger,
  ) {
    const exempt = new QuotaExemption(config.quotaExempt);
    this.seats = new SeatLedger(
      { maxSeatsPerAddress: config.maxSeatsPerAddress, maxDetachedPerAddress: config.maxDetachedPerAddress, isExempt: (a) => exempt.isExempt(a) },
      stats,
    );
  }

  create(req: CreateRoomRequest, nowMs: number): Room | TargetError {
    const hosted = req.game === undefined ? this.games.default : this.games.get(req.game);
    if (!hosted) return 'unknown-game';
    if (this.directory.size >= this.config.maxRooms) return 'at-capacity';
    const name = req.name ?? this.nextQuickPlayName(hosted);
    if (this.directory.byName(name)) return 'name-taken';
    const snapshotEvery = this.config.tickRate / this.config.snapshotRate;
    const room = new Room(
      {
        id: req.restore?.id ?? newRoomId(this.directory),
        name,
        code: req.restore ? req.restore.code : req.isPrivate ? newJoinCode(this.directory) : null,
        maxPlayers: req.maxPlayers ?? (this.config.defaultMaxPlayers || hosted.game.defaultMaxPlayers),
        game: hosted.game,
        codec: hosted.codec,
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
        maxSpectators: this.config.maxSpectators,
        nowMs,
      },
      this.sessions,
      this.stats,
      this.seats,
    );
    this.directory.add(room);
    this.log.info({ room: room.id, game: hosted.game.name, private: room.isPrivate, maxPlayers: room.maxPlayers }, 'room created');
    return room;
  }

  /** The room a join target names, with a seat free (quick play creates one if needed). */
  resolve(target: RoomTarget, nowMs: number): Room | TargetError {
    let room: Room | undefined;
    switch (target.kind) {
      case 'quick': {
        const game = target.game ?? this.games.default.game.name;
        if (!this.games.get(game)) return 'unknown-game';
        return this.quickPlay(game, nowMs);
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

  /** The room quick play of `game` joins: the last pick while it has a seat (and is still here), else the fullest, else a new one. */
  private quickPlay(game: string, nowMs: number): Room | TargetError {
    const pick = this.quickPicks.get(game);
    if (pick && nowMs - pick.atMs < QUICK_PLAY_RESCAN_MS && pick.room.hasFreeSeat && this.directory.byId(pick.room.id) === pick.room) return pick.room;
    const room = this.directory.findQuickPlay(game) ?? this.create({ game }, nowMs);
    if (typeof room === 'object') this.quickPicks.set(game, { room, atMs: nowMs });
    else this.quickPicks.delete(game);
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

  /** The game names its quick-play rooms ("Arena 3"); a per-game serial picks the next free one. */
  private nextQuickPlayName({ game }: HostedGame): string {
    for (;;) {
      const n = (this.quickPlaySerials.get(game.name) ?? 0) + 1;
      this.quickPlaySerials.set(game.name, n);
      const name = game.quickPlayRoomName(n);
      if (!this.directory.byName(name)) return name;
    }
  }
}
