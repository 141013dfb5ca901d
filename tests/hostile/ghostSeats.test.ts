/**
 * Ghost seats (issue 9, finding 6). One address, loopback source addresses
 * standing in for hosts (any 127.x.y.z works on Linux):
 *   - ten join-and-drop connections (Join, then cut TCP) used to keep a
 *     10-seat room full for the whole session grace with none of them open;
 *     now each address keeps at most maxDetachedPerAddress sessions awaiting
 *     resume, so a newcomer from elsewhere gets in at once;
 *   - ten joined-and-silent connections: at most maxSeatsPerAddress get seats
 *     (the rest 4105), and those that never send an Input are closed 4005
 *     after playerIdleTimeoutMs, their seats freed;
 *   - honest players of one address that drop and resume within the quota
 *     still resume.
 * Prints how long the newcomer waited.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { CloseCode, Opcode } from '../../shared/protocol/constants';
import { encodeClientMessage } from '../../shared/protocol/frameCodec';
import type { ServerHandle } from '../../server/startServer';
import { buildFrame, RawWebSocket, WsOpcode } from '../support/rawWebSocket';
import { createRoom, sleep, startLineServer } from './hostileKit';

const servers: ServerHandle[] = [];
const sockets: RawWebSocket[] = [];

afterAll(async () => {
  for (const s of sockets) s.destroy();
  for (const s of servers) await s.stop();
});

function joinFrame(body: { name: string; resume?: string }): Buffer {
  return buildFrame({ opcode: WsOpcode.Binary, payload: encodeClientMessage({ op: Opcode.Join, body }) });
}

/** Upgrade into `roomId` from `localAddress` and Join; resolves with the socket and whether it got a Welcome. */
async function join(port: number, roomId: string, localAddress: string, name: string): Promise<{ ws: RawWebSocket; welcomed: boolean }> {
  const ws = await RawWebSocket.open(port, { path: `/ws?room=${roomId}`, localAddress });
  sockets.push(ws);
  if (ws.status !== 101) return { ws, welcomed: false };
  ws.write(joinFrame({ name }));
  await ws.waitFor(() => ws.frames.some((f) => f.payload[0] === Opcode.Welcome) || ws.closeFrame !== undefined || ws.tcpClosed, 'welcome');
  return { ws, welcomed: ws.frames.some((f) => f.payload[0] === Opcode.Welcome) };
}

/** Try to join every 100 ms until welcomed; returns ms waited (Infinity if not within `maxMs`). */
async function admittedAfter(port: number, roomId: string, localAddress: string, maxMs: number): Promise<number> {
  const t0 = performance.now();
  while (performance.now() - t0 < maxMs) {
    const { ws, welcomed } = await join(port, roomId, localAddress, 'newcomer');
    if (welcomed) return performance.now() - t0;
    ws.destroy();
    await sleep(100);
  }
  return Infinity;
}

describe('ghost seats', () => {
  it('ten join-and-drops from one address do not keep a 10-seat room full', async () => {
    const server = await startLineServer();
    servers.push(server);
    const room = await createRoom(server.url, { name: 'Ghosts', maxPlayers: 10 });
    for (let i = 0; i < 10; i++) {
      const { ws, welcomed } = await join(server.port, room.id, '127.0.0.2', `ghost${i}`);
      expect(welcomed, `ghost ${i} joined`).toBe(true);
      ws.destroy();
      await ws.ending(2000);
    }
    const waitedMs = await admittedAfter(server.port, room.id, '127.0.0.3', 5000);
    expect(waitedMs, 'ms until a newcomer got in').toBeLessThan(2000);
    const held = server.host.seats.seatsOf('127.0.0.2');
    console.log(
      `ghost seats: after 10 join-and-drops from one address a newcomer got into the 10-seat room after ${waitedMs.toFixed(0)} ms ` +
        `(the address still holds ${held.seats} seats, ${held.detached} awaiting resume; ${server.stats.detachedEvicted} sessions ended by the quota)`,
    );
    expect(held.detached).toBe(server.config.maxDetachedPerAddress);
  });

  it('silent joined players: at most maxSeatsPerAddress seats per address, and those who never send an Input are freed (4005)', { timeout: 20_000 }, async () => {
    const server = await startLineServer({ playerIdleTimeoutMs: 2000 });
    servers.push(server);
    const room = await createRoom(server.url, { name: 'Silent', maxPlayers: 10 });
    const silent = [];
    for (let i = 0; i < 10; i++) silent.push(await join(server.port, room.id, '127.0.0.4', `silent${i}`));
    const seated = silent.filter((s) => s.welcomed);
    const refused = silent.filter((s) => !s.welcomed);
    expect(seated).toHaveLength(server.config.maxSeatsPerAddress);
    for (const s of refused) expect(await s.ws.ending(2000, true)).toMatchObject({ kind: 'close-frame', code: CloseCode.SeatQuotaExceeded });

    const waitedMs = await admittedAfter(server.port, room.id, '127.0.0.5', 2000);
    expect(waitedMs, 'ms until a newcomer got in').toBeLessThan(2000);
    const t0 = performance.now();
    const endings = await Promise.all(seated.map((s) => s.ws.ending(6000, true)));
    const idleMs = performance.now() - t0;
    console.log(
      `silent seats: ${seated.length} of 10 from one address seated, ${refused.length} refused 4105; a newcomer got in after ${waitedMs.toFixed(0)} ms; ` +
        `the silent ones closed ${endings.map((e) => (e.kind === 'close-frame' ? e.code : e.kind)).join(',')} within ${(idleMs / 1000).toFixed(1)} s of that`,
    );
    for (const e of endings) expect(e).toMatchObject({ kind: 'close-frame', code: CloseCode.Idle });
    expect(server.host.seats.seatsOf('127.0.0.4')).toEqual({ seats: 0, detached: 0 });
  });

  it('honest players of one address that drop and resume within the quota all resume', async () => {
    const server = await startLineServer();
    servers.push(server);
    const room = await createRoom(server.url, { name: 'Honest', maxPlayers: 10 });
    const n = server.config.maxDetachedPerAddress;
    const tokens: string[] = [];
    for (let i = 0; i < n; i++) {
      const { ws, welcomed } = await join(server.port, room.id, '127.0.0.6', `honest${i}`);
      expect(welcomed).toBe(true);
      const welcome = ws.frames.find((f) => f.payload[0] === Opcode.Welcome)!;
      // The Welcome is msgpack after the opcode; the token is the only 43-char base64url string in it.
      tokens.push(/[A-Za-z0-9_-]{43}/.exec(welcome.payload.toString('latin1'))![0]);
      ws.destroy();
      await ws.ending(2000);
    }
    for (const [i, token] of tokens.entries()) {
      const ws = await RawWebSocket.open(server.port, { localAddress: '127.0.0.6' });
      sockets.push(ws);
      ws.write(joinFrame({ name: `honest${i}`, resume: token }));
      await ws.waitFor(() => ws.frames.some((f) => f.payload[0] === Opcode.Welcome), 'welcome');
      expect(ws.frames.find((f) => f.payload[0] === Opcode.Welcome)!.payload.toString('latin1')).toMatch(/resumed\xc3/);
    }
    expect(server.stats.detachedEvicted).toBe(0);
  });
});
