/**
 * The operator console in a real browser (Chromium): a wrong token is refused
 * (the page says so; the API answers 401 without it), the right one shows live
 * rooms, players and the chart from the server's metrics, and the buttons
 * work on real WebSocket players: mute, kick (4110), close room (4111), drain
 * (readyz 503). Screenshots in test-artifacts/.
 */
import { existsSync, mkdirSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { CHROMIUM, launchChromium, until as pollUntil } from '../../client/e2e/browser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildClient } from '../../client/build';
import { createLogger } from '../../server/logger';
import { startServer, type ServerHandle } from '../../server/startServer';
import { TestClient } from '../support/testClient';
import { Opcode } from '../../shared/protocol/constants';

const TOKEN = 'browser-admin-token-abcdef123456';
const artifacts = resolve('test-artifacts');

const until = <T>(what: string, probe: () => Promise<T>, ok: (v: T) => boolean): Promise<T> => pollUntil(what, probe, ok, 20_000);

describe.skipIf(!existsSync(CHROMIUM))('operator console in a real browser', () => {
  let server: ServerHandle;
  let browser: Browser;
  let page: Page;
  const players: TestClient[] = [];
  const pageErrors: string[] = [];

  beforeAll(async () => {
    let clientDir = resolve('client/dist');
    if (!existsSync(join(clientDir, 'admin.html'))) clientDir = (await buildClient(mkdtempSync(join(tmpdir(), 'tickwire-admin-ui-')))).outDir;
    server = await startServer({ port: 0, logLevel: 'silent', adminToken: TOKEN, replays: false, clientDir, games: ['arena'] }, { log: createLogger('silent') });
    for (const name of ['alice', 'bob', 'carol']) {
      const c = await TestClient.connect(server.url);
      await c.join(name);
      players.push(c);
    }
    browser = await launchChromium();
    page = await (await browser.newContext({ viewport: { width: 1200, height: 800 } })).newPage();
    page.on('pageerror', (err) => pageErrors.push(err.message));
    mkdirSync(artifacts, { recursive: true });
  }, 90_000);

  afterAll(async () => {
    for (const c of players) c.close();
    await browser?.close();
    await server?.stop();
  });

  it('refuses a wrong token, and the API refuses a request without one (401)', async () => {
    await page.goto(`${server.url}/admin`);
    const noToken = await page.evaluate(async () => (await fetch('/admin/api/state')).status);
    expect(noToken).toBe(401);
    await page.fill('#admin-token', 'not-the-token-at-all');
    await page.click('#admin-login button');
    await until('refusal shown', () => page.locator('#admin-status').textContent(), (t) => /Token refused \(401\)/.test(t ?? ''));
    expect(await page.locator('#admin-main').isHidden()).toBe(true);
    await page.screenshot({ path: join(artifacts, 'admin-refused.png') });
  }, 60_000);

  it('shows live rooms, players and the metrics chart with the right token', async () => {
    await page.fill('#admin-token', TOKEN);
    await page.click('#admin-login button');
    await until('players listed', () => page.locator('#admin-rooms li[data-name]').count(), (n) => n === 3);
    await until('chart samples', async () => Number(await page.locator('#admin-chart').getAttribute('data-samples')), (n) => n >= 3);
    expect(await page.locator('#admin-summary').textContent()).toMatch(/players 3/);
    // Issue 15 leftovers: each room's bytes/s in and out, players' RTT and loss as their clients report them
    // (carol reports 42 ms and 1.5 %, as the browser SDK's Pings do), and the room's spectators apart.
    const carol = players[2];
    const roomId = (await carol.first(Opcode.Welcome)).body.roomId;
    const pinger = setInterval(() => carol.send({ op: Opcode.Ping, body: { t: performance.now(), r: 42, l: 1.5 } }), 200);
    const watcher = await TestClient.connect(server.url);
    players.push(watcher);
    await watcher.watch({ room: roomId });
    try {
      await until('carol\'s RTT and loss', () => page.locator('li[data-name="carol"]').textContent(), (t) => /rtt 42 ms · loss 1\.5 %/.test(t ?? ''));
      expect(await page.locator('li[data-name="alice"]').textContent()).toMatch(/rtt – · loss –/);
      const traffic = await until('room bytes/s', () => page.locator(`tr[data-room="${roomId}"] .room-traffic`).textContent(), (t) => /^[1-9][\d.]* k?\s?B\/s in · [1-9][\d.]* k?\s?B\/s out$/.test(t ?? ''));
      expect(traffic).toMatch(/B\/s out/);
      await until('spectator shown apart', () => page.locator(`tr[data-room="${roomId}"]`).textContent(), (t) => /3\/\d+ \+1 watching/.test(t ?? ''));
      const state = await page.evaluate(async (t) => (await fetch('/admin/api/state', { headers: { authorization: `Bearer ${t}` } })).json(), TOKEN);
      const room = (state as { rooms: { id: string; spectators: number; bytesOutPerSec: number; members: { name: string; rttMs: number | null }[] }[] }).rooms.find((r) => r.id === roomId)!;
      expect(room.spectators).toBe(1);
      expect(room.bytesOutPerSec).toBeGreaterThan(0);
      expect(room.members.find((m) => m.name === 'carol')?.rttMs).toBe(42);
    } finally {
      clearInterval(pinger);
    }
    await page.screenshot({ path: join(artifacts, 'admin-live.png') });
  }, 60_000);

  it('mutes, kicks (4110) and closes a room (4111) from the buttons; each action is in the audit list', async () => {
    const [alice, bob] = players;
    await page.locator('li[data-name="alice"] button', { hasText: 'Mute' }).click();
    await until('alice muted', () => page.locator('li[data-name="alice"]').textContent(), (t) => /\(muted\)/.test(t ?? ''));
    await page.locator('li[data-name="bob"] button', { hasText: 'Kick' }).click();
    expect((await bob.closedWith(10_000)).code).toBe(4110);
    await until('bob gone', () => page.locator('#admin-rooms li[data-name]').count(), (n) => n === 2);
    await page.locator('#admin-rooms button', { hasText: 'Close room' }).first().click();
    expect((await alice.closedWith(10_000)).code).toBe(4111);
    const audit = await until('audit', () => page.locator('#admin-audit').textContent(), (t) => /close-room/.test(t ?? ''));
    expect(audit).toMatch(/mute .* \(alice\) from 127\.0\.0\.1: done/);
    expect(audit).toMatch(/kick .* \(bob\) from 127\.0\.0\.1: done/);
    await page.screenshot({ path: join(artifacts, 'admin-actions.png') });
  }, 60_000);

  it('drains the node from the console', async () => {
    await page.click('#admin-drain');
    await until('readyz 503', async () => (await fetch(`${server.url}/readyz`).catch(() => ({ status: 0 }))).status, (s) => s === 503 || s === 0);
    expect(pageErrors).toEqual([]);
  }, 60_000);
});
