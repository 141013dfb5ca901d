/**
 * What an operator can do, each action audited: close a room (its members
 * get 4111, the room is disposed), kick a player (4110; its session ends and
 * its seat is freed, so it cannot resume), mute or unmute a player (its chat
 * is dropped: RoomMember.muted), drain the node (the server's own stop()).
 */
import { CloseCode } from '../../shared/protocol/constants';
import type { RoomHost } from '../rooms/roomHost';
import type { AdminAudit } from './adminAudit';

export class AdminActions {
  constructor(
    private readonly host: RoomHost,
    private readonly audit: AdminAudit,
    private readonly drainNode: () => void,
    private readonly now: () => number,
    private readonly wallNow: () => number = Date.now,
  ) {}

  closeRoom(roomId: string, address: string): boolean {
    const room = this.host.directory.byId(roomId);
    this.audit.record({ atMs: this.wallNow(), action: 'close-room', room: roomId, address, result: room ? 'done' : 'not-found' });
    if (!room) return false;
    room.closeAll(CloseCode.RoomClosedByOperator, 'closed by an operator');
    room.dispose();
    this.host.directory.remove(room);
    return true;
  }

  kick(roomId: string, playerId: number, address: string): boolean {
    const member = this.host.directory.byId(roomId)?.memberById(playerId);
    const room = this.host.directory.byId(roomId);
    this.audit.record({ atMs: this.wallNow(), action: 'kick', room: roomId, player: playerId, playerName: member?.name, address, result: member ? 'done' : 'not-found' });
    if (!room || !member) return false;
    const link = member.link;
    room.disconnect(member, true, this.now());
    link?.close(CloseCode.Kicked, 'kicked by an operator');
    return true;
  }

  setMuted(roomId: string, playerId: number, muted: boolean, address: string): boolean {
    const member = this.host.directory.byId(roomId)?.memberById(playerId);
    this.audit.record({ atMs: this.wallNow(), action: muted ? 'mute' : 'unmute', room: roomId, player: playerId, playerName: member?.name, address, result: member ? 'done' : 'not-found' });
    if (!member) return false;
    member.muted = muted;
    return true;
  }

  drain(address: string): void {
    this.audit.record({ atMs: this.wallNow(), action: 'drain', address, result: 'done' });
    this.drainNode();
  }
}
