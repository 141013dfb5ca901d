/**
 * Finding 4 (issue 9): one address took every room slot (1,000 private rooms
 * in 0.5 s) and everyone else got 503 on create and 1001 on quick play. Now
 * each address may hold `maxRoomsPerAddress` live rooms (default 10; 429 with
 * a JSON reason beyond). Here the process allows 40 rooms; 127.0.0.5 floods
 * POST /api/rooms while 127.0.0.2 creates a room and quick-plays (127.0.0.1,
 * the server's own loopback host, is exempt from the quotas by default).
 *
 * Prints: rooms the flooder got, its refusals by status, the second address's answers.
 */
import http from 'node:http';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { Opcode } from '../../shared/protocol/constants';
import { encodeClientMessage } from '../../shared/protocol/frameCodec';
import type { ServerHandle } from '../../server/startServer';
import { buildFrame, RawWebSocket, WsOpcode } from '../support/rawWebSocket';
import { startLineServer } from './hostileKit';

let server: ServerHandle;

beforeAll(async () => {
  server = await startLineServer({ maxRooms: 40 });
});

afterAll(async () => {
  await server.stop();
});

function post(localAddress: string, body: unknown): Promise<{ status: number; json: { error?: string; id?: string } }> {
  return new Promise((resolve, reject) => {
    const data = JSON.stringify(body);
    const req = http.request(
      { host: '127.0.0.1', port: server.port, localAddress, method: 'POST', path: '/api/rooms', agent: false, headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(data) } },
      (res) => {
        let text = '';
        res.on('data', (c: Buffer) => (text += c.toString()));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, json: JSON.parse(text) as { error?: string; id?: string } }));
      },
    );
    req.on('error', reject);
    req.end(data);
  });
}

it('a flooding address is held to its room quota; another address can still create a room and quick-play', { timeout: 30_000 }, async () => {
  const statuses = new Map<number, number>();
  let lastRefusal: { error?: string } = {};
  for (let i = 0; i < 200; i++) {
    const r = await post('127.0.0.5', { name: `flood ${i}`, private: true });
    statuses.set(r.status, (statuses.get(r.status) ?? 0) + 1);
    if (r.status !== 201) lastRefusal = r.json;
  }
  const created = statuses.get(201) ?? 0;

  const mine = await post('127.0.0.2', { name: 'second address' });
  const quick = await RawWebSocket.open(server.port, { path: '/ws?quick=1', localAddress: '127.0.0.2' });
  quick.write(buildFrame({ opcode: WsOpcode.Binary, payload: encodeClientMessage({ op: Opcode.Join, body: { name: 'second' } }) }));
  await quick.waitFor(() => quick.frames.some((f) => f.payload[0] === Opcode.Welcome) || quick.tcpClosed, 'welcome');
  const welcomed = quick.frames.some((f) => f.payload[0] === Opcode.Welcome);
  console.log(
    `[room quota] 200 POSTs from 127.0.0.5: ${[...statuses].map(([s, n]) => `${n}×${s}`).join(', ')} (refusal: ${lastRefusal.error}); ` +
      `127.0.0.2 create → ${mine.status}, quick play upgrade → ${quick.status}, welcomed ${welcomed}; rooms live ${server.host.directory.size} of 40`,
  );
  quick.socket.destroy();
  expect(created).toBe(server.config.maxRoomsPerAddress);
  expect(statuses.get(429)).toBe(200 - created);
  expect(lastRefusal.error).toBe('room_quota');
  expect(mine.status).toBe(201);
  expect(quick.status).toBe(101);
  expect(welcomed).toBe(true);
});
