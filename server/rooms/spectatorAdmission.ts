/**
 * Spectator admission (issue 15): whether a room may be watched, the Watching
 * frame a new spectator gets at once, what its Ack and Ping change (its delta
 * baseline, its camera, that it is still there), and its leaving. The
 * server's spectator figure moves here only: admitted, left, closed idle.
 * A spectator holds no seat, no entity and no session (a reconnect watches
 * anew); the list itself (cap, idle rule) is spectatorList.ts.
 */
import { CloseCode } from '../../shared/protocol/constants';
import { INPUT_ACK_BITS } from '../../shared/protocol/inputCodec';
import type { AckBody, PlayerInfo } from '../../shared/protocol/messages';
import type { ServerStats } from '../serverStats';
import type { ClientLink } from './clientLink';
import type { RoomPhase } from './room';
import type { RoomGreeting } from './roomGreeting';
import type { Spectator } from './spectator';
import type { SpectatorList, WatchRefusal } from './spectatorList';
import type { ViewGroups } from './viewGroups';

export type WatchRefused = WatchRefusal | typeof CloseCode.NotWatchable | typeof CloseCode.GoingAway;

/** What admission reads of its room: part of Room's public face. */
export interface WatchedRoom {
  readonly phase: RoomPhase;
  readonly tick: number;
  roster(): PlayerInfo[];
}

export class SpectatorAdmission {
  constructor(
    private readonly room: WatchedRoom,
    private readonly spectators: SpectatorList,
    private readonly greeting: RoomGreeting,
    /** Where an Ack's snapshot index is resolved: the spectator's view group's ring, as a player's. */
    private readonly views: Pick<ViewGroups, 'resolveAck'>,
    private readonly snapshotEvery: number,
    private readonly stats: Pick<ServerStats, 'spectators'>,
  ) {}

  /** Admit a spectator and send its Watching frame; its first snapshot is a full one. */
  watch(link: ClientLink, address: string): Spectator | WatchRefused {
    if (this.room.phase === 'disposed') return CloseCode.GoingAway;
    if (this.spectators.cap === 0) return CloseCode.NotWatchable;
    const s = this.spectators.admit(link, address, this.room.tick);
    if (typeof s === 'number') return s;
    this.stats.spectators++;
    this.greeting.watching(link, this.room.tick, this.room.roster(), this.spectators.count);
    return s;
  }

  /** The spectator's connection ended (idempotent). */
  unwatch(s: Spectator): void {
    if (!this.spectators.has(s)) return;
    this.spectators.remove(s);
    this.stats.spectators--;
  }

  /** A spectator's Ack: its delta baseline and its camera. */
  ack(s: Spectator, ack: AckBody): void {
    s.lastActiveTick = this.room.tick;
    s.look(ack);
    if (ack.k === 0) {
      s.ackTick = 0;
      return;
    }
    const every = this.snapshotEvery;
    const acked = this.views.resolveAck(s, Math.floor(ack.k / every) % 2 ** INPUT_ACK_BITS, every);
    if (acked > s.ackTick) s.ackTick = s.lastAckedTick = acked;
  }

  /** A spectator's Ping: it is still there (spectators send no Input to prove it). */
  alive(s: Spectator): void {
    s.lastActiveTick = this.room.tick;
  }

  /** Close the spectators silent for more than `idleTicks` (spectatorList.ts). */
  closeIdle(idleTicks: number, reason: string): void {
    this.stats.spectators -= this.spectators.closeIdle(this.room.tick, idleTicks, reason);
  }
}
