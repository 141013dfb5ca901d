import { describe, expect, it } from 'vitest';
import { CloseCode, Opcode } from '../../shared/protocol/constants';
import { DecodeError } from '../../shared/protocol/decodeError';
import { decodeServerFrame, type ServerMessage } from '../../shared/protocol/frameCodec';
import { GameCodec } from '../../shared/protocol/gameCodec';
import { FakeLink } from '../../tests/support/fakeLink';
import { lenientRoomOptions } from '../../tests/support/lenientRoomOptions';
import { lineGame } from '../../tests/support/lineGame';
import { SnapshotReplica } from '../../tests/support/snapshotReplica';
import { ServerStats } from '../serverStats';
import { InMemorySessionStore } from '../sessions/sessionStore';
import { Room } from './room';
import { InMemoryRoomDirectory } from './roomDirectory';
import { SeatLedger } from './seatQuota';
import { Spectator } from './spectator';
import { SpectatorList } from './spectatorList';

const codec = new GameCodec(lineGame);
const EVERY = 2;

function makeRoom(maxPlayers = 2, maxSpectators = 3, playerIdleTimeoutMs = 3_600_000) {
  const stats = new ServerStats();
  const seats = new SeatLedger({ maxSeatsPerAddress: 1, maxDetachedPerAddress: 4, isExempt: () => false }, stats);
  const room = new Room(
    lenientRoomOptions(lineGame, { seed: 1, tickRate: 60, snapshotEvery: EVERY, maxPlayers, maxSpectators, playerIdleTimeoutMs, emptyGraceMs: 1000 }),
    new InMemorySessionStore(),
    stats,
    seats,
  );
  return { room, stats };
}

function decodeAll(link: FakeLink): ServerMessage[] {
  return link.take().map((f) => {
    const m = decodeServerFrame(f, codec);
    if (m instanceof DecodeError) throw new Error(m.toString());
    return m;
  });
}

function watch(room: Room, address = '10.0.0.9'): { link: FakeLink; spectator: Spectator } {
  const link = new FakeLink();
  const spectator = room.watch(link, address);
  if (typeof spectator === 'number') throw new Error(`refused ${spectator}`);
  return { link, spectator };
}

describe('SpectatorList', () => {
  it('admits up to its cap, then refuses with 4112; a removal frees a place', () => {
    const list = new SpectatorList(2);
    const a = list.admit(new FakeLink(), 'x', 0);
    const b = list.admit(new FakeLink(), 'x', 0);
    expect(list.admit(new FakeLink(), 'x', 0)).toBe(CloseCode.SpectatorsFull);
    expect(list.count).toBe(2);
    list.remove(a as Spectator);
    list.remove(a as Spectator); // idempotent
    expect(list.count).toBe(1);
    expect(list.has(b as Spectator)).toBe(true);
    expect(list.admit(new FakeLink(), 'x', 0)).toBeInstanceOf(Spectator);
  });

  it('closes spectators silent past the idle ticks with 4005, and only them', () => {
    const list = new SpectatorList(4);
    const quiet = list.admit(new FakeLink(), 'x', 0) as Spectator;
    const alive = list.admit(new FakeLink(), 'x', 0) as Spectator;
    alive.lastActiveTick = 90;
    expect(list.closeIdle(100, 50, 'idle')).toBe(1);
    expect(quiet.link).toBeNull();
    expect(list.has(quiet)).toBe(false);
    expect(list.has(alive)).toBe(true);
  });
});

