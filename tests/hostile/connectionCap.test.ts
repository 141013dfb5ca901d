/**
 * Finding 5 (issue 9): no per-address connection cap, and a global cap
 * (20,000) equal to the open-file limit, so the app's own 503 never fired:
 * at the file limit /healthz hung and accept() retries burned CPU.
 *
 * 1. In process, caps configured low (30 per process, 20 per address): the
 *    21st connection from one address gets 429, other addresses fill the rest,
 *    the 31st gets 503, and /healthz, /readyz and /metrics answer within 1 s.
 * 2. The server CLI started under `prlimit --nofile=300:300` with the default
 *    cap: it lowers the cap below the file limit (warning), so at the cap new
 *    upgrades get 503 and /healthz still answers within 1 s.
 *
 * Prints the statuses and the /healthz latency at the cap.
 */
import { afterAll, expect, it } from 'vitest';
import { spawn } from 'node:child_process';
import type { ServerHandle } from '../../server/startServer';
import { RawWebSocket } from '../support/rawWebSocket';
import { freePort, startLineServer } from './hostileKit';
import { fitConnectionCap, readFileLimit } from '../../server/limits/fileLimit';

const sockets: RawWebSocket[] = [];
/** Upgrades tried against the CLI: more than its 300 descriptors, so the old code ran out of them. */
const ATTEMPTS = 320;
let server: ServerHandle | undefined;

afterAll(async () => {
  for (const s of sockets) s.socket.destroy();
  await server?.stop();
});

async function openFrom(port: number, localAddress: string, n: number): Promise<number[]> {
  const statuses: number[] = [];
  for (let i = 0; i < n; i++) {
    const ws = await RawWebSocket.open(port, { localAddress });
    sockets.push(ws);
    statuses.push(ws.status);
  }
  return statuses;
}

/** GET with a 5 s timeout; status 0 if it did not answer. */
async function timedGet(url: string): Promise<{ status: number; ms: number }> {
  const t = performance.now();
  try {
    const res = await fetch(url, { signal: AbortSignal.timeout(5000) });
    await res.text();
    return { status: res.status, ms: performance.now() - t };
  } catch (err) {
    return { status: 0, ms: performance.now() - t, ...{ error: (err as Error).message } };
  }
}

const count = (statuses: number[], s: number) => statuses.filter((x) => x === s).length;

it('caps connections per address (429) and per process (503); ops endpoints answer at the cap', { timeout: 30_000 }, async () => {
  server = await startLineServer({ maxConnections: 30, maxConnectionsPerAddress: 20 });
  const a = await openFrom(server.port, '127.0.0.5', 25);
  const b = await openFrom(server.port, '127.0.0.2', 10);
  const c = await openFrom(server.port, '127.0.0.3', 3);
  const health = await timedGet(`${server.url}/healthz`);
  const ready = await timedGet(`${server.url}/readyz`);
  const metrics = await timedGet(`${server.url}/metrics`);
  console.log(
    `[connection cap] in process, cap 30 / 20 per address: 127.0.0.5 ${count(a, 101)}×101 ${count(a, 429)}×429; ` +
      `127.0.0.2 ${count(b, 101)}×101 ${count(b, 503)}×503; 127.0.0.3 ${count(c, 503)}×503; ` +
      `at the cap /healthz ${health.status} in ${health.ms.toFixed(0)} ms, /readyz ${ready.status}, /metrics ${metrics.status} in ${metrics.ms.toFixed(0)} ms`,
  );
  expect(count(a, 101)).toBe(20);
  expect(count(a, 429)).toBe(5);
  expect(count(b, 101)).toBe(10);
  expect(count(c, 503)).toBe(3);
  expect([health.status, ready.status, metrics.status]).toEqual([200, 200, 200]);
  expect(health.ms).toBeLessThan(1000);
});

it('fits the connection cap under the open-file limit (CLI under prlimit --nofile=300:300)', { timeout: 60_000 }, async () => {
  expect(fitConnectionCap(20_000, { soft: 300, hard: 300 })).toBe(236);
  expect(readFileLimit('Max open files            1024                 4096                 files\n')).toEqual({ soft: 1024, hard: 4096 });
  const port = await freePort();
  // The per-address cap is lifted through the environment (ATTEMPTS connections from 200 addresses).
  const child = spawn('prlimit', ['--nofile=300:300', process.execPath, '--import', 'tsx', 'server/main.ts', '--port', String(port)], {
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, TICKWIRE_MAX_CONNECTIONS_PER_ADDRESS: '1000' },
  });
  let out = '';
  child.stdout.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr.on('data', (d: Buffer) => (out += d.toString()));
  const exited = new Promise((r) => child.once('exit', r));
  try {
    const deadline = performance.now() + 20_000;
    while (!/listening on/.test(out) && performance.now() < deadline) await new Promise((r) => setTimeout(r, 50));
    // In parallel batches: a connection that does not Join is closed after the join timeout, so they must all be open at once.
    const statuses: number[] = [];
    for (let i = 0; i < ATTEMPTS; i += 40) {
      const batch = await Promise.all(
        Array.from({ length: Math.min(40, ATTEMPTS - i) }, (_, k) => RawWebSocket.open(port, { localAddress: `127.0.1.${1 + ((i + k) % 200)}` }).catch(() => null)),
      );
      for (const ws of batch) {
        if (ws) sockets.push(ws);
        statuses.push(ws?.status ?? 0);
      }
    }
    const health = await timedGet(`http://127.0.0.1:${port}/healthz`);
    const warned = /lowering it/.test(out);
    console.log(
      `[connection cap] CLI under prlimit --nofile=300:300, default --max-connections 20000: warned ${warned}, ` +
        `${count(statuses, 101)}×101 ${count(statuses, 503)}×503 ${count(statuses, 0)}×no answer of ${ATTEMPTS}; /healthz at the cap ${health.status} in ${health.ms.toFixed(0)} ms`,
    );
    expect(warned).toBe(true);
    expect(count(statuses, 101)).toBe(236);
    expect(count(statuses, 503)).toBe(ATTEMPTS - 236);
    expect(health.status).toBe(200);
    expect(health.ms).toBeLessThan(1000);
  } finally {
    child.kill('SIGKILL');
    await exited;
  }
});
