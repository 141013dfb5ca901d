/**
 * tickwire behind real nginx, configured from deploy/nginx.conf: HTTP and a
 * played WebSocket session through the proxy; an idle joined player outlives
 * several (deliberately short, 3 s) proxy read timeouts and the server's own
 * idle timeout (8 s: uWS pings every idleTimeout/2 = 4 s, the client answers);
 * join-code guesses are limited per forwarded client address; a client cannot
 * choose its address with X-Forwarded-For, neither directly nor through nginx.
 *
 * Loopback has 127.0.0.0/8: clients connect from 127.0.0.2, .3, ... so nginx
 * (at 127.0.0.1, the trusted proxy) forwards distinct addresses.
 *
 * nginx missing: fails under CI=true (.ci/run installs nginx-light), skips locally.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { JOIN_CODE_ALPHABET, Opcode, SUBPROTOCOL } from '../../shared/protocol/constants';
import type { ServerHandle } from '../../server/startServer';
import { LineButton } from '../support/lineGame';
import { RawWebSocket } from '../support/rawWebSocket';
import { SnapshotReplica } from '../support/snapshotReplica';
import { TestClient } from '../support/testClient';
import { createRoom, freePort, sleep, startLineServer } from './hostileKit';
import { findNginx, NginxProxy } from './nginxProxy';

const nginx = findNginx();
if (!nginx && process.env.CI === 'true') {
  throw new Error('nginx not found (looked in /usr/sbin, /usr/local/sbin, /usr/bin): .ci/run installs nginx-light; CI must not skip this test');
}
if (!nginx) console.warn('nginx.test.ts: nginx is not installed here; skipping (apt-get install nginx-light to run it)');

const PROXY_READ_TIMEOUT_S = 3;
const IDLE_TIMEOUT_S = 8;

describe.skipIf(!nginx)('behind nginx (deploy/nginx.conf)', () => {
  let server: ServerHandle;
  let proxy: NginxProxy;
  const clients: TestClient[] = [];

  beforeAll(async () => {
    server = await startLineServer({ trustedProxies: ['127.0.0.1'], idleTimeoutSec: IDLE_TIMEOUT_S, maxCodeGuessesPerMin: 3 });
    proxy = await NginxProxy.start(nginx!, { listenPort: await freePort(), upstreamPort: server.port, proxyReadTimeoutSec: PROXY_READ_TIMEOUT_S });
  });

  afterAll(async () => {
    for (const c of clients) c.close();
    await proxy?.stop();
    await server?.stop();
  });

  it('serves HTTP through the proxy', async () => {
    expect((await fetch(`${proxy.url}/healthz`)).status).toBe(200);
    const list = await fetch(`${proxy.url}/api/rooms`);
    expect(list.status).toBe(200);
    expect(await list.json()).toHaveProperty('rooms');
  });

  it('plays a session through the proxy: join, inputs acknowledged, snapshots', async () => {
    const c = await TestClient.connect(proxy.url, { query: 'quick=1' });
    clients.push(c);
    expect(c.ws.protocol).toBe(SUBPROTOCOL);
    const welcome = await c.join('proxied');
    const replica = new SnapshotReplica(c.codec!.layout);
    const timer = setInterval(() => c.sendInput([LineButton.Right, 0]), 1000 / 60);
    try {
      await c.waitUntil(() => {
        for (const m of c.messages.splice(0)) if (m.op === Opcode.Snapshot) replica.apply(m.body);
        return replica.ackSeq >= 20;
      }, 'ack of 20 inputs through nginx');
    } finally {
      clearInterval(timer);
    }
    expect(replica.entity(welcome.body.playerId)![0]).toBeGreaterThanOrEqual(20);
    expect(proxy.errorLog()).not.toMatch(/\[(error|crit|alert|emerg)\]/);
  });

  it(`an idle joined player outlives ${PROXY_READ_TIMEOUT_S} s proxy read timeouts and the ${IDLE_TIMEOUT_S} s server idle timeout`, { timeout: 30_000 }, async () => {
    const c = await TestClient.connect(proxy.url, { query: 'quick=1' });
    clients.push(c);
    await c.join('idler');
    let pings = 0;
    c.ws.on('ping', () => pings++); // ws answers each with a pong by itself
    const idleMs = (IDLE_TIMEOUT_S + 2 * PROXY_READ_TIMEOUT_S) * 1000; // 14 s of sending nothing
    await sleep(idleMs);
    console.log(`idle through nginx: ${idleMs / 1000} s without sending, ${pings} pings from uWS, still ${c.closed ? `closed ${c.closed.code}` : 'open'}`);
    expect(c.closed).toBeNull();
    expect(pings).toBeGreaterThanOrEqual(2);
    const before = c.snapshots().length;
    await c.waitUntil(() => c.snapshots().length > before, 'snapshots still flowing');
  });

  const wrong = (i: number) => `ZZZZZZZZ${JOIN_CODE_ALPHABET[i % JOIN_CODE_ALPHABET.length]}Y`;
  async function guess(port: number, from: string, i: number, headers: Record<string, string> = {}): Promise<number> {
    const ws = await RawWebSocket.open(port, { path: `/ws?code=${wrong(i)}`, localAddress: from, headers });
    ws.destroy();
    return ws.status;
  }

  it('limits join-code guesses per forwarded client address', async () => {
    await createRoom(proxy.url, { name: 'Private behind nginx', private: true });
    const a: number[] = [];
    for (let i = 0; i < 5; i++) a.push(await guess(proxy.port, '127.0.0.2', i));
    expect(a).toEqual([404, 404, 404, 429, 429]);
    // Another client address behind the same proxy has its own budget.
    const b: number[] = [];
    for (let i = 0; i < 3; i++) b.push(await guess(proxy.port, '127.0.0.3', 10 + i));
    expect(b).toEqual([404, 404, 404]);
  });

  it('ignores a spoofed X-Forwarded-For, through the proxy and directly', async () => {
    // Through nginx: the client's own header is kept as a prefix; the server reads right to left.
    const via: number[] = [];
    for (let i = 0; i < 5; i++) via.push(await guess(proxy.port, '127.0.0.4', 20 + i, { 'X-Forwarded-For': `198.51.100.${i + 1}` }));
    expect(via).toEqual([404, 404, 404, 429, 429]);
    // Straight to the server from an untrusted address: the header is not believed at all.
    const direct: number[] = [];
    for (let i = 0; i < 5; i++) direct.push(await guess(server.port, '127.0.0.5', 30 + i, { 'X-Forwarded-For': `203.0.113.${i + 1}`, 'X-Real-IP': `203.0.113.${i + 1}` }));
    expect(direct).toEqual([404, 404, 404, 429, 429]);
  });
});
