/**
 * Determinism of the room's command stream: a live Room (the arena, players
 * joining, fighting with random inputs through the real Input encoding,
 * chatting, disconnecting, resuming, leaving) records the batches its
 * machine applies; replay(seed, batches) — after a trip through the wire
 * form — must reach the same state, and produce, tick for tick, the same
 * snapshots and events the live room sent its clients.
 */
import { describe, expect, it } from 'vitest';
import type { AnyGame, Viewer } from '../../shared/engine/gameDefinition';
import { ArenaButton, arena } from '../../shared/game/arena';
import { Opcode } from '../../shared/protocol/constants';
import { DecodeError } from '../../shared/protocol/decodeError';
import { EntityTable } from '../../shared/protocol/entityTable';
import type { AnyEvent } from '../../shared/protocol/eventSchema';
import { decodeServerFrame } from '../../shared/protocol/frameCodec';
import { GameCodec } from '../../shared/protocol/gameCodec';
import { InputUplink } from '../../shared/protocol/inputUplink';
import { ServerStats } from '../serverStats';
import { InMemorySessionStore } from '../sessions/sessionStore';
import { FakeLink } from '../../tests/support/fakeLink';
import { lenientRoomOptions } from '../../tests/support/lenientRoomOptions';
import { lineGame } from '../../tests/support/lineGame';
import { SnapshotReplica } from '../../tests/support/snapshotReplica';
import { Room } from './room';
import { RoomMember } from './roomMember';
import { decodeCommandBatch, encodeCommandBatch, type CommandBatch } from './roomCommand';
import { replay, RoomMachine } from './roomMachine';

const SEED = 0xc0ffee;
const TICK_RATE = 60;
const SNAPSHOT_EVERY = 2;
const ROOM_VIEWER: Viewer = { playerId: 0, focus: 0, x: 0, y: 0 };

interface LiveRun {
  batches: CommandBatch[];
  room: Room;
  /** What a client that stayed all along received: snapshot tables and events, by tick. */
  snapshots: Map<number, EntityTable>;
  events: Map<number, AnyEvent[]>;
}

/** Run a live arena room for `ticks` ticks with scripted membership and random inputs. */
function runLive(game: AnyGame, ticks: number): LiveRun {
  const options = lenientRoomOptions(game, { name: 'Det', seed: SEED, tickRate: TICK_RATE, snapshotEvery: SNAPSHOT_EVERY });
  const codec = options.codec;
  const sessions = new InMemorySessionStore();
  const room = new Room(options, sessions, new ServerStats());
  const batches: CommandBatch[] = [];
  room.onBatch = (b) => batches.push(decodeCommandBatch(encodeCommandBatch(b)) as CommandBatch);
  // The observer only watches (it joins first and never sends input).
  const observer = new FakeLink();
  room.join(observer, 'observer', false);
  const players: { m: RoomMember; up: InputUplink }[] = [];
  const join = (name: string) => players.push({ m: room.join(new FakeLink(), name, false) as RoomMember, up: new InputUplink(codec.input, SNAPSHOT_EVERY, 2) });
  let rng = 987654321;
  const rand = () => (rng = (rng * 1103515245 + 12345) >>> 0) / 2 ** 32;
  const moves = [0, ArenaButton.Up, ArenaButton.Right | ArenaButton.Fire, ArenaButton.Down | ArenaButton.Left, ArenaButton.Fire];
  join('a');
  join('b');
  for (let t = 0; t < ticks; t++) {
    if (t === 40) join('c');
    if (t === 90) room.chat(players[0].m, 'gg');
    if (t === 120) room.disconnect(players[1].m, false, t);
    if (t === 200) {
      const p = players[1];
      room.resume(sessions.find(p.m.session.token)!, new FakeLink(), t);
      p.up.reset();
    }
    if (t === 260) room.disconnect(players[2].m, true, t);
    for (const [i, p] of players.entries()) {
      if (!p.m.link || (i === 2 && t >= 260)) continue;
      const buttons = game === arena ? moves[Math.floor(rand() * moves.length)] : Math.floor(rand() * 32);
      p.up.push([buttons, Math.floor(rand() * (game === arena ? 1024 : 65536))]);
      p.up.acknowledge(p.m.lastAppliedSeq);
      if (p.up.due()) {
        const r = room.offerInput(p.m, p.up.message(0, 0)!);
        if (r) throw new Error(r.reason);
      }
    }
    room.step(t * 16);
  }
  const replica = new SnapshotReplica(codec.layout, 64);
  const snapshots = new Map<number, EntityTable>();
  const events = new Map<number, AnyEvent[]>();
  for (const f of observer.take()) {
    const m = decodeServerFrame(f, codec);
    if (m instanceof DecodeError) throw new Error(m.reason);
    if (m.op === Opcode.Snapshot) {
      replica.apply(m.body);
      snapshots.set(m.body.delta.tick, replica.latest!);
    } else if (m.op === Opcode.Events) {
      events.set(m.body.tick, [...(events.get(m.body.tick) ?? []), ...m.body.events]);
    }
  }
  return { batches, room, snapshots, events };
}

