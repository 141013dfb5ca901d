/**
 * Slowloris on the HTTP upgrade: connections that trickle a request head a
 * byte at a time (or send part of it and go quiet, or nothing) are closed by
 * uWS's own HTTP timeout — measured here and reported — while the service
 * stays available: health checks answer, new players join, and a playing
 * bystander's snapshots stay consecutive.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { ServerHandle } from '../../server/startServer';
import { RawWebSocket, upgradeRequest } from '../support/rawWebSocket';
import { TestClient } from '../support/testClient';
import { Bystander, createRoom, sleep, startLineServer } from './hostileKit';

let server: ServerHandle;

beforeAll(async () => {
  server = await startLineServer();
});

afterAll(async () => {
  await server.stop();
});

type Style = 'trickle-line' | 'trickle-headers' | 'partial' | 'silent';

async function loris(style: Style, i: number): Promise<{ style: Style; closedAfterMs: number; bytesSent: number; status: number }> {
  const request = upgradeRequest(server.port, { headers: { 'X-Padding': 'p'.repeat(200) } });
  const ws = await RawWebSocket.connect(server.port);
  const t0 = performance.now();
  let sent = 0;
  if (style === 'partial') {
    sent = 40 + (i % 30);
    ws.write(request.slice(0, sent));
  }
  if (style === 'trickle-headers') {
    sent = request.indexOf('\r\n') + 2; // the request line at once, then the headers a byte at a time
    ws.write(request.slice(0, sent));
  }
  const trickle = style === 'trickle-line' || style === 'trickle-headers';
  const timer = trickle ? setInterval(() => sent < request.length - 4 && ws.write(request[sent++]), 250) : null;
  await ws.waitFor(() => ws.tcpClosed, 'the server to close the slow request', 30_000).finally(() => timer && clearInterval(timer));
  return { style, closedAfterMs: performance.now() - t0, bytesSent: sent, status: ws.status };
}

it('closes trickling, stalled and silent upgrade requests; the service stays available', { timeout: 60_000 }, async () => {
  const room = await createRoom(server.url, { name: 'Loris', maxPlayers: 16 });
  const bystander = await Bystander.join(server.url, room.id);
  const from = bystander.ticks().length;
  const styles: Style[] = ['trickle-line', 'trickle-headers', 'partial', 'silent'];
  const attack = Promise.all(Array.from({ length: 160 }, (_, i) => loris(styles[i % 4], i)));

  // While the attack is on: health checks and new players are served.
  const served: number[] = [];
  for (let k = 0; k < 5; k++) {
    await sleep(1000);
    const t = performance.now();
    expect((await fetch(`${server.url}/healthz`)).status).toBe(200);
    const c = await TestClient.connect(server.url, { query: `room=${room.id}` });
    await c.join(`visitor${k}`);
    c.close();
    served.push(performance.now() - t);
  }
  const results = await attack;
  const by = (s: Style) => results.filter((r) => r.style === s).map((r) => r.closedAfterMs);
  const fmt = (s: Style) => {
    const ms = by(s);
    const statuses = [...new Set(results.filter((r) => r.style === s).map((r) => (r.status === 0 ? 'no response' : `HTTP ${r.status}`)))];
    return `${(Math.min(...ms) / 1000).toFixed(1)}–${(Math.max(...ms) / 1000).toFixed(1)} s (${statuses.join(', ')})`;
  };
  console.log(
    `slowloris: ${results.length} connections; uWS closed them after: request line 1 byte/250 ms ${fmt('trickle-line')}, ` +
      `headers 1 byte/250 ms ${fmt('trickle-headers')}, partial head then quiet ${fmt('partial')}, silent ${fmt('silent')}; ` +
      `healthz + join during the attack took ${served.map((ms) => ms.toFixed(0)).join('/')} ms`,
  );
  // Closed without ever completing the upgrade, and within a bounded time.
  for (const r of results) {
    expect(r.status).not.toBe(101);
    expect(r.closedAfterMs).toBeLessThan(20_000);
  }
  expect(bystander.gaps(from)).toEqual([]);
  expect(bystander.client.closed).toBeNull();
  bystander.close();
});
