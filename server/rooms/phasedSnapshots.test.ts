/**
 * A big world's room sends each viewer its snapshot on the viewer's own
 * phase (server/interest/viewerPhases.ts): every tick a share of the viewers,
 * each viewer every `snapshotEvery` ticks (30/s at 60 Hz), events with each
 * viewer's own snapshot, once, in order, stamped with its tick. A smaller
 * bigcells world (the same rules, interest and standings) keeps it quick.
 */
import { describe, expect, it } from 'vitest';
import { seededRandom } from '../../shared/engine/prng';
import { makeBigcells } from '../../shared/game/bigcells/bigcells';
import { createCellsState } from '../../shared/game/cells/state';
import { createCellsWorld } from '../../shared/game/cells/world';
import { Opcode } from '../../shared/protocol/constants';
import { DecodeError } from '../../shared/protocol/decodeError';
import { decodeServerFrame, type ServerMessage } from '../../shared/protocol/frameCodec';
import { GameCodec } from '../../shared/protocol/gameCodec';
import { InputUplink } from '../../shared/protocol/inputUplink';
import { FakeLink } from '../../tests/support/fakeLink';
import { lenientRoomOptions } from '../../tests/support/lenientRoomOptions';
import { SnapshotReplica } from '../../tests/support/snapshotReplica';
import { worldFor } from '../../load-tests/bigworld/bigWorldBench';
import { ServerStats } from '../serverStats';
import { InMemorySessionStore } from '../sessions/sessionStore';
import { Room } from './room';
import { RoomMember } from './roomMember';
import type { Spectator } from './spectator';

const EVERY = 2;
const TICK_RATE = 60;
const base = makeBigcells();
/** bigcells at 20 players' size: the same descriptor, a 2,317 u world. */
const game = { ...base, createState: (seed: number, o: { tickRate: number }) => createCellsState(seed, o, createCellsWorld(o.tickRate, worldFor(20))) } as typeof base;
const codec = new GameCodec(game);

/** One viewer's end: what arrived, in order, applied to a client-side store and acknowledged. */
class Viewer {
  readonly replica = new SnapshotReplica(codec.layout);
  readonly uplink = new InputUplink(codec.input, EVERY, 1);
  /** Every frame received: [op, tick]. */
  readonly frames: { op: number; tick: number }[] = [];
  /** Chat texts received, in order, and the tick of the Events frame each came in. */
  readonly chats: { text: string; tick: number }[] = [];
  readonly snapshotTicks: number[] = [];
  /** The room tick each Leaderboard arrived on. */
  readonly leaderboardTicks: number[] = [];

  constructor(
    readonly link: FakeLink,
    readonly who: RoomMember | Spectator,
    readonly firstTick: number,
  ) {}

  receive(room: Room): void {
    for (const bytes of this.link.take()) {
      const m: ServerMessage | DecodeError = decodeServerFrame(bytes, codec);
      if (m instanceof DecodeError) throw new Error(m.toString());
      if (m.op === Opcode.Snapshot) {
        this.frames.push({ op: m.op, tick: m.body.delta.tick });
        this.snapshotTicks.push(m.body.delta.tick);
        if (this.replica.apply(m.body)) this.uplink.acknowledge(m.body.ackSeq);
        const server = room.sentViewAt(this.who, m.body.delta.tick);
        // The client's reconstruction equals the server's record of what this viewer was sent.
        expect(server && this.replica.latest!.sameEntities(server)).toBe(true);
      } else if (m.op === Opcode.Leaderboard) {
        this.leaderboardTicks.push(room.tick);
      } else if (m.op === Opcode.Events) {
        this.frames.push({ op: m.op, tick: m.body.tick });
        for (const e of m.body.events) if (e.type === 'chat') this.chats.push({ text: String(e.text), tick: m.body.tick });
      }
    }
  }

  /** Acknowledge the newest snapshot applied: a player through its Input, a spectator through its Ack. */
  ack(room: Room): void {
    if (this.who instanceof RoomMember) {
      this.uplink.push(new Array(codec.input.fieldCount).fill(0));
      const bytes = this.uplink.message(this.replica.ackTick, this.replica.ackTick);
      if (bytes) expect(room.offerInput(this.who, bytes)).toBeNull();
    } else room.spectatorAck(this.who, { k: this.replica.ackTick, f: 0, x: 1000, y: 1000 });
  }
}

function makeRoom(): Room {
  return new Room(lenientRoomOptions(game, { seed: 5, tickRate: TICK_RATE, snapshotEvery: EVERY, maxPlayers: 40, maxSpectators: 8 }), new InMemorySessionStore(), new ServerStats());
}

function joinPlayer(room: Room, name: string): Viewer {
  const link = new FakeLink();
  const m = room.join(link, name, false);
  if (!(m instanceof RoomMember)) throw new Error(`join refused: ${m}`);
  link.take(); // the Welcome
  return new Viewer(link, m, room.tick + 1);
}

function watch(room: Room): Viewer {
  const link = new FakeLink();
  const s = room.watch(link, 'spectator') as Spectator;
  link.take(); // the Watching frame
  return new Viewer(link, s, room.tick + 1);
}

