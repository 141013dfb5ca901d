/**
 * A real match through a real Room: players join over fake links, send real
 * Input frames (the compact encoding, through InputUplink) with random
 * controls drawn from the game's own input schema, chat, drop and resume,
 * leave. Any game. Used by the replay determinism test and the recording bench.
 */
import type { AnyGame } from '../../shared/engine/gameDefinition';
import { seededRandom } from '../../shared/engine/prng';
import { GameCodec } from '../../shared/protocol/gameCodec';
import { InputUplink } from '../../shared/protocol/inputUplink';
import { Room } from '../../server/rooms/room';
import type { RoomMember } from '../../server/rooms/roomMember';
import { ServerStats } from '../../server/serverStats';
import { InMemorySessionStore } from '../../server/sessions/sessionStore';
import { FakeLink } from '../support/fakeLink';
import { lenientRoomOptions } from '../support/lenientRoomOptions';

export const MATCH_TICK_RATE = 60;
const SNAPSHOT_EVERY = 2;

export interface MatchPlan {
  players: number;
  ticks: number;
  seed: number;
  /** Room id (replay ids are built from it). */
  roomId?: string;
}

interface Seat {
  member: RoomMember;
  link: FakeLink;
  uplink: InputUplink;
  /** Ticks until this player changes its controls. */
  holdTicks: number;
  frame: number[];
}

export function createMatchRoom(game: AnyGame, plan: MatchPlan): { room: Room; sessions: InMemorySessionStore } {
  const sessions = new InMemorySessionStore();
  const options = lenientRoomOptions(game, {
    id: plan.roomId ?? 'match1',
    name: `${game.title} match`,
    maxPlayers: Math.max(255, plan.players),
    seed: plan.seed,
    tickRate: MATCH_TICK_RATE,
    snapshotEvery: SNAPSHOT_EVERY,
    emptyGraceMs: 1_000,
  });
  const room = new Room(options, sessions, new ServerStats());
  return { room, sessions };
}

/** Random controls from the game's input schema: any game's fields, in range. */
function randomFrame(game: AnyGame, random: () => number): number[] {
  return game.input.fields.map((f: { kind: string; bits: number }) => {
    const span = 2 ** f.bits;
    const v = Math.floor(random() * span);
    return f.kind === 'int' ? v - span / 2 : v;
  });
}

/**
 * Play `plan.ticks` ticks: players join over the first second, hold controls
 * for a few ticks at a time (like people), one chats, one drops and resumes,
 * one leaves for good halfway. `onTick` runs after each room step.
 */
export function playMatch(room: Room, sessions: InMemorySessionStore, plan: MatchPlan, onTick: (tick: number) => void = () => {}): void {
  const game = room.game;
  const codec = new GameCodec(game);
  const random = seededRandom(plan.seed ^ 0x5eed);
  const seats: Seat[] = [];
  const join = (i: number) => {
    const link = new FakeLink();
    const member = room.join(link, `p${i}`, false);
    if (typeof member !== 'object') throw new Error(`join refused: ${member}`);
    seats.push({ member, link, uplink: new InputUplink(codec.input, SNAPSHOT_EVERY, 2), holdTicks: 0, frame: randomFrame(game, random) });
  };
  const dropAt = Math.floor(plan.ticks / 3);
  const resumeAt = dropAt + 90;
  const leaveAt = Math.floor(plan.ticks / 2);
  for (let t = 0; t < plan.ticks; t++) {
    if (seats.length < plan.players && t % 3 === 0) join(seats.length);
    if (t === 100 && seats[0]) room.chat(seats[0].member, 'gl hf');
    if (t === dropAt && seats[1]) room.disconnect(seats[1].member, false, t);
    if (t === resumeAt && seats[1]) {
      const s = seats[1];
      s.link = new FakeLink();
      room.resume(sessions.find(s.member.session.token)!, s.link, t);
      s.uplink.reset();
    }
    if (t === leaveAt && seats[2]) room.disconnect(seats[2].member, true, t);
    for (const [i, s] of seats.entries()) {
      if (!s.member.link || (i === 2 && t >= leaveAt)) continue;
      if (s.holdTicks-- <= 0) {
        s.frame = randomFrame(game, random);
        s.holdTicks = Math.floor(random() * 12);
      }
      s.uplink.push(s.frame);
      s.uplink.acknowledge(s.member.lastAppliedSeq);
      if (s.uplink.due()) {
        const r = room.offerInput(s.member, s.uplink.message(0, 0)!);
        if (r) throw new Error(r.reason);
      }
      s.link.take(); // what a client would read: dropped here
    }
    room.step(t * (1000 / MATCH_TICK_RATE));
    onTick(room.tick);
  }
}
