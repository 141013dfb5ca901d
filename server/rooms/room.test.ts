import { describe, expect, it } from 'vitest';
import { Button, CloseCode, Opcode } from '../../shared/protocol/constants';
import { decodeServerFrame, type ServerMessage } from '../../shared/protocol/frameCodec';
import { SnapshotReplica } from '../testing/snapshotReplica';
import { createLogger } from '../logger';
import { ServerStats } from '../serverStats';
import { InMemorySessionStore } from '../sessions/sessionStore';
import { FakeLink } from '../testing/fakeLink';
import { lineGame, lineSchema } from '../testing/lineGame';
import { Room, RoomMember } from './room';
import { RoomHost } from './roomHost';
import { InMemoryRoomDirectory } from './roomDirectory';
import { DEFAULT_CONFIG } from '../config';

function makeRoom(overrides: Partial<ConstructorParameters<typeof Room>[0]> = {}) {
  const stats = new ServerStats();
  const sessions = new InMemorySessionStore();
  const room = new Room(
    {
      id: 'r1',
      name: 'Test',
      code: null,
      maxPlayers: 3,
      game: lineGame,
      seed: 1,
      tickRate: 60,
      snapshotEvery: 2,
      snapshotPhase: 0,
      ringSize: 32,
      sessionGraceMs: 15_000,
      emptyGraceMs: 30_000,
      skipBytes: 16_384,
      slowCloseMs: 5000,
      // Off unless a test is about it: most step with literal ms a few apart and never ack.
      fullSnapshotIntervalMs: 0,
      playerIdleTimeoutMs: 30_000,
      maxInputRate: 120,
      nowMs: 0,
      ...overrides,
    } as ConstructorParameters<typeof Room>[0],
    sessions,
    stats,
  );
  return { room, stats, sessions };
}

function decodeAll(link: FakeLink): ServerMessage[] {
  return link.take().map((f) => {
    const m = decodeServerFrame(f, lineSchema);
    if (!('op' in m)) throw new Error(String(m));
    return m;
  });
}

/** Feeds snapshot frames to a replica, optionally dropping some (lost in transit). */
class SnapshotClient extends SnapshotReplica {
  constructor() {
    super(lineSchema);
  }

  receive(messages: ServerMessage[], drop: () => boolean = () => false): void {
    for (const m of messages) if (m.op === Opcode.Snapshot && !drop()) this.apply(m.body);
  }
}

