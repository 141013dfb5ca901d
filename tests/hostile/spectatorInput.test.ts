/**
 * Spectators as hostile peers (issue 15): a spectator that sends a player's
 * frame (Input, Chat) is closed with 4006 and nobody else notices; a player
 * that sends a spectator's Ack is closed 4006 too; malformed watching Joins
 * are refused with their documented codes; the spectator cap (4112) never
 * refuses a player; wrong room ids from watchers count as failed guesses.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CloseCode, Opcode } from '../../shared/protocol/constants';
import { encodeClientMessage } from '../../shared/protocol/frameCodec';
import type { ServerHandle } from '../../server/startServer';
import { TestClient } from '../support/testClient';
import { Bystander, createRoom, startLineServer } from './hostileKit';

let server: ServerHandle;
const clients: TestClient[] = [];

async function connect(query = ''): Promise<TestClient> {
  const c = await TestClient.connect(server.url, { query });
  clients.push(c);
  return c;
}

async function spectator(roomId: string): Promise<TestClient> {
  const c = await connect();
  await c.watch({ room: roomId });
  return c;
}

beforeAll(async () => {
  server = await startLineServer({ maxSpectators: 3, maxCodeGuessesPerMin: 50 });
});

afterAll(async () => {
  for (const c of clients) c.close();
  await server.stop();
});

describe('a spectator sending player frames', () => {
  it.each([
    ['Input', () => new Uint8Array([Opcode.Input, 0x01, 0x02, 0x03])],
    ['Chat', () => encodeClientMessage({ op: Opcode.Chat, body: { text: 'hi' } })],
  ])('%s closes it with 4006; the room keeps its snapshot cadence and its other spectator', async (_name, frame) => {
    const room = await createRoom(server.url, { name: `Hostile ${_name}`, maxPlayers: 4 });
    const player = await Bystander.join(server.url, room.id);
    clients.push(player.client);
    const calm = await spectator(room.id);
    const rogue = await spectator(room.id);
    await player.more(3);
    const before = player.ticks().length;
    rogue.sendRaw(frame());
    expect((await rogue.closedWith()).code).toBe(CloseCode.NotAPlayer);
    await player.more(10);
    expect(player.gaps(before)).toEqual([]);
    const calmBefore = calm.snapshots().length;
    await calm.waitUntil(() => calm.snapshots().length >= calmBefore + 5, 'calm spectator keeps receiving');
    expect(calm.closed).toBeNull();
    expect(player.client.closed).toBeNull();
    // Nothing the rogue sent reached the world: the line game has one row per player.
    const last = player.client.snapshots().at(-1)!;
    expect(last.body.delta.created.length + last.body.delta.changed.length).toBeLessThanOrEqual(1);
  });

  it('a player sending a spectator Ack is closed 4006', async () => {
    const room = await createRoom(server.url, { name: 'Acking player', maxPlayers: 4 });
    const p = await connect(`room=${room.id}`);
    await p.join('p');
    p.send({ op: Opcode.Ack, body: { k: 0, f: 0, x: 0, y: 0 } });
    expect((await p.closedWith()).code).toBe(CloseCode.NotAPlayer);
  });

  it('an Ack before any Join is a protocol violation (4002)', async () => {
    const c = await connect();
    c.send({ op: Opcode.Ack, body: { k: 0, f: 0, x: 0, y: 0 } });
    expect((await c.closedWith()).code).toBe(CloseCode.ProtocolViolation);
  });

  it.each([
    ['extra key', { k: 0, f: 0, x: 0, y: 0, z: 1 }, CloseCode.InvalidMessage],
    ['NaN camera', { k: 0, f: 0, x: Number.NaN, y: 0 }, CloseCode.InvalidMessage],
    ['huge camera', { k: 0, f: 0, x: 1e300, y: 0 }, CloseCode.InvalidMessage],
    ['negative tick', { k: -1, f: 0, x: 0, y: 0 }, CloseCode.InvalidMessage],
    ['follow beyond an entity id', { k: 0, f: 70_000, x: 0, y: 0 }, CloseCode.InvalidMessage],
  ])('a malformed Ack (%s) closes the spectator with %s', async (_name, body, code) => {
    const room = await createRoom(server.url, { name: `Ack ${_name}`.slice(0, 32), maxPlayers: 4 });
    const s = await spectator(room.id);
    s.sendRaw(encodeClientMessage({ op: Opcode.Ack, body: body as never }));
    expect((await s.closedWith()).code).toBe(code);
  });
});

describe('watching Joins', () => {
  it.each([
    ['no room or code', {}, CloseCode.ProtocolViolation],
    ['quick play', { game: 'line' }, CloseCode.ProtocolViolation],
    ['a resume token', { room: 'abc', resume: 'A'.repeat(43) }, CloseCode.ProtocolViolation],
    ['an unknown room', { room: 'zzzzzzzz' }, CloseCode.RoomNotFound],
    ['watch: false', { room: 'abc', watch: false }, CloseCode.InvalidMessage],
  ])('with %s is refused', async (_name, extra, code) => {
    const c = await connect();
    c.send({ op: Opcode.Join, body: { name: 'w', watch: true, ...extra } as never });
    expect((await c.closedWith()).code).toBe(code);
  });

  it('a full room is watchable; past --max-spectators (3) a spectator gets 4112 and players still join', async () => {
    const room = await createRoom(server.url, { name: 'Crowded', maxPlayers: 1 });
    const p = await connect(`room=${room.id}`);
    await p.join('only');
    const watchers = [await spectator(room.id), await spectator(room.id), await spectator(room.id)];
    const fourth = await connect();
    fourth.send({ op: Opcode.Join, body: { name: 'w', watch: true, room: room.id } });
    expect((await fourth.closedWith()).code).toBe(CloseCode.SpectatorsFull);
    const rooms = (await (await fetch(`${server.url}/api/rooms`)).json()) as { rooms: { id: string; players: number; spectators: number }[] };
    expect(rooms.rooms.find((r) => r.id === room.id)).toMatchObject({ players: 1, spectators: 3 });
    // `?room=…&watch` at the upgrade reserves no seat, so a full room's upgrade is not refused 409.
    const viaQuery = await TestClient.open(server.url, { query: `room=${room.id}&watch` });
    expect(viaQuery).toBeInstanceOf(TestClient);
    (viaQuery as TestClient).close();
    const metrics = await (await fetch(`${server.url}/metrics`)).text();
    // Earlier tests' spectators may still be open: at least these three, and none of them a player.
    expect(Number(/^tickwire_spectators (\d+)$/m.exec(metrics)?.[1])).toBeGreaterThanOrEqual(3);
    watchers[0].close();
    const other = await createRoom(server.url, { name: 'Seats free', maxPlayers: 2 });
    const q = await connect(`room=${other.id}`);
    await q.join('q');
    expect(q.closed).toBeNull();
  });

  it('a private room is watched with its code', async () => {
    const room = await createRoom(server.url, { name: 'Secret', maxPlayers: 2, private: true });
    const c = await connect();
    const w = await c.watch({ code: room.code! });
    expect(w.body.roomId).toBe(room.id);
    const rooms = (await (await fetch(`${server.url}/api/rooms`)).json()) as { rooms: { id: string }[] };
    expect(rooms.rooms.some((r) => r.id === room.id)).toBe(false);
  });
});