function view(game: AnyGame, machine: RoomMachine): EntityTable {
  const t = new EntityTable(new GameCodec(game).layout.stride, 64);
  t.begin(machine.tick);
  game.writeView(machine.state, ROOM_VIEWER, t);
  return t.finish();
}

describe('RoomMachine replay', () => {
  for (const game of [arena, lineGame] as AnyGame[]) {
    it(`${game.name}: replay(seed, batches) reaches the live room's state and reproduces its snapshots and events tick for tick`, () => {
      const live = runLive(game, 400);
      expect(live.batches).toHaveLength(400);
      expect(live.batches.some((b) => b.commands.some((c) => c.type === 'attach'))).toBe(true);

      const final = replay(game, SEED, TICK_RATE, live.batches);
      expect(final.tick).toBe(live.room.tick);
      expect(final.state).toEqual(live.room.state);

      // Tick for tick: the same view at every snapshot tick, the same events since the previous one.
      const m = new RoomMachine(game, SEED, TICK_RATE);
      const pending: AnyEvent[] = [];
      let compared = 0;
      for (const b of live.batches) {
        for (const c of b.commands) m.submit(c);
        m.step();
        m.drainEvents(pending);
        const sent = live.snapshots.get(m.tick);
        if (m.tick % SNAPSHOT_EVERY !== 0) continue;
        expect(sent, `snapshot of tick ${m.tick}`).toBeDefined();
        expect(view(game, m).sameEntities(sent!), `snapshot of tick ${m.tick}`).toBe(true);
        expect(pending, `events up to tick ${m.tick}`).toEqual(live.events.get(m.tick) ?? []);
        pending.length = 0;
        compared++;
      }
      expect(compared).toBe(200);
      // The stream exercised more than walking: shots were in flight (arena projectiles are kind 2).
      if (game === arena) expect([...live.snapshots.values()].some((t) => Array.from(t.kinds.subarray(0, t.count)).includes(2))).toBe(true);
    });
  }

  it('a stream altered by one input diverges (the comparison can fail)', () => {
    const live = runLive(arena, 200);
    const altered = live.batches.map((b) => ({ tick: b.tick, commands: b.commands.map((c) => ({ ...c })) }));
    const at = altered.findIndex((b) => b.commands.some((c) => c.type === 'input'));
    const cmd = altered[at].commands.find((c) => c.type === 'input')!;
    if (cmd.type === 'input') cmd.values = [ArenaButton.Right, (cmd.values[1] + 512) % 1024];
    expect(replay(arena, SEED, TICK_RATE, altered).state).not.toEqual(live.room.state);
    expect(replay(arena, SEED + 1, TICK_RATE, live.batches).state).not.toEqual(live.room.state);
  });

  it('refuses a stream with a missing or repeated tick', () => {
    const b = (tick: number): CommandBatch => ({ tick, commands: [] });
    expect(() => replay(lineGame, SEED, TICK_RATE, [b(1), b(3)])).toThrow(/batch for tick 3 after tick 1/);
    expect(() => replay(lineGame, SEED, TICK_RATE, [b(1), b(1)])).toThrow(/batch for tick 1 after tick 1/);
  });
});

