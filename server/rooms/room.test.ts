import { describe, expect, it } from 'vitest';
import { CloseCode, Opcode } from '../../shared/protocol/constants';
import { DecodeError } from '../../shared/protocol/decodeError';
import { decodeServerFrame, type ServerMessage } from '../../shared/protocol/frameCodec';
import { GameCodec } from '../../shared/protocol/gameCodec';
import { InputUplink } from '../../shared/protocol/inputUplink';
import { DEFAULT_CONFIG } from '../config';
import { GameCatalog } from '../games/gameCatalog';
import { createLogger } from '../logger';
import { ServerStats } from '../serverStats';
import { InMemorySessionStore } from '../sessions/sessionStore';
import { FakeLink } from '../../tests/support/fakeLink';
import { LineButton as Button, lineGame } from '../../tests/support/lineGame';
import { SnapshotReplica } from '../../tests/support/snapshotReplica';
import { Room, type RoomOptions } from './room';
import { RoomMember } from './roomMember';
import type { CommandBatch } from './roomCommand';
import { InMemoryRoomDirectory } from './roomDirectory';
import { RoomHost } from './roomHost';

const codec = new GameCodec(lineGame);
const SNAPSHOT_EVERY = 2;

function makeRoom(overrides: Partial<RoomOptions> = {}) {
  const stats = new ServerStats();
  const sessions = new InMemorySessionStore();
  const room = new Room(
    {
      id: 'r1',
      name: 'Test',
      code: null,
      maxPlayers: 3,
      game: lineGame,
      codec,
      seed: 1,
      tickRate: 60,
      snapshotEvery: SNAPSHOT_EVERY,
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
    },
    sessions,
    stats,
  );
  return { room, stats, sessions };
}

function decodeAll(link: FakeLink): ServerMessage[] {
  return link.take().map((f) => {
    const m = decodeServerFrame(f, codec);
    if (m instanceof DecodeError) throw new Error(m.toString());
    return m;
  });
}

/**
 * A client of the room over a FakeLink: InputUplink for its inputs (every
 * unacknowledged frame repeated), SnapshotReplica for what it receives.
 */
class Player {
  readonly uplink = new InputUplink(codec.input, SNAPSHOT_EVERY, 1);
  replica = new SnapshotReplica(codec.layout);

  constructor(
    readonly room: Room,
    public link: FakeLink,
    public member: RoomMember,
  ) {}

  static join(room: Room, name: string): Player {
    const link = new FakeLink();
    const m = room.join(link, name, false);
    if (!(m instanceof RoomMember)) throw new Error(`join refused: ${m}`);
    return new Player(room, link, m);
  }

  /** Push one frame and send the message carrying every unacknowledged frame. */
  input(buttons: number, aim = 0): DecodeError | null {
    this.uplink.push([buttons, aim]);
    return this.room.offerInput(this.member, this.uplink.message(this.replica.ackTick, this.replica.ackTick)!);
  }

  /** Take what the room sent: apply snapshots (unless `drop` says lost) and acknowledge them. */
  receive(drop: () => boolean = () => false): ServerMessage[] {
    const messages = decodeAll(this.link);
    for (const m of messages) {
      if (m.op !== Opcode.Snapshot || drop()) continue;
      if (this.replica.apply(m.body)) this.uplink.acknowledge(m.body.ackSeq);
    }
    return messages;
  }
}

