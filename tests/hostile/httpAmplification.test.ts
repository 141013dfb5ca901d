/**
 * Finding 1 (issue 9): HTTP responses for a reader that never reads. Ten
 * connections each pipeline 40 GETs of the largest static file and never read
 * a byte. Before the fix uWS buffered every response body in full (RSS grew by
 * the file size per request, ~1.9 GB with the source map) and the tick loop
 * stalled until honest players were closed. Now a response is streamed with
 * tryEnd/onWritable from the shared file buffer, so a non-reading connection
 * costs what the kernel holds, and one that stays stuck is closed.
 *
 * Prints: baseline RSS, peak RSS growth, /healthz worst latency, honest
 * closes, and when the server closed the attacking connections.
 * TICKWIRE_AMP_SOURCE_MAP=1 attacks /main.js.map (served with --serve-source-maps),
 * the 4.4 MB file of the original report.
 */
import { readFileSync } from 'node:fs';
import net from 'node:net';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { ArenaFighter } from './arenaFighter';
import { freePort, sleep, spawnServerCli, startLineServer, type CliServer } from './hostileKit';

let server: CliServer;
let url: string;
let port: number;

beforeAll(async () => {
  port = await freePort();
  const maps = process.env.TICKWIRE_AMP_SOURCE_MAP === '1' ? ['--serve-source-maps'] : [];
  server = spawnServerCli(['--port', String(port), '--log-level', 'warn', ...maps]);
  url = await server.url;
}, 30_000);

afterAll(async () => {
  server.child.kill('SIGKILL');
  await server.exit;
});

function rssBytes(pid: number): number {
  const m = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  return m ? Number(m[1]) * 1024 : 0;
}

/** A socket that sends `count` pipelined GETs of `path` and never reads. */
function nonReader(path: string, count: number): Promise<net.Socket> {
  return new Promise((resolve, reject) => {
    const s = net.connect({ port, host: '127.0.0.1' }, () => {
      s.pause(); // never read: the kernel receive buffer fills, then the server's send buffer
      s.write(`GET ${path} HTTP/1.1\r\nHost: x\r\n\r\n`.repeat(count));
      resolve(s);
    });
    s.on('error', () => undefined); // the server may reset us: that is the point
    s.once('error', reject);
  });
}

/** Resume reading `s` until the server closes it (or 5 s pass); bytes read and whether it closed. */
function drain(s: net.Socket): Promise<{ bytes: number; closed: boolean }> {
  return new Promise((resolve) => {
    let bytes = 0;
    const timer = setTimeout(() => resolve({ bytes, closed: false }), 5000);
    s.on('data', (d: Buffer) => (bytes += d.length));
    s.once('close', () => {
      clearTimeout(timer);
      resolve({ bytes, closed: true });
    });
    s.resume();
  });
}

it('a connection that never reads its responses costs bounded memory; players and health checks are unaffected', { timeout: 90_000 }, async () => {
  const pid = server.child.pid!;
  const players = await Promise.all(Array.from({ length: 4 }, (_, i) => ArenaFighter.join(url, `honest${i}`)));
  const act = setInterval(() => players.forEach((p) => p.act(true)), 33);
  await sleep(1000);
  const baseline = rssBytes(pid);

  const path = process.env.TICKWIRE_AMP_SOURCE_MAP === '1' ? '/main.js.map' : '/main.js';
  const attackers = await Promise.all(Array.from({ length: 10 }, () => nonReader(path, 40)));
  let peak = baseline;
  let worstHealthMs = 0;
  const watchUntil = performance.now() + 12_000;
  while (performance.now() < watchUntil) {
    peak = Math.max(peak, rssBytes(pid));
    const t = performance.now();
    const res = await fetch(`${url}/healthz`, { signal: AbortSignal.timeout(5000) });
    expect(res.status).toBe(200);
    await res.text();
    worstHealthMs = Math.max(worstHealthMs, performance.now() - t);
    await sleep(100);
  }
  clearInterval(act);
  // Now read what the server kept for each attacker: what the kernel buffers held (a few responses' worth), then the close.
  const received = await Promise.all(attackers.map((a) => drain(a)));
  const closed = players.filter((p) => p.client.closed || p.closes.length > 0).length;
  const growthMb = (peak - baseline) / 2 ** 20;
  const fileBytes = readFileSync(`client/dist${path}`).length;
  const attackersClosed = `${received.filter((r) => r.closed).length}/10 closed by the server, most received ${(Math.max(...received.map((r) => r.bytes)) / fileBytes).toFixed(2)} responses' worth of 40 asked`;
  console.log(
    `[http amplification] 10 conns x 40 pipelined GET ${path} (${(readFileSync(`client/dist${path}`).length / 1024).toFixed(0)} KiB each), never read: ` +
      `baseline RSS ${(baseline / 2 ** 20).toFixed(0)} MB, peak growth ${growthMb.toFixed(1)} MB, worst /healthz ${worstHealthMs.toFixed(0)} ms, ` +
      `honest players closed ${closed}/${players.length}; attackers: ${attackersClosed}`,
  );
  for (const a of attackers) a.destroy();
  for (const p of players) p.client.close();
  expect(growthMb).toBeLessThan(100);
  expect(received.every((r) => r.closed)).toBe(true);
  expect(closed).toBe(0);
  expect(worstHealthMs).toBeLessThan(1000);
});

it('bounds responses in flight per process: past the budget new large responses get 503 busy, /healthz still 200', { timeout: 30_000 }, async () => {
  const s = await startLineServer({ clientDir: 'client/dist', serveSourceMaps: true, httpMaxPendingResponses: 16 });
  const hold = (): Promise<net.Socket> =>
    new Promise((resolve) => {
      const sock = net.connect({ port: s.port, host: '127.0.0.1' }, () => {
        sock.pause();
        sock.write('GET /main.js.map HTTP/1.1\r\nHost: x\r\n\r\n');
        resolve(sock);
      });
      sock.on('error', () => undefined);
    });
  try {
    const holders = await Promise.all(Array.from({ length: 24 }, hold));
    await sleep(500);
    const big = await fetch(`${s.url}/main.js.map`);
    await big.text();
    const health = await fetch(`${s.url}/healthz`);
    console.log(`[http budget] 24 non-reading GET /main.js.map with --http-max-pending 16: a new GET /main.js.map → ${big.status}, /healthz → ${health.status}`);
    expect(big.status).toBe(503);
    expect(health.status).toBe(200);
    for (const h of holders) h.destroy();
    await sleep(300);
    const after = await fetch(`${s.url}/main.js.map`);
    await after.arrayBuffer();
    expect(after.status).toBe(200);
  } finally {
    await s.stop();
  }
});
