/**
 * Spectators in a big world (bigcells, interest-managed): the area of
 * interest follows the spectator's Ack — its free camera's x, y, or the cell
 * of the player it follows — through the existing Viewer (focus, x, y), with
 * nothing changed in server/interest/.
 */
import { describe, expect, it } from 'vitest';
import { bigcells } from '../../shared/game/bigcells';
import { FoodField, POSITION_SCALE } from '../../shared/game/cells/schema';
import { Opcode } from '../../shared/protocol/constants';
import { DecodeError } from '../../shared/protocol/decodeError';
import { decodeServerFrame } from '../../shared/protocol/frameCodec';
import { GameCodec } from '../../shared/protocol/gameCodec';
import { dequantize } from '../../shared/protocol/entitySchema';
import { FakeLink } from '../../tests/support/fakeLink';
import { lenientRoomOptions } from '../../tests/support/lenientRoomOptions';
import { SnapshotReplica } from '../../tests/support/snapshotReplica';
import { ServerStats } from '../serverStats';
import { InMemorySessionStore } from '../sessions/sessionStore';
import { Room } from './room';
import type { Spectator } from './spectator';

const codec = new GameCodec(bigcells);
const EVERY = 2;

/** Where the food a spectator was sent lies: the mean x and y (world units) of its newest snapshot's pellets. */
function foodCentre(link: FakeLink, replica: SnapshotReplica): { x: number; y: number; n: number } {
  for (const f of link.take()) {
    const m = decodeServerFrame(f, codec);
    if (m instanceof DecodeError) throw new Error(m.toString());
    if (m.op === Opcode.Snapshot) replica.apply(m.body);
  }
  const t = replica.store.newest;
  if (!t) return { x: Number.NaN, y: Number.NaN, n: 0 };
  const food = codec.layout.fields(2)!;
  let x = 0;
  let y = 0;
  let n = 0;
  for (let r = 0; r < t.count; r++) {
    if (t.kinds[r] !== 2) continue;
    x += dequantize(food[FoodField.X], t.get(r, FoodField.X));
    y += dequantize(food[FoodField.Y], t.get(r, FoodField.Y));
    n++;
  }
  return { x: x / n, y: y / n, n };
}

describe('spectators in a big world (bigcells)', () => {
  it('a free camera gets the area around its x, y; moving it moves the area', () => {
    const room = new Room(lenientRoomOptions(bigcells, { seed: 7, tickRate: 60, snapshotEvery: EVERY, maxSpectators: 4 }), new InMemorySessionStore(), new ServerStats());
    room.join(new FakeLink(), 'p', false, 'a');
    const link = new FakeLink();
    const s = room.watch(link, 'b') as Spectator;
    const replica = new SnapshotReplica(codec.layout);
    let tick = 0;
    const look = (x: number, y: number) => {
      for (let i = 0; i < 8; i++, tick++) {
        room.spectatorAck(s, { k: replica.ackTick, f: 0, x, y });
        room.step(tick * 16);
        foodCentre(link, replica);
      }
      return foodCentre(link, replica);
    };
    const nearCorner = look(2000, 2000);
    expect(nearCorner.n).toBeGreaterThan(10);
    expect(Math.abs(nearCorner.x - 2000)).toBeLessThan(600);
    expect(Math.abs(nearCorner.y - 2000)).toBeLessThan(600);
    const farCorner = look(14000, 12000);
    expect(Math.abs(farCorner.x - 14000)).toBeLessThan(600);
    expect(Math.abs(farCorner.y - 12000)).toBeLessThan(600);
    expect(POSITION_SCALE).toBe(8); // the Ack speaks world units; the interest area scales them like a cell's
  });
});