describe('Room', () => {
  it("welcomes a joiner with its player id, resume token, roster and the game's descriptor", () => {
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
    expect(welcome.body.game.name).toBe('line');
    expect(welcome.body.gameHash).toBe(codec.hash);
    const fromWelcome = GameCodec.fromWelcome(welcome.body);
    expect(fromWelcome).toBeInstanceOf(GameCodec);
    expect((fromWelcome as GameCodec).hash).toBe(codec.hash);
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

  it('an Input without an ack asks for a full snapshot; an ack resolves to a held snapshot and only moves forward', () => {
    const { room } = makeRoom();
    const p = Player.join(room, 'a');
    const send = (ackTick: number) => {
      p.uplink.push([0, 0]);
      expect(room.offerInput(p.member, p.uplink.message(ackTick, ackTick)!)).toBeNull();
    };
    for (let t = 0; t < 6; t++) room.step(t); // snapshots at ticks 2, 4, 6
    send(4);
    expect(p.member.ackTick).toBe(4);
    send(2); // older: the ack does not go back
    expect(p.member.ackTick).toBe(4);
    send(98); // a snapshot the server never made: ignored
    expect(p.member.ackTick).toBe(4);
    send(6);
    expect(p.member.ackTick).toBe(6);
    send(0); // hasAck = 0: the client has no usable baseline
    expect(p.member.ackTick).toBe(0);
  });

  it('applies one frame per tick in order from redundant messages, and keeps the last when none is due', () => {
    const { room } = makeRoom();
    const p = Player.join(room, 'a');
    // Three frames moving right; each message repeats the unacknowledged ones.
    for (let i = 0; i < 3; i++) expect(p.input(Button.Right)).toBeNull();
    expect(p.member.inputs.newestSeq).toBe(3);
    for (let t = 0; t < 3; t++) room.step(t);
    expect(p.member.lastAppliedSeq).toBe(3);
    room.step(3); // nothing due: Right repeats, the seq stays 3
    expect(p.member.lastAppliedSeq).toBe(3);
    room.step(4);
    room.step(5); // snapshot at tick 6: six moves right
    p.receive();
    expect(p.replica.entity(p.member.playerId)![0]).toBe(6);
    expect(p.replica.ackSeq).toBe(3);
  });

  it('refuses a malformed Input with a DecodeError (never a throw) and leaves the member as it was', () => {
    const { room } = makeRoom();
    const p = Player.join(room, 'a');
    expect(p.input(Button.Right)).toBeNull();
    const good = p.uplink.message(0, 0)!;
    for (let cut = 0; cut < good.length; cut++) {
      const r = room.offerInput(p.member, good.subarray(0, cut));
      expect(r).toBeInstanceOf(DecodeError);
    }
    const trailing = new Uint8Array(good.length + 2);
    trailing.set(good);
    trailing[good.length + 1] = 0xff;
    expect(room.offerInput(p.member, trailing)).toBeInstanceOf(DecodeError);
    expect(p.member.inputs.newestSeq).toBe(1);
    room.step(0);
    expect(p.member.lastAppliedSeq).toBe(1);
  });

  it('drops (and counts) a message coded against a frame the server never received, without closing', () => {
    const { room, stats } = makeRoom();
    const p = Player.join(room, 'a');
    // A second client state that believes seq 5 was acknowledged: its next message is coded against frame 5.
    const liar = new InputUplink(codec.input, SNAPSHOT_EVERY, 1);
    for (let i = 0; i < 5; i++) liar.push([0, 0]);
    liar.acknowledge(5);
    liar.push([Button.Up, 0]);
    expect(room.offerInput(p.member, liar.message(0, 0)!)).toBeNull();
    expect(stats.inputsMissingBase).toBe(1);
    expect(p.member.inputs.newestSeq).toBe(0);
  });

  it('feeds the machine an ordered command stream: join, input only when it changes, chat, detach, attach, leave', () => {
    const { room, sessions } = makeRoom();
    const batches: CommandBatch[] = [];
    room.onBatch = (b) => batches.push(b);
    const p = Player.join(room, 'a');
    // Two equal frames in one message (both viewed at tick 0): applied on ticks 1 and 2, one command.
    p.uplink.push([Button.Right, 7]);
    p.uplink.push([Button.Right, 7]);
    expect(room.offerInput(p.member, p.uplink.message(0, 0)!)).toBeNull();
    room.step(0);
    room.step(1);
    p.input(Button.Left, 7); // no ack: viewed at the room's tick, 2
    room.chat(p.member, 'hi');
    room.step(2);
    room.disconnect(p.member, false, 100);
    room.step(3);
    room.resume(sessions.find(p.member.session.token)!, new FakeLink(), 200);
    room.step(4);
    room.disconnect(p.member, true, 300);
    room.step(5);
    const id = p.member.playerId;
    expect(batches.map((b) => b.tick)).toEqual([1, 2, 3, 4, 5, 6]);
    expect(batches.map((b) => b.commands)).toEqual([
      [
        { type: 'join', playerId: id, name: 'a', save: null },
        { type: 'input', playerId: id, viewTick: 0, values: [Button.Right, 7] },
      ],
      [],
      [
        { type: 'chat', playerId: id, text: 'hi' },
        { type: 'input', playerId: id, viewTick: 2, values: [Button.Left, 7] },
      ],
      [{ type: 'detach', playerId: id }],
      // A resumed session starts from the zero input.
      [
        { type: 'attach', playerId: id, save: null },
        { type: 'input', playerId: id, viewTick: 0, values: [0, 0] },
      ],
      [{ type: 'leave', playerId: id }],
    ]);
  });

  it('a client dropping random snapshots still reconstructs exactly the server state from deltas', () => {
    const { room, stats } = makeRoom({ maxPlayers: 3 });
    const players = [Player.join(room, 'p0'), Player.join(room, 'p1')];
    let rng = 12345;
    const rand = () => (rng = (rng * 1103515245 + 12345) >>> 0) / 2 ** 32;
    for (let tick = 0; tick < 600; tick++) {
      for (const p of players) {
        const buttons = [Button.Right, Button.Down, Button.Left | Button.Mark, 0][Math.floor(rand() * 4)];
        expect(p.input(buttons, Math.floor(rand() * 65536))).toBeNull();
      }
      room.step(tick * 16);
      players[0].receive(() => rand() < 0.3); // 30 % of snapshots lost
      players[1].receive();
    }
    const truth = room.latestSnapshot!;
    for (const p of players) expect(p.replica.latest!.sameEntities(truth)).toBe(true);
    expect(players[0].replica.applied).toBeLessThan(players[1].replica.applied);
    // Deltas were used (not only full snapshots), and shared frames were encoded once per baseline group.
    expect(stats.fullSnapshots).toBeLessThan(10);
    expect(stats.snapshotsEncoded).toBeLessThan(stats.snapshotsSent);
    expect(stats.inputsMissingBase).toBe(0);
  });

  it('sends a full snapshot when the acknowledged baseline has left the ring', () => {
    const { room } = makeRoom({ ringSize: 4 });
    const p = Player.join(room, 'a');
    room.step(0);
    room.step(1);
    p.receive();
    p.input(0);
    for (let t = 2; t < 20; t++) room.step(t); // the client acks nothing more: its baseline ages out
    const snaps = decodeAll(p.link).filter((x) => x.op === Opcode.Snapshot);
    const last = snaps[snaps.length - 1];
    expect(last.op === Opcode.Snapshot && last.body.delta.baseTick).toBe(0);
  });

  it('a client acking 0 on every Input gets one full snapshot per interval, deltas it can apply between', () => {
    const { room, stats } = makeRoom({ fullSnapshotIntervalMs: 1000 });
    const p = Player.join(room, 'a');
    const baseTicks: number[] = [];
    for (let tick = 0; tick < 180; tick++) {
      // Acks its newest tick once, then nothing ("no baseline") forever.
      p.uplink.push([Button.Right, 0]);
      room.offerInput(p.member, p.uplink.message(tick === 10 ? p.replica.ackTick : 0, 0)!);
      room.step(tick * (1000 / 60));
      const msgs = p.receive();
      for (const x of msgs) if (x.op === Opcode.Snapshot) baseTicks.push(x.body.delta.baseTick);
    }
    // 3 s: one full snapshot per second, never more.
    expect(baseTicks.filter((b) => b === 0)).toHaveLength(3);
    expect(stats.fullSnapshots).toBe(3);
    // Between fulls, deltas against the one ack while the ring held it, then against the last full:
    // every snapshot still arrives, and the client can apply every one.
    expect(baseTicks).toHaveLength(90);
    expect(p.replica.applied).toBe(90);
    expect(p.replica.latest!.sameEntities(room.latestSnapshot!)).toBe(true);
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
    const a = new Player(room, active, room.join(active, 'active', false) as RoomMember);
    // 59 ticks, then a wall-clock jump of an hour (a stall): only ticks count.
    for (let t = 0; t < 59; t++) room.step(t * 16);
    a.input(0);
    room.sweep(3_600_000);
    expect(idle.closedWith).toBeNull();
    for (let t = 59; t < 62; t++) room.step(3_600_000 + t * 16);
    room.sweep(3_600_000 + 1000);
    expect(idle.closedWith?.code).toBe(CloseCode.Idle);
    expect(active.closedWith).toBeNull();
    expect(room.playerCount).toBe(1);
    expect(room.hasFreeSeat).toBe(true);
  });

  it('keeps a disconnected player for the grace period and resumes it with its state; seqs restart at 1', () => {
    const { room, sessions } = makeRoom();
    const p = Player.join(room, 'a');
    p.input(Button.Right);
    for (let t = 0; t < 10; t++) room.step(t);
    room.disconnect(p.member, false, 100);
    expect(room.playerCount).toBe(1);
    const session = sessions.find(p.member.session.token)!;
    const again = new FakeLink();
    const resumed = room.resume(session, again, 5000)!;
    expect(resumed.playerId).toBe(p.member.playerId);
    expect(resumed.lastAppliedSeq).toBe(0);
    p.link = again;
    p.replica = new SnapshotReplica(codec.layout);
    p.uplink.reset();
    const [welcome] = p.receive();
    expect(welcome.op === Opcode.Welcome && welcome.body.resumed).toBe(true);
    expect(p.input(0)).toBeNull();
    room.step(11);
    room.step(12);
    p.receive();
    expect(p.replica.entity(p.member.playerId)![0]).toBe(10);
    expect(p.replica.ackSeq).toBe(1);
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
    const a = Player.join(room, 'a');
    const b = Player.join(room, 'b');
    b.link.take();
    room.disconnect(a.member, true, 0);
    expect(room.playerCount).toBe(1);
    room.step(0);
    room.step(1);
    const events = b.receive().filter((m) => m.op === Opcode.Events);
    expect(events.flatMap((e) => (e.op === Opcode.Events ? e.body.events : []))).toContainEqual({ type: 'left', id: a.member.playerId });
  });
});

describe('RoomHost', () => {
  it('quick play fills the fullest room of the game with a free seat before creating another', () => {
    const config = { ...DEFAULT_CONFIG, defaultMaxPlayers: 2 };
    const host = new RoomHost(config, new GameCatalog([lineGame]), new InMemoryRoomDirectory(), new InMemorySessionStore(), new ServerStats(), createLogger('silent'));
    const r1 = host.resolve({ kind: 'quick' }, 0) as Room;
    expect(r1.name).toBe('Line 1');
    r1.join(new FakeLink(), 'a', false);
    expect(host.resolve({ kind: 'quick', game: 'line' }, 0)).toBe(r1);
    r1.join(new FakeLink(), 'b', false);
    const r2 = host.resolve({ kind: 'quick' }, 0) as Room;
    expect(r2).not.toBe(r1);
    expect(host.directory.size).toBe(2);
    expect(host.resolve({ kind: 'id', id: r1.id }, 0)).toBe(CloseCode.RoomFull);
    expect(host.resolve({ kind: 'id', id: 'nosuchroom' }, 0)).toBe(CloseCode.RoomNotFound);
    expect(host.resolve({ kind: 'quick', game: 'nosuchgame' }, 0)).toBe('unknown-game');
  });
});
