/**
 * The first frame each connection of a room gets: Welcome for a player (join
 * or resume), Watching for a spectator. Both start with the room's fixed
 * fields, the same for every joiner and spectator; each frame sent is counted
 * in the server's output figures.
 */
import { PROTOCOL_VERSION } from '../../shared/protocol/constants';
import type { PlayerInfo } from '../../shared/protocol/messages';
import type { ServerStats } from '../serverStats';
import { type ClientLink, SendStatus } from './clientLink';
import type { RoomOptions } from './roomOptions';
import { spectatorWelcome } from './spectatorWelcome';
import { WelcomeFrame, type RoomPart } from './welcomeFrame';

/** The room settings the fixed fields announce. */
export type AnnouncedRoom = Pick<RoomOptions, 'id' | 'name' | 'seed' | 'tickRate' | 'snapshotEvery' | 'maxPlayers' | 'maxInputRate' | 'codec'>;

/** A Welcome's per-joiner fields. */
export type Joiner = Parameters<WelcomeFrame['encode']>[0];

export class RoomGreeting {
  /** The Welcome's fixed parts, encoded at the first join (join path, welcomeFrame.ts). */
  private welcomeFrame: WelcomeFrame | null = null;

  constructor(
    private readonly room: AnnouncedRoom,
    private readonly stats: ServerStats,
  ) {}

  /** Send a player its Welcome (nothing when its link is gone or closed). */
  welcome(link: ClientLink | null, joiner: Joiner): void {
    this.welcomeFrame ??= new WelcomeFrame(this.room.codec, this.roomPart());
    this.sendTo(link, this.welcomeFrame.encode(joiner));
  }

  /** Send a new spectator its Watching frame: the room, who plays, and how many watch. */
  watching(link: ClientLink, serverTick: number, players: PlayerInfo[], spectators: number): void {
    this.sendTo(link, spectatorWelcome(this.room.codec, { ...this.roomPart(), serverTick, players, spectators }));
  }

  private roomPart(): RoomPart {
    const r = this.room;
    return {
      v: PROTOCOL_VERSION,
      roomId: r.id,
      roomName: r.name,
      seed: r.seed,
      tickRate: r.tickRate,
      snapshotRate: r.tickRate / r.snapshotEvery,
      maxPlayers: r.maxPlayers,
      maxInputRate: r.maxInputRate,
    };
  }

  private sendTo(link: ClientLink | null, frame: Uint8Array): void {
    if (!link || !link.isOpen) return;
    if (link.send(frame) !== SendStatus.Dropped) {
      this.stats.messagesOut++;
      this.stats.bytesOut += frame.length;
    }
  }
}