describe('a big world room: viewers spread over the snapshot interval', () => {
  it('every viewer gets a snapshot every 2 ticks (30/s), half of them on each tick, and its client holds what the server sent it', () => {
    const room = makeRoom();
    const viewers = [...Array.from({ length: 9 }, (_, i) => joinPlayer(room, `p${i}`)), watch(room), watch(room), watch(room)];
    const perTick: number[] = [];
    for (let t = 0; t < 2 * TICK_RATE; t++) {
      for (const v of viewers) v.ack(room);
      room.step(t * (1000 / TICK_RATE));
      let sent = 0;
      for (const v of viewers) {
        const before = v.snapshotTicks.length;
        v.receive(room);
        sent += v.snapshotTicks.length - before;
      }
      perTick.push(sent);
    }
    // Balanced: 12 viewers, 6 on each tick, every tick.
    expect(room.snapshotPhaseCounts()).toEqual([6, 6]);
    expect(new Set(perTick)).toEqual(new Set([6]));
    for (const v of viewers) {
      // 2 s at 60 Hz: 60 snapshots, each exactly 2 ticks after the one before; the first one full and at once.
      expect(v.snapshotTicks).toHaveLength(60);
      expect(v.snapshotTicks[0]).toBeLessThanOrEqual(v.firstTick + 1);
      for (let i = 1; i < v.snapshotTicks.length; i++) expect(v.snapshotTicks[i] - v.snapshotTicks[i - 1]).toBe(EVERY);
      expect(v.replica.applied).toBe(60);
      // The standings (once a second) come with the viewer's own snapshot: on both ticks of the interval, not all on one.
      expect(v.leaderboardTicks).toHaveLength(2);
      for (const t of v.leaderboardTicks) expect(v.snapshotTicks).toContain(t);
    }
    expect(new Set(viewers.map((v) => v.leaderboardTicks[0] % EVERY))).toEqual(new Set([0, 1]));
  });

  it('events reach every viewer once, in order, with its own next snapshot, whatever its phase; joiners and leavers included', () => {
    const random = seededRandom(11);
    const room = makeRoom();
    const viewers: Viewer[] = [joinPlayer(room, 'first'), watch(room)];
    const gone = new Set<Viewer>();
    /** Every chat sent: its text and the tick it happened at (the tick that applies it). */
    const said: { text: string; tick: number }[] = [];
    for (let t = 0; t < 3 * TICK_RATE; t++) {
      if (random() < 0.15) viewers.push(random() < 0.7 ? joinPlayer(room, `j${t}`) : watch(room));
      const speakers = viewers.filter((v) => v.who instanceof RoomMember && !gone.has(v));
      for (let k = 0; k < 3; k++) {
        if (random() < 0.4 && speakers.length > 0) {
          const text = `m${said.length}`;
          room.chat(speakers[Math.floor(random() * speakers.length)].who as RoomMember, text);
          said.push({ text, tick: room.tick + 1 });
        }
      }
      if (t > 30 && random() < 0.05) {
        const v = viewers[Math.floor(random() * viewers.length)];
        if (!gone.has(v) && v.who instanceof RoomMember) {
          room.disconnect(v.who, true, t * 16);
          gone.add(v);
        }
      }
      for (const v of viewers) if (!gone.has(v)) v.ack(room);
      room.step(t * (1000 / TICK_RATE));
      for (const v of viewers) if (!gone.has(v)) v.receive(room);
    }
    const phases = new Set<number>();
    for (const v of viewers) {
      if (gone.has(v)) continue;
      // Every chat that happened at or after its first tick, up to its last snapshot, once and in order.
      const last = v.snapshotTicks[v.snapshotTicks.length - 1];
      const expected = said.filter((c) => c.tick >= v.firstTick && c.tick <= last).map((c) => c.text);
      expect(v.chats.map((c) => c.text)).toEqual(expected);
      for (const c of v.chats) {
        const happened = said.find((s) => s.text === c.text)!.tick;
        // Stamped with the first snapshot of this viewer at or after the tick it happened.
        expect(c.tick).toBe(v.snapshotTicks.find((s) => s >= happened));
      }
      // An Events frame always follows its viewer's Snapshot of the same tick.
      v.frames.forEach((f, i) => {
        if (f.op === Opcode.Events) expect(v.frames[i - 1]).toEqual({ op: Opcode.Snapshot, tick: f.tick });
      });
      phases.add(v.snapshotTicks[0] % EVERY);
    }
    // Viewers on both phases got them.
    expect(phases).toEqual(new Set([0, 1]));
    expect(said.length).toBeGreaterThan(50);
  });

  it('a join burst: the joiners’ first, full snapshots go out on both ticks of the interval', () => {
    const room = makeRoom();
    const early = [joinPlayer(room, 'a'), joinPlayer(room, 'b')];
    for (let t = 0; t < 10; t++) {
      room.step(t * 16);
      for (const v of early) v.receive(room);
    }
    const burst = Array.from({ length: 20 }, (_, i) => joinPlayer(room, `burst${i}`));
    for (let t = 10; t < 14; t++) {
      room.step(t * 16);
      for (const v of burst) v.receive(room);
    }
    const firstTicks = new Map<number, number>();
    for (const v of burst) firstTicks.set(v.snapshotTicks[0], (firstTicks.get(v.snapshotTicks[0]) ?? 0) + 1);
    // 20 joiners: 10 on the next tick, 10 on the one after (the room's two members are balanced already).
    expect([...firstTicks.entries()].sort((x, y) => x[0] - y[0])).toEqual([
      [burst[0].firstTick, 10],
      [burst[0].firstTick + 1, 10],
    ]);
  });
});
