/**
 * Where rooms are found: by id, by private join code, or by quick play
 * (join-or-create). Behind an interface so a Redis-backed directory that
 * routes joins to the process holding the room can replace it.
 */
import { randomBytes, randomInt } from 'node:crypto';
import { JOIN_CODE_ALPHABET, Limits } from '../../shared/protocol/constants';
import type { RoomSummary } from '../../shared/protocol/lobbyApi';
import type { Room } from './room';

export interface RoomDirectory {
  add(room: Room): void;
  remove(room: Room): void;
  byId(id: string): Room | undefined;
  byCode(code: string): Room | undefined;
  byName(name: string): Room | undefined;
  /** A public room of `game` with a free seat, fullest first (fills rooms before opening new ones). */
  findQuickPlay(game: string): Room | undefined;
  /** Public rooms for the lobby. */
  listPublic(): RoomSummary[];
  all(): Iterable<Room>;
  readonly size: number;
}

export class InMemoryRoomDirectory implements RoomDirectory {
  private readonly rooms = new Map<string, Room>();
  private readonly codes = new Map<string, Room>();
  private readonly names = new Map<string, Room>();

  add(room: Room): void {
    this.rooms.set(room.id, room);
    this.names.set(room.name.toLowerCase(), room);
    if (room.code) this.codes.set(room.code, room);
  }

  remove(room: Room): void {
    this.rooms.delete(room.id);
    if (this.names.get(room.name.toLowerCase()) === room) this.names.delete(room.name.toLowerCase());
    if (room.code) this.codes.delete(room.code);
  }

  byId(id: string): Room | undefined {
    return this.rooms.get(id);
  }

  byCode(code: string): Room | undefined {
    return this.codes.get(code);
  }

  byName(name: string): Room | undefined {
    return this.names.get(name.toLowerCase());
  }

  findQuickPlay(game: string): Room | undefined {
    let best: Room | undefined;
    for (const room of this.rooms.values()) {
      if (room.isPrivate || !room.hasFreeSeat || room.game.name !== game) continue;
      if (!best || room.seatsTaken > best.seatsTaken) best = room;
    }
    return best;
  }

  listPublic(): RoomSummary[] {
    const out: RoomSummary[] = [];
    for (const r of this.rooms.values()) {
      if (r.isPrivate || r.phase === 'disposed') continue;
      out.push({ id: r.id, name: r.name, players: r.playerCount, maxPlayers: r.maxPlayers, game: r.game.name, private: false, spectators: r.spectatorCount });
    }
    return out;
  }

  all(): Iterable<Room> {
    return this.rooms.values();
  }

  get size(): number {
    return this.rooms.size;
  }
}

/** Room ids: machine-read, so the full 32-symbol Crockford alphabet, lower case. */
const ROOM_ID_ALPHABET = '0123456789abcdefghjkmnpqrstvwxyz';

/** Room ids: 10 lowercase base32 characters (50 bits), unique in the directory. */
export function newRoomId(directory: RoomDirectory): string {
  for (;;) {
    const bytes = randomBytes(10);
    let id = '';
    for (const b of bytes) id += ROOM_ID_ALPHABET[b & 31];
    if (!directory.byId(id)) return id;
  }
}

/**
 * Join codes: Limits.joinCodeLength characters from the 30-symbol alphabet
 * without look-alikes, uniformly from the CSPRNG: 10 × log2(30) ≈ 49 bits.
 */
export function newJoinCode(directory: RoomDirectory): string {
  for (;;) {
    let code = '';
    for (let i = 0; i < Limits.joinCodeLength; i++) code += JOIN_CODE_ALPHABET[randomInt(JOIN_CODE_ALPHABET.length)];
    if (!directory.byCode(code)) return code;
  }
}