describe('saves of players still playing (checkpoints, migration)', () => {
  it.each([arena, lineGame as AnyGame])('%s: saveOf a playing player equals what a detach saves, and leaves the world untouched', (game) => {
    const machine = new RoomMachine(game, SEED, TICK_RATE);
    machine.submit({ type: 'join', playerId: 1, name: 'a', save: null });
    machine.submit({ type: 'join', playerId: 2, name: 'b', save: null });
    for (let t = 0; t < 30; t++) {
      machine.submit({ type: 'input', playerId: 1, viewTick: machine.tick, values: [t % 2 === 0 ? 0b101 : 0b110, 100] });
      machine.step();
    }
    const before = JSON.stringify(machine.state);
    const live = machine.saveOf(1);
    expect(JSON.stringify(machine.state)).toBe(before);
    expect(machine.saveOf(3)).toBeUndefined();
    machine.submit({ type: 'detach', playerId: 1 });
    machine.settle();
    expect(machine.saveOf(1)).toEqual(live);
  });
});

describe('a machine restored at a tick (a room moved to another node)', () => {
  /** Two players fighting for `ticks` ticks; each input names a view `lag` ticks behind, in the machine's own tick line. */
  function play(machine: RoomMachine, ticks: number, lag: number): CommandBatch[] {
    const batches: CommandBatch[] = [];
    machine.submit({ type: 'join', playerId: 1, name: 'a', save: null });
    machine.submit({ type: 'join', playerId: 2, name: 'b', save: null });
    for (let t = 0; t < ticks; t++) {
      machine.submit({ type: 'input', playerId: 1, viewTick: Math.max(machine.startTick, machine.tick - lag), values: [t % 3 === 0 ? ArenaButton.Fire | 0b1 : 0b10, 40 + t] });
      machine.submit({ type: 'input', playerId: 2, viewTick: Math.max(machine.startTick, machine.tick - lag), values: [0b100, 200 - t] });
      batches.push(machine.step());
    }
    return batches;
  }

  it('continues at its start tick: batch and room ticks from there, the same world as from 0, replayable from that tick', () => {
    const fresh = new RoomMachine(arena, SEED, TICK_RATE);
    const moved = new RoomMachine(arena, SEED, TICK_RATE, 5000);
    play(fresh, 90, 3);
    const batches = play(moved, 90, 3);
    expect(moved.tick).toBe(5090);
    expect(batches.map((b) => b.tick)).toEqual(Array.from({ length: 90 }, (_, i) => 5001 + i));
    // The game saw the same views in its own line: identical worlds.
    expect(JSON.stringify(moved.state)).toBe(JSON.stringify(fresh.state));
    const again = replay(arena, SEED, TICK_RATE, batches, 5000);
    expect(again.tick).toBe(5090);
    expect(JSON.stringify(again.state)).toBe(JSON.stringify(moved.state));
    expect(() => replay(arena, SEED, TICK_RATE, batches)).toThrow(/batch for tick 5001 after tick 0/);
  });

  it('a view from before the restore (acked on the old node) is clamped to the first tick here; a bad start tick is refused', () => {
    const clamped = new RoomMachine(arena, SEED, TICK_RATE, 5000);
    const atStart = new RoomMachine(arena, SEED, TICK_RATE, 5000);
    for (const [m, viewTick] of [[clamped, 4990], [atStart, 5000]] as const) {
      m.submit({ type: 'join', playerId: 1, name: 'a', save: null });
      m.step();
      m.submit({ type: 'input', playerId: 1, viewTick, values: [ArenaButton.Fire, 10] });
      for (let t = 0; t < 20; t++) m.step();
    }
    expect(JSON.stringify(clamped.state)).toBe(JSON.stringify(atStart.state));
    expect(() => new RoomMachine(arena, SEED, TICK_RATE, -1)).toThrow(RangeError);
    expect(() => new RoomMachine(arena, SEED, TICK_RATE, 1.5)).toThrow(RangeError);
  });
});
