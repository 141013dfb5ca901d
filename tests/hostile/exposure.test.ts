/**
 * Finding 8 (issue 9): what the server exposed. Before: /metrics (14 KB of
 * internals) answered anyone; /main.js.map (4.5 MB, the whole source) was
 * public and named the build machine's directories; the first brotli of it
 * blocked the event loop 0.14–0.5 s.
 *
 * Now: source maps only with --serve-source-maps, their sources project-
 * relative; compressed variants exist before the first request (the build
 * writes them, the server verifies them at startup); /metrics is for
 * loopback, --metrics-allow networks, or a bearer token. A client address
 * other than loopback is simulated through a trusted proxy header.
 *
 * Prints the statuses and the first-request time of main.js in brotli.
 */
import { existsSync, readdirSync, readFileSync, realpathSync } from 'node:fs';
import { resolve } from 'node:path';
import { afterAll, expect, it } from 'vitest';
import type { ServerHandle } from '../../server/startServer';
import { startLineServer } from './hostileKit';

const servers: ServerHandle[] = [];
const seen: string[] = [];

afterAll(async () => {
  console.log(`[exposure] ${seen.join('; ')}`);
  await Promise.all(servers.map((s) => s.stop()));
});

async function start(overrides: Parameters<typeof startLineServer>[0] = {}): Promise<ServerHandle> {
  const s = await startLineServer({ clientDir: 'client/dist', ...overrides });
  servers.push(s);
  return s;
}

async function get(url: string, headers: Record<string, string> = {}): Promise<{ status: number; body: string; ms: number; encoding: string | null }> {
  const t = performance.now();
  const res = await fetch(url, { headers });
  const body = await res.text();
  return { status: res.status, body, ms: performance.now() - t, encoding: res.headers.get('content-encoding') };
}

it('serves no source map by default, and nothing served names the build machine’s directories', async () => {
  expect(existsSync('client/dist/main.js.map')).toBe(true); // built (npm test builds the client first)
  const s = await start();
  const map = await get(`${s.url}/main.js.map`);
  seen.push(`GET /main.js.map → ${map.status}`);
  expect(map.status).toBe(404);

  const dev = await start({ serveSourceMaps: true });
  const devMap = await get(`${dev.url}/main.js.map`);
  seen.push(`with --serve-source-maps → ${devMap.status}`);
  expect(devMap.status).toBe(200);
  const machinePaths = [resolve('.'), realpathSync('node_modules'), resolve('..')].filter((p) => p.length > 1);
  for (const name of readdirSync('client/dist').filter((n) => !/\.(br|gz)$/.test(n))) {
    const body = (await get(`${dev.url}/${name}`)).body;
    for (const p of machinePaths) expect(body.includes(p), `${name} names ${p}`).toBe(false);
  }
  const sources = (JSON.parse(devMap.body) as { sources: string[] }).sources;
  expect(sources.filter((src) => src.startsWith('/') || src.startsWith('..'))).toEqual([]);
});

it('has compressed variants before the first request (the build writes them beside each file)', async () => {
  expect(existsSync('client/dist/main.js.br') && existsSync('client/dist/main.js.gz')).toBe(true);
  const s = await start();
  const first = await get(`${s.url}/main.js`, { 'accept-encoding': 'br' });
  seen.push(`first GET /main.js (br) ${first.ms.toFixed(1)} ms, encoding ${first.encoding}`);
  expect(first.encoding).toBe('br');
  expect(first.body).toBe(readFileSync('client/dist/main.js', 'utf8'));
});

it('serves /metrics to loopback, configured networks and bearer-token holders only', async () => {
  const token = 'scrape-token-0123456789abcdef';
  const s = await start({ trustedProxies: ['127.0.0.1'], metricsAllow: ['198.51.100.0/24'], metricsToken: token });
  const from = (addr: string, extra: Record<string, string> = {}) => get(`${s.url}/metrics`, { 'x-forwarded-for': addr, ...extra });
  const outsider = await from('203.0.113.9');
  const wrongToken = await from('203.0.113.9', { authorization: 'Bearer not-the-token-at-all' });
  const withToken = await from('203.0.113.9', { authorization: `Bearer ${token}` });
  const allowedNet = await from('198.51.100.7');
  const loopback = await get(`${s.url}/metrics`);
  seen.push(
    `/metrics: outsider ${outsider.status}, wrong token ${wrongToken.status}, bearer token ${withToken.status}, allowed network ${allowedNet.status}, loopback ${loopback.status}`,
  );
  expect([outsider.status, wrongToken.status, withToken.status, allowedNet.status, loopback.status]).toEqual([403, 403, 200, 200, 200]);
  expect(outsider.body).not.toMatch(/tickwire_/);
});