describe('Room', () => {
  it('welcomes a joiner with its player id, resume token and roster', () => {
    const { room } = makeRoom();
    const a = new FakeLink();
    const member = room.join(a, 'alice', false) as RoomMember;
    const [welcome] = decodeAll(a);
    expect(welcome.op).toBe(Opcode.Welcome);
    if (welcome.op !== Opcode.Welcome) return;
    expect(welcome.body.playerId).toBe(member.playerId);
    expect(welcome.body.resume).toHaveLength(43);
    expect(welcome.body.players).toEqual([{ id: member.playerId, name: 'alice' }]);
    expect(welcome.body.snapshotRate).toBe(30);
    expect(room.phase).toBe('running');
  });

  it('refuses a joiner when seats are taken, counting reservations', () => {
    const { room } = makeRoom({ maxPlayers: 2 });
    expect(room.join(new FakeLink(), 'a', false)).toBeInstanceOf(RoomMember);
    expect(room.reserveSeat()).toBe(true);
    expect(room.join(new FakeLink(), 'c', false)).toBe(CloseCode.RoomFull);
    expect(room.join(new FakeLink(), 'b', true)).toBeInstanceOf(RoomMember);
    expect(room.reserveSeat()).toBe(false);
  });

  it('makes names unique within the room, never splitting a character', () => {
    const { room } = makeRoom({ maxPlayers: 5 });
    room.join(new FakeLink(), 'sam', false);
    const second = room.join(new FakeLink(), 'sam', false) as RoomMember;
    expect(second.name).toBe('sam 2');
    const emoji = 'a' + '😀'.repeat(11) + 'b'; // 24 UTF-16 units
    room.join(new FakeLink(), emoji, false);
    const twin = room.join(new FakeLink(), emoji, false);
    expect(twin).toBeInstanceOf(RoomMember);
    const name = (twin as RoomMember).name;
    expect(name.length).toBeLessThanOrEqual(24);
    expect(name).toBe('a' + '😀'.repeat(10) + ' 2');
    expect(name).not.toMatch(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])/);
  });

  it('an ackTick of 0 asks for a full snapshot; otherwise acks only move forward', () => {
    const { room } = makeRoom();
    const link = new FakeLink();
    const m = room.join(link, 'a', false) as RoomMember;
    room.step(0);
    room.step(1);
    room.offerInput(m, [1, 0, 2, 0, [[0, 0]]]);
    expect(m.ackTick).toBe(2);
    room.offerInput(m, [2, 0, 1, 0, [[0, 0]]]);
    expect(m.ackTick).toBe(2);
    room.offerInput(m, [3, 0, 99, 0, [[0, 0]]]); // a tick the server has not made: ignored
    expect(m.ackTick).toBe(2);
    room.offerInput(m, [4, 0, 0, 0, [[0, 0]]]);
    expect(m.ackTick).toBe(0);
  });

  it('applies one input per tick in order, ignores duplicates, repeats the last when none is due', () => {
    const { room } = makeRoom();
    const link = new FakeLink();
    const m = room.join(link, 'a', false) as RoomMember;
    // seq 1..3 moving right, sent redundantly (each message repeats earlier ones).
    room.offerInput(m, [1, 0, 0, 0, [[Button.Right, 0]]]);
    room.offerInput(m, [2, 0, 0, 0, [[Button.Right, 0], [Button.Right, 0]]]);
    room.offerInput(m, [3, 0, 0, 0, [[Button.Right, 0], [Button.Right, 0], [Button.Right, 0]]]);
    for (let i = 0; i < 3; i++) room.step(i);
    expect(m.lastAppliedSeq).toBe(3);
    room.step(3); // no input due: the last one (Right) repeats, seq stays 3
    expect(m.lastAppliedSeq).toBe(3);
    room.offerInput(m, [2, 0, 0, 0, [[Button.Left, 0]]]); // stale: ignored
    room.step(4);
    room.step(5); // snapshot at tick 6: six moves right
    const client = new SnapshotClient();
    client.receive(decodeAll(link));
    expect(client.latest!.get(0, 0)).toBe(6);
    expect(client.ackSeq).toBe(3);
  });

  it('skips an input lost for good when a later one has arrived', () => {
    const { room } = makeRoom();
    const m = room.join(new FakeLink(), 'a', false) as RoomMember;
    room.offerInput(m, [1, 0, 0, 0, [[0, 0]]]);
    room.step(0);
    room.offerInput(m, [3, 0, 0, 0, [[Button.Up, 0]]]); // seq 2 never arrives
    room.step(1);
    expect(m.lastAppliedSeq).toBe(3);
  });

  it('a client dropping random snapshots still reconstructs exactly the server state from deltas', () => {
    const { room, stats } = makeRoom({ maxPlayers: 3 });
    const links = [new FakeLink(), new FakeLink()];
    const members = links.map((l, i) => room.join(l, `p${i}`, false) as RoomMember);
    const clients = [new SnapshotClient(), new SnapshotClient()];
    let rng = 12345;
    const rand = () => ((rng = (rng * 1103515245 + 12345) >>> 0) / 2 ** 32);
    let seq = 0;
    for (let tick = 0; tick < 600; tick++) {
      seq++;
      members.forEach((m, i) => {
        const buttons = [Button.Right, Button.Down, Button.Left | Button.Fire, 0][Math.floor(rand() * 4)];
        room.offerInput(m, [seq, tick, clients[i].ackTick, 0, [[buttons, Math.floor(rand() * 65536)]]]);
      });
      room.step(tick * 16);
      clients[0].receive(decodeAll(links[0]), () => rand() < 0.3); // 30% of snapshots lost
      clients[1].receive(decodeAll(links[1]));
    }
    const truth = room.latestSnapshot!;
    for (const c of clients) expect(c.latest!.sameEntities(truth)).toBe(true);
    expect(clients[0].applied).toBeLessThan(clients[1].applied);
    // Deltas were used (not only full snapshots), and shared frames were encoded once per baseline group.
    expect(stats.fullSnapshots).toBeLessThan(10);
    expect(stats.snapshotsEncoded).toBeLessThan(stats.snapshotsSent);
  });

  it('sends a full snapshot when the acknowledged baseline has left the ring', () => {
    const { room } = makeRoom({ ringSize: 4 });
    const link = new FakeLink();
    const m = room.join(link, 'a', false) as RoomMember;
    const client = new SnapshotClient();
    room.step(0);
    room.step(1);
    client.receive(decodeAll(link));
    room.offerInput(m, [1, 0, client.ackTick, 0, [[0, 0]]]);
    for (let t = 2; t < 20; t++) room.step(t); // client acks nothing more: its baseline ages out
    const snaps = decodeAll(link).filter((x) => x.op === Opcode.Snapshot);
    const last = snaps[snaps.length - 1];
    expect(last.op === Opcode.Snapshot && last.body.delta.baseTick).toBe(0);
  });

  it('a client acking 0 on every Input gets one full snapshot per interval, deltas it can apply between', () => {
    const { room, stats } = makeRoom({ fullSnapshotIntervalMs: 1000 });
    const link = new FakeLink();
    const m = room.join(link, 'a', false) as RoomMember;
    const client = new SnapshotClient();
    let seq = 0;
    const baseTicks: number[] = [];
    for (let tick = 0; tick < 180; tick++) {
      // Acks its newest tick once, then 0 forever.
      room.offerInput(m, [++seq, tick, tick === 10 ? client.ackTick : 0, 0, [[Button.Right, 0]]]);
      room.step(tick * (1000 / 60));
      const msgs = decodeAll(link);
      client.receive(msgs);
      for (const x of msgs) if (x.op === Opcode.Snapshot) baseTicks.push(x.body.delta.baseTick);
    }
    // 3 s: one full snapshot per second, never more.
    expect(baseTicks.filter((b) => b === 0)).toHaveLength(3);
    expect(stats.fullSnapshots).toBe(3);
    // Between fulls, deltas against the one ack while the ring held it, then against the last full:
    // every snapshot still arrives, and the client can apply every one.
    expect(baseTicks).toHaveLength(90);
    expect(client.applied).toBe(90);
    expect(client.latest!.sameEntities(room.latestSnapshot!)).toBe(true);
  });

  it('skips snapshots for a backed-up client, then closes it with 4004; others keep their rate', () => {
    const { room, stats } = makeRoom({ slowCloseMs: 1000 });
    const slow = new FakeLink();
    const fast = new FakeLink();
    room.join(slow, 'slow', false);
    room.join(fast, 'fast', false);
    slow.take();
    fast.take();
    slow.buffered = 1_000_000;
    for (let tick = 0; tick < 120; tick++) room.step(tick * (1000 / 60));
    expect(slow.frames.filter((f) => f[0] === Opcode.Snapshot)).toHaveLength(0);
    expect(fast.frames.filter((f) => f[0] === Opcode.Snapshot)).toHaveLength(60);
    expect(stats.snapshotsSkipped).toBeGreaterThan(0);
    expect(slow.closedWith?.code).toBe(CloseCode.SlowConsumer);
  });

  it('closes a player that sends no Input for playerIdleTimeoutMs of ticks (4005) and frees its seat; a server stall does not count', () => {
    const { room } = makeRoom({ playerIdleTimeoutMs: 1000, maxPlayers: 2 });
    const idle = new FakeLink();
    const active = new FakeLink();
    room.join(idle, 'idle', false);
    const a = room.join(active, 'active', false) as RoomMember;
    // 59 ticks, then a wall-clock jump of an hour (a stall): only ticks count.
    for (let t = 0; t < 59; t++) room.step(t * 16);
    room.offerInput(a, [1, 0, 0, 0, [[0, 0]]]);
    room.sweep(3_600_000);
    expect(idle.closedWith).toBeNull();
    for (let t = 59; t < 62; t++) room.step(3_600_000 + t * 16);
    room.sweep(3_600_000 + 1000);
    expect(idle.closedWith?.code).toBe(CloseCode.Idle);
    expect(active.closedWith).toBeNull();
    expect(room.playerCount).toBe(1);
    expect(room.hasFreeSeat).toBe(true);
  });

  it('keeps a disconnected player for the grace period and resumes it with its state', () => {
    const { room, sessions } = makeRoom();
    const link = new FakeLink();
    const m = room.join(link, 'a', false) as RoomMember;
    room.offerInput(m, [1, 0, 0, 0, [[Button.Right, 0]]]);
    for (let t = 0; t < 10; t++) room.step(t);
    room.disconnect(m, false, 100);
    expect(room.playerCount).toBe(1);
    const session = sessions.find(m.session.token)!;
    const again = new FakeLink();
    const resumed = room.resume(session, again, 5000)!;
    expect(resumed.playerId).toBe(m.playerId);
    const [welcome] = decodeAll(again);
    expect(welcome.op === Opcode.Welcome && welcome.body.resumed).toBe(true);
    room.step(11);
    room.step(12);
    const client = new SnapshotClient();
    client.receive(decodeAll(again));
    expect(client.latest!.get(client.latest!.indexOf(m.playerId), 0)).toBe(10);
  });

  it('a resume takes the session over: the older connection is closed with 4103', () => {
    const { room, sessions } = makeRoom();
    const first = new FakeLink();
    const m = room.join(first, 'a', false) as RoomMember;
    const second = new FakeLink();
    room.resume(sessions.find(m.session.token)!, second, 10);
    expect(first.closedWith?.code).toBe(CloseCode.SessionTakenOver);
    expect(m.link).toBe(second);
  });

  it('expires sessions after the grace period and disposes the empty room after its own grace', () => {
    const { room, sessions } = makeRoom({ sessionGraceMs: 1000, emptyGraceMs: 2000 });
    const m = room.join(new FakeLink(), 'a', false) as RoomMember;
    room.disconnect(m, false, 0);
    expect(room.sweep(999)).toBe(false);
    expect(room.playerCount).toBe(1);
    expect(room.sweep(1000)).toBe(false);
    expect(room.playerCount).toBe(0);
    expect(sessions.find(m.session.token)).toBeUndefined();
    expect(room.phase).toBe('empty');
    expect(room.sweep(2999)).toBe(false);
    expect(room.sweep(3000)).toBe(true);
  });

  it('a player who leaves is gone at once and announced', () => {
    const { room } = makeRoom();
    const a = new FakeLink();
    const b = new FakeLink();
    const ma = room.join(a, 'a', false) as RoomMember;
    room.join(b, 'b', false);
    b.take();
    room.disconnect(ma, true, 0);
    expect(room.playerCount).toBe(1);
    room.step(0);
    room.step(1);
    const events = decodeAll(b).filter((m) => m.op === Opcode.Events);
    expect(events.flatMap((e) => (e.op === Opcode.Events ? e.body.events : []))).toContainEqual({ type: 'left', id: ma.playerId });
  });
});

describe('RoomHost', () => {
  it('quick play fills the fullest room with a free seat before creating another', () => {
    const config = { ...DEFAULT_CONFIG, defaultMaxPlayers: 2 };
    const host = new RoomHost(config, lineGame as never, new InMemoryRoomDirectory(), new InMemorySessionStore(), new ServerStats(), createLogger('silent'));
    const r1 = host.resolve({ kind: 'quick' }, 0) as Room;
    r1.join(new FakeLink(), 'a', false);
    expect(host.resolve({ kind: 'quick' }, 0)).toBe(r1);
    r1.join(new FakeLink(), 'b', false);
    const r2 = host.resolve({ kind: 'quick' }, 0) as Room;
    expect(r2).not.toBe(r1);
    expect(host.directory.size).toBe(2);
    expect(host.resolve({ kind: 'id', id: r1.id }, 0)).toBe(CloseCode.RoomFull);
    expect(host.resolve({ kind: 'id', id: 'nosuchroom' }, 0)).toBe(CloseCode.RoomNotFound);
  });
});