describe('Room spectators', () => {
  it('a spectator takes no seat, no player id and no entity; a full room can still be watched', () => {
    const { room, stats } = makeRoom(1);
    const player = room.join(new FakeLink(), 'p', false, '10.0.0.1');
    expect(typeof player).toBe('object');
    expect(room.hasFreeSeat).toBe(false);
    const { link } = watch(room);
    expect(room.playerCount).toBe(1);
    expect(room.seatsTaken).toBe(1);
    expect(room.spectatorCount).toBe(1);
    expect(stats.spectators).toBe(1);
    const [watching] = decodeAll(link);
    expect(watching.op).toBe(Opcode.Watching);
    if (watching.op !== Opcode.Watching) return;
    expect(watching.body).toMatchObject({ roomId: 'r1', spectators: 1, players: [{ id: 1, name: 'p' }] });
    expect(watching.body).not.toHaveProperty('playerId');
    for (let t = 0; t < 4; t++) room.step(t * 16);
    expect(room.roster()).toEqual([{ id: 1, name: 'p' }]);
    // The world holds the one player only (lineGame: one row per player).
    expect(room.latestSnapshot!.count).toBe(1);
  });

  it('spectators do not count against the per-address seat quota (quota 1 here)', () => {
    const { room } = makeRoom(3);
    expect(typeof room.join(new FakeLink(), 'p', false, '10.0.0.1')).toBe('object');
    watch(room, '10.0.0.1');
    watch(room, '10.0.0.1');
    expect(room.join(new FakeLink(), 'q', false, '10.0.0.1')).toBe(CloseCode.SeatQuotaExceeded);
  });

  it('refuses past --max-spectators with 4112, and 4113 when watching is off', () => {
    const { room } = makeRoom(2, 2);
    watch(room);
    watch(room);
    expect(room.watch(new FakeLink(), 'a')).toBe(CloseCode.SpectatorsFull);
    const off = makeRoom(2, 0).room;
    expect(off.watch(new FakeLink(), 'a')).toBe(CloseCode.NotWatchable);
  });

  it('gets the same snapshots as players, as deltas once it acks (k = the tick it holds)', () => {
    const { room } = makeRoom();
    const playerLink = new FakeLink();
    room.join(playerLink, 'p', false, '10.0.0.1');
    const { link, spectator } = watch(room);
    decodeAll(link);
    const replica = new SnapshotReplica(codec.layout);
    let deltas = 0;
    for (let t = 1; t <= 20; t++) {
      room.step(t * 16);
      for (const m of decodeAll(link)) {
        if (m.op !== Opcode.Snapshot) continue;
        if (m.body.delta.baseTick !== 0) deltas++;
        expect(replica.apply(m.body)).toBe(true);
        expect(m.body.ackSeq).toBe(0);
      }
      room.spectatorAck(spectator, { k: replica.ackTick, f: 1, x: 0, y: 0 });
    }
    expect(replica.applied).toBe(10);
    expect(deltas).toBeGreaterThanOrEqual(8);
    expect(replica.store.newest!.tick).toBe(room.latestSnapshot!.tick);
    expect(spectator.viewer).toMatchObject({ playerId: 0, focus: 1 });
  });

  it('an Ack naming a tick the ring never held is not a baseline (full snapshot instead)', () => {
    const { room } = makeRoom();
    room.join(new FakeLink(), 'p', false, '10.0.0.1');
    const { spectator } = watch(room);
    for (let t = 1; t <= 4; t++) room.step(t * 16);
    room.spectatorAck(spectator, { k: 4_000_000_000, f: 0, x: 0, y: 0 });
    expect(spectator.ackTick).toBe(0);
  });

  it('an idle spectator (no Ack/Ping for the idle timeout) is closed 4005; a player is not affected by it', () => {
    const { room, stats } = makeRoom(2, 3, 1000);
    const { link } = watch(room);
    const playerLink = new FakeLink();
    room.join(playerLink, 'p', false, '10.0.0.1');
    for (let t = 1; t <= 70; t++) room.step(t * 16);
    room.sweep(70 * 16);
    expect(link.closedWith?.code).toBe(CloseCode.Idle);
    expect(room.spectatorCount).toBe(0);
    expect(stats.spectators).toBe(0);
    expect(playerLink.closedWith?.code).toBe(CloseCode.Idle); // the player sent no Input either: closed on its own account
  });

  it('spectators never keep a room alive, and lobby counts list them apart from players', () => {
    const { room } = makeRoom();
    const dir = new InMemoryRoomDirectory();
    dir.add(room);
    const player = room.join(new FakeLink(), 'p', false, '10.0.0.1');
    const { link } = watch(room);
    expect(dir.listPublic()).toEqual([{ id: 'r1', name: 'Test', players: 1, maxPlayers: 2, game: lineGame.name, private: false, spectators: 1 }]);
    if (typeof player === 'number') throw new Error('refused');
    room.disconnect(player, true, 0);
    expect(room.sweep(2000)).toBe(true);
    room.dispose();
    expect(link.closedWith?.code).toBe(CloseCode.GoingAway);
    expect(room.watch(new FakeLink(), 'a')).toBe(CloseCode.GoingAway);
  });

  it('unwatch is idempotent and the gauge follows', () => {
    const { room, stats } = makeRoom();
    const { spectator } = watch(room);
    room.unwatch(spectator);
    room.unwatch(spectator);
    expect(stats.spectators).toBe(0);
    expect(room.spectatorCount).toBe(0);
  });
});
