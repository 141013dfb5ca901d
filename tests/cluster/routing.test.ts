/**
 * Three tickwire nodes (separate processes) on one real Redis: joins and
 * resumes that reach the wrong node are Moved to the holder; the lobby lists
 * every node's rooms; quick play fills a room on another node before opening
 * one. Everything a client sees goes through the public protocol.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CloseCode, Opcode } from '../../shared/protocol/constants';
import { TestClient } from '../support/testClient';
import { eventually, getJson, joinFollowingMoved, startNode, type ClusterNodeProcess } from './clusterKit';
import { startRedis, type RedisProcess } from './redisProcess';

let redis: RedisProcess;
let a: ClusterNodeProcess;
let b: ClusterNodeProcess;
let c: ClusterNodeProcess;
const clients: TestClient[] = [];

interface LobbyRoom {
  id: string;
  node: string;
  url: string;
  players: number;
}

async function createRoom(node: ClusterNodeProcess, body: Record<string, unknown>): Promise<{ id: string; code?: string; node: string; url: string }> {
  const res = await fetch(`${node.url}/api/rooms`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  expect(res.status).toBe(201);
  return (await res.json()) as { id: string; code?: string; node: string; url: string };
}

beforeAll(async () => {
  redis = await startRedis();
  [a, b, c] = await Promise.all([startNode(redis.url, 'node-a'), startNode(redis.url, 'node-b'), startNode(redis.url, 'node-c')]);
  // Every node sees the other two (presence heartbeats) before routing is tested.
  await eventually(async () => (await metric(c, 'tickwire_cluster_nodes')) === 3, 'three live nodes');
}, 60_000);

afterAll(async () => {
  for (const cl of clients) cl.close();
  await Promise.all([a, b, c].map((n) => n?.stop()));
  await redis?.stop();
});

async function metric(node: ClusterNodeProcess, name: string): Promise<number> {
  const text = await (await fetch(`${node.url}/metrics`)).text();
  const m = new RegExp(`^${name} (\\S+)$`, 'm').exec(text);
  return m ? Number(m[1]) : NaN;
}

describe('cluster routing on real Redis, three node processes', () => {
  it('a Join for a room on another node is Moved to the holder and welcomed there', async () => {
    const room = await createRoom(a, { name: 'Routed room' });
    expect(room.node).toBe('node-a');
    expect(room.url).toBe(a.url);
    const joined = await joinFollowingMoved(b.url, { name: 'traveller', room: room.id });
    clients.push(joined.client);
    expect(joined.hops).toEqual([b.url, a.url]);
    expect(joined.welcome.body.resumed).toBe(false);
    expect(await metric(b, 'tickwire_cluster_moved_total')).toBeGreaterThanOrEqual(1);
  });

  it('an upgrade naming a room on another node is accepted and its Join Moved (browsers cannot read refusals)', async () => {
    const room = await createRoom(a, { name: 'Query routed' });
    const client = await TestClient.connect(c.url, { query: `room=${room.id}` });
    clients.push(client);
    client.send({ op: Opcode.Join, body: { name: 'q', room: room.id } });
    const moved = await client.first(Opcode.Moved);
    expect(moved.body).toEqual({ url: a.url, roomId: room.id });
    expect((await client.closedWith()).code).toBe(CloseCode.Moved);
  });

  it('a private join code held by another node is Moved too', async () => {
    const room = await createRoom(a, { name: 'Secret', private: true });
    const joined = await joinFollowingMoved(c.url, { name: 'friend', code: room.code! });
    clients.push(joined.client);
    expect(joined.hops).toEqual([c.url, a.url]);
  });

  it('a room id no node holds is 4100 RoomNotFound, not Moved', async () => {
    const client = await TestClient.connect(b.url);
    clients.push(client);
    client.send({ op: Opcode.Join, body: { name: 'lost', room: 'zzzzzzzzzz' } });
    expect((await client.closedWith()).code).toBe(CloseCode.RoomNotFound);
    expect(client.messages.some((m) => m.op === Opcode.Moved)).toBe(false);
  });

  it('a resume token issued on A, presented to B, is Moved to A and resumes the same player', async () => {
    const room = await createRoom(a, { name: 'Resume here' });
    const first = await joinFollowingMoved(a.url, { name: 'sleeper', room: room.id });
    const token = first.welcome.body.resume;
    const playerId = first.welcome.body.playerId;
    first.client.close(); // a drop: the session waits for a resume
    await first.client.closedWith();
    const again = await joinFollowingMoved(b.url, { name: 'sleeper', resume: token });
    clients.push(again.client);
    expect(again.hops).toEqual([b.url, a.url]);
    expect(again.welcome.body.resumed).toBe(true);
    expect(again.welcome.body.playerId).toBe(playerId);
  });

  it('GET /api/rooms on any node lists every node\'s public rooms with their node URL', async () => {
    const onB = await createRoom(b, { name: 'Listed on B' });
    const onC = await createRoom(c, { name: 'Listed on C' });
    await eventually(async () => {
      const { body } = await getJson<{ rooms: LobbyRoom[] }>(`${a.url}/api/rooms`);
      const ids = new Map(body.rooms.map((r) => [r.id, r]));
      return ids.get(onB.id)?.url === b.url && ids.get(onC.id)?.url === c.url;
    }, 'rooms of B and C in A\'s lobby');
    const { body } = await getJson<{ rooms: LobbyRoom[] }>(`${a.url}/api/rooms`);
    expect(body.rooms.find((r) => r.id === onB.id)?.node).toBe('node-b');
  });

  it('quick play fills a room on another node before opening one (HTTP match and WebSocket Moved)', async () => {
    // Node B gets a quick-play room with one player; nodes A and C have no quick-play room of "cells".
    const seed = await joinFollowingMoved(b.url, { name: 'first', game: 'cells' }, 'quick=cells');
    clients.push(seed.client);
    expect(seed.hops).toEqual([b.url]);
    const roomId = seed.welcome.body.roomId;
    await eventually(async () => (await getJson<{ url: string }>(`${c.url}/api/quickplay?game=cells`)).body.url === b.url, 'C matching to B');
    const match = await getJson<{ url: string; node: string; room: string }>(`${c.url}/api/quickplay?game=cells`);
    expect(match.body).toEqual({ game: 'cells', node: 'node-b', url: b.url, room: roomId });
    const second = await joinFollowingMoved(c.url, { name: 'second', game: 'cells' }, 'quick=cells');
    clients.push(second.client);
    expect(second.hops).toEqual([c.url, b.url]);
    expect(second.welcome.body.roomId).toBe(roomId);
  });
});
