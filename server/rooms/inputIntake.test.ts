/**
 * InputAck (0x87) from the room: sent once the event-loop turn that read the
 * Input is over (or by the next tick, whichever is first), naming the newest
 * received seq, before the frames are applied; once per new seq (nothing while
 * the client sends nothing new), once per turn however many messages it read.
 */
import { describe, expect, it } from 'vitest';
import { Opcode } from '../../shared/protocol/constants';
import { DecodeError } from '../../shared/protocol/decodeError';
import { decodeServerFrame, type ServerMessage } from '../../shared/protocol/frameCodec';
import { GameCodec } from '../../shared/protocol/gameCodec';
import { InputUplink } from '../../shared/protocol/inputUplink';
import { ServerStats } from '../serverStats';
import { InMemorySessionStore } from '../sessions/sessionStore';
import { FakeLink } from '../../tests/support/fakeLink';
import { lenientRoomOptions } from '../../tests/support/lenientRoomOptions';
import { lineGame } from '../../tests/support/lineGame';
import { Room } from './room';
import { RoomMember } from './roomMember';

const codec = new GameCodec(lineGame);

function setup() {
  const stats = new ServerStats();
  const room = new Room(lenientRoomOptions(lineGame, { seed: 1, tickRate: 60, snapshotEvery: 2, codec }), new InMemorySessionStore(), stats);
  const link = new FakeLink();
  const member = room.join(link, 'ada', false);
  if (!(member instanceof RoomMember)) throw new Error(`join refused: ${member}`);
  link.take();
  return { room, link, member, stats, uplink: new InputUplink(codec.input, 2, 3) };
}

function received(link: FakeLink): ServerMessage[] {
  return link.take().map((f) => {
    const m = decodeServerFrame(f, codec);
    if (m instanceof DecodeError) throw new Error(m.toString());
    return m;
  });
}

const acks = (ms: ServerMessage[]) => ms.flatMap((m) => (m.op === Opcode.InputAck ? [m.body.seq] : []));

/** Let the current event-loop turn end (its setImmediate callbacks run). */
const turnEnds = () => new Promise<void>((resolve) => setImmediate(resolve));

describe('InputIntake: InputAck on receipt', () => {
  it('acks the newest received seq when the turn that read it ends, without waiting for a tick', async () => {
    const { room, link, member, stats, uplink } = setup();
    for (let i = 0; i < 3; i++) uplink.push([1, 0]);
    expect(room.offerInput(member, uplink.message(0, 0)!)).toBeNull();
    await turnEnds();
    expect(acks(received(link))).toEqual([3]);
    expect(member.lastAppliedSeq).toBe(0); // no tick ran: received, not applied
    room.step(0); // the tick has nothing left to ack
    expect(acks(received(link))).toEqual([]);
    expect(stats.inputAcksSent).toBe(1);
  });

  it('sends one InputAck for several messages read in one turn (a burst after a stall)', async () => {
    const { room, link, member, stats, uplink } = setup();
    for (let m = 0; m < 3; m++) {
      for (let i = 0; i < 3; i++) uplink.push([m, 0]);
      expect(room.offerInput(member, uplink.message(0, 0)!)).toBeNull();
    }
    await turnEnds();
    expect(acks(received(link))).toEqual([9]);
    expect(stats.inputAcksSent).toBe(1);
  });

  it('serves every room of the process from one flush, and nothing to a member that left before it', async () => {
    const a = setup();
    const b = setup();
    for (const s of [a, b]) {
      for (let i = 0; i < 2; i++) s.uplink.push([1, 0]);
      s.room.offerInput(s.member, s.uplink.message(0, 0)!);
    }
    b.room.disconnect(b.member, true, 0);
    await turnEnds();
    expect(acks(received(a.link))).toEqual([2]);
    expect(acks(received(b.link))).toEqual([]);
  });
});

describe('InputIntake: InputAck', () => {
  it('acks the newest received seq on the next tick, before it is applied, and only once', () => {
    const { room, link, member, stats, uplink } = setup();
    for (let i = 0; i < 3; i++) uplink.push([1, 0]);
    expect(room.offerInput(member, uplink.message(0, 0)!)).toBeNull();
    room.step(0);
    const first = received(link);
    expect(acks(first)).toEqual([3]);
    expect(member.lastAppliedSeq).toBeLessThan(3); // one frame per tick: 3 is not applied yet
    room.step(17);
    room.step(33);
    expect(acks(received(link))).toEqual([]);
    expect(stats.inputAcksSent).toBe(1);
  });

  it('lets the client stop repeating: the next Input carries only the frames after the ack', () => {
    const { room, link, member, uplink } = setup();
    for (let i = 0; i < 3; i++) uplink.push([1, 0]);
    room.offerInput(member, uplink.message(0, 0)!);
    room.step(0);
    for (const s of acks(received(link))) uplink.acknowledge(s);
    expect(uplink.unacknowledged).toBe(0);
    for (let i = 0; i < 3; i++) uplink.push([0, 5]);
    // Coded against frame 3, which the room holds although it has not applied it yet.
    expect(room.offerInput(member, uplink.message(0, 0)!)).toBeNull();
    room.step(17);
    expect(acks(received(link))).toEqual([6]);
    for (let t = 2; t < 10; t++) room.step(t * 17);
    expect(member.lastAppliedSeq).toBe(6);
    expect(Array.from(member.submitted)).toEqual([0, 5]);
  });

  it('acks again after a resume restarts the seqs at 1', () => {
    const { room, link, member, uplink } = setup();
    for (let i = 0; i < 3; i++) uplink.push([1, 0]);
    room.offerInput(member, uplink.message(0, 0)!);
    room.step(0);
    member.inputs.reset();
    uplink.reset();
    uplink.push([1, 0]);
    room.offerInput(member, uplink.message(0, 0)!);
    room.step(17);
    expect(acks(received(link))).toEqual([3, 1]);
  });
});
