/**
 * End to end in real headless Chromium: the real server (in-process, port 0)
 * serves the built client; two pages meet in a private room through the lobby
 * (create on A, join by code on B), A moves with the keyboard, B sees it move;
 * the network HUD shows a finite RTT; a mid-game screenshot is saved to
 * test-artifacts/e2e-game.png and checked to be a picture, not a blank canvas.
 * B plays through the client's network simulator (lag, jitter, 5 % loss).
 * Also: an outdated subprotocol is explained as a version mismatch; a touch
 * page joins from the lobby list (live counts) and moves with the virtual
 * stick; two more pages pick cells in the lobby's game picker, meet by quick
 * play, one steers its cell with the mouse and the other sees it
 * (test-artifacts/e2e-cells.png); after a 1012 close both pages resume their sessions by themselves;
 * when the server goes away the pages show the reconnecting overlay and the
 * lobby says the server is unreachable.
 */
import { existsSync } from 'node:fs';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer, type ServerHandle } from '../server/startServer';
import { arena } from '../shared/game/arena';
import { cells } from '../shared/game/cells';
import { buildClient } from './build';
import { CHROMIUM, launchChromium, playing, state, until, type State } from './e2e/browser';
import type { DebugState } from './src/sdk/screen/debugState';

const here = dirname(fileURLToPath(import.meta.url));
const distDir = join(here, 'dist');
const artifacts = resolve(here, '..', 'test-artifacts');


describe.skipIf(!existsSync(CHROMIUM))('browser client end to end', () => {
  let server: ServerHandle;
  let browser: Browser;
  let a: Page;
  let b: Page;
  /** Stays in the lobby, for the server-gone case at the end. */
  let d: Page;
  const pageErrors: string[] = [];

  beforeAll(async () => {
    if (!existsSync(join(distDir, 'index.html'))) await buildClient(distDir);
    // Both games the client ships, side by side in one server.
    server = await startServer({ port: 0, host: '127.0.0.1', logLevel: 'silent', clientDir: distDir }, { games: [arena, cells] });
    browser = await launchChromium();
    const open = async (label: string) => {
      const page = await (await browser.newContext({ viewport: { width: 1024, height: 700 } })).newPage();
      page.on('pageerror', (err) => pageErrors.push(`${label}: ${err.message}`));
      return page;
    };
    a = await open('A');
    b = await open('B');
    d = await open('D');
    await d.goto(server.url);
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('explains a refused protocol as a version mismatch', async () => {
    // An outdated client: its WebSocket offers a subprotocol this server no longer speaks,
    // so the server refuses the upgrade (HTTP 400) and the browser only sees the socket fail.
    const c = await (await browser.newContext()).newPage();
    c.on('pageerror', (err) => pageErrors.push(`C: ${err.message}`));
    await c.addInitScript(() => {
      const Native = window.WebSocket;
      window.WebSocket = class extends Native {
        constructor(url: string | URL) {
          super(url, ['tickwire.v0']);
        }
      };
    });
    await c.goto(server.url);
    await c.click('#quick-play');
    await until('mismatch message', () => c.locator('#lobby-message').textContent(), (t) => /version mismatch/i.test(t ?? ''), 40_000);
    await c.close();
  }, 60_000);

  it('plays cells: two pages pick it in the lobby, one steers with the mouse, the other sees it', async () => {
    const open = async (label: string, name: string) => {
      const page = await (await browser.newContext({ viewport: { width: 1024, height: 700 } })).newPage();
      page.on('pageerror', (err) => pageErrors.push(`${label}: ${err.message}`));
      await page.goto(server.url);
      await page.fill('#player-name', name);
      await page.selectOption('#game-picker', 'cells');
      await page.click('#quick-play');
      return page;
    };
    const e = await open('E', 'eve');
    const f = await open('F', 'finn');
    const inCells = (s: State): s is DebugState => playing(s) && s.game === 'cells' && Number.isFinite(s.myX);
    const se = (await until('E in cells', () => state(e), inCells)) as DebugState;
    const sf = (await until('F in cells', () => state(f), inCells)) as DebugState;
    expect(sf.roomId).toBe(se.roomId);
    expect(se.roomName).toMatch(/^Petri Dish/);
    // The camera is on E's cell (the screen's centre): the pointer 250 px right and down steers it there.
    await e.mouse.move(512 + 250, 350 + 250);
    const moved = (await until('E moved', () => state(e), (s) => inCells(s) && Math.hypot(s.myX - se.myX, s.myY - se.myY) > 60)) as DebugState;
    expect(moved.myX).toBeGreaterThan(se.myX);
    expect(moved.myY).toBeGreaterThan(se.myY);
    // Pointer on the cell: it stops; F draws it where E has it.
    await e.mouse.move(512, 350);
    let rest = (await state(e)) as DebugState;
    for (let i = 0; i < 50; i++) {
      await e.waitForTimeout(300);
      const next = (await state(e)) as DebugState;
      const settled = Math.hypot(next.myX - rest.myX, next.myY - rest.myY) < 0.5;
      rest = next;
      if (settled) break;
    }
    await until(
      'F sees E at rest',
      () => state(f),
      (s) => {
        const o = playing(s) ? s.others.find((p) => p.id === se.playerId) : undefined;
        return !!o && o.name === 'eve' && Math.hypot(o.x - rest.myX, o.y - rest.myY) < 1;
      },
    );
    await mkdir(artifacts, { recursive: true });
    await e.screenshot({ path: join(artifacts, 'e2e-cells.png') });
    expect(await e.locator('.cells-leaderboard li').count()).toBe(2);
    await e.context().close();
    await f.context().close();
    expect(pageErrors).toEqual([]);
  }, 90_000);

  it('two players meet through the lobby, see each other move, and the HUD measures the network', async () => {
    // A creates a private room and enters it with the code the lobby shows.
    await a.goto(`${server.url}/?hud=1`);
    await a.fill('#player-name', 'alice');
    await a.fill('#room-name', 'e2e room');
    await a.check('#room-private');
    await a.click('#create-room');
    const code = (await a.locator('#created-code').textContent({ timeout: 10_000 }))!.trim();
    expect(code).toMatch(/^[0-9A-Z]{10}$/);
    await a.click('#enter-created');
    const sa = (await until('A playing', () => state(a), playing)) as DebugState;

    // B plays through the client's network simulator (latency, jitter, 5 % loss each way).
    // It first mistypes the code (clear message), then joins with the right one.
    await b.goto(`${server.url}/?lag=40&jitter=15&loss=5`);
    await b.fill('#player-name', 'bob');
    await b.fill('#join-code', 'ZZZZZZZZZZ');
    await b.click('#join-code-btn');
    await until('wrong-code message', () => b.locator('#lobby-message').textContent(), (t) => /wrong code/i.test(t ?? ''));
    await b.fill('#join-code', code);
    await b.click('#join-code-btn');
    const sb = (await until('B playing', () => state(b), playing)) as DebugState;
    expect(sb.roomId).toBe(sa.roomId);
    expect(await b.evaluate(() => localStorage.getItem('tickwire.name'))).toBe('bob');

    // B sees A (interpolated) where A is (predicted).
    const aStart = (await until('A position', () => state(a), (s) => playing(s) && Number.isFinite(s.myX))) as DebugState;
    const seenBefore = await until(
      'B sees A',
      () => state(b),
      (s) => playing(s) && s.others.some((o) => o.id === aStart.playerId),
    );
    const before = (seenBefore as DebugState).others.find((o) => o.id === aStart.playerId)!;
    expect(before.name).toBe('alice');

    // A moves toward the arena's centre with the keyboard: horizontally, then vertically.
    await a.locator('canvas').click({ position: { x: 1015, y: 690 }, button: 'right' }); // focus, no shot
    const hKey = aStart.myX < 800 ? 'KeyD' : 'KeyA';
    const vKey = aStart.myY < 500 ? 'KeyS' : 'KeyW';
    await a.keyboard.down(hKey);
    await a.waitForTimeout(600);
    await a.keyboard.up(hKey);
    await a.keyboard.down(vKey);
    await a.waitForTimeout(600);
    await a.keyboard.up(vKey);
    // Let A come to rest (and any server correction settle), then B must draw A there.
    let aMoved = (await state(a)) as DebugState;
    for (let i = 0; i < 50; i++) {
      await a.waitForTimeout(300);
      const next = (await state(a)) as DebugState;
      const settled = Math.hypot(next.myX - aMoved.myX, next.myY - aMoved.myY) < 0.5;
      aMoved = next;
      if (settled) break;
    }
    const ownMove = Math.hypot(aMoved.myX - aStart.myX, aMoved.myY - aStart.myY);
    expect(ownMove).toBeGreaterThan(40);
    const seenAfter = (await until(
      'B sees A arrive',
      () => state(b),
      (s) => {
        const o = playing(s) ? s.others.find((p) => p.id === aStart.playerId) : undefined;
        return !!o && Math.hypot(o.x - aMoved.myX, o.y - aMoved.myY) < 1;
      },
    )) as DebugState;
    const after = seenAfter.others.find((o) => o.id === aStart.playerId)!;
    expect(Math.hypot(after.x - before.x, after.y - before.y)).toBeGreaterThan(40);

    // The HUD (open on A via ?hud=1; toggled with F3 on B) shows a finite RTT.
    await b.keyboard.press('F3');
    for (const page of [a, b]) {
      const text = await until(
        'HUD rtt',
        () => page.locator('.network-hud pre').textContent(),
        (t) => /rtt\s+\d+ ms/.test(t ?? ''),
      );
      const rtt = Number(/rtt\s+(\d+) ms/.exec(text!)![1]);
      expect(Number.isFinite(rtt)).toBe(true);
      expect(rtt).toBeGreaterThan(0);
    }

    // A fires a few shots; screenshot mid-game.
    await a.mouse.move(512, 120);
    await a.mouse.down();
    await a.waitForTimeout(400);
    await mkdir(artifacts, { recursive: true });
    const png = await a.screenshot({ path: join(artifacts, 'e2e-game.png') });
    await a.mouse.up();
    const colours = await a.evaluate(async (b64) => {
      const img = new Image();
      img.src = `data:image/png;base64,${b64}`;
      await img.decode();
      const c = document.createElement('canvas');
      c.width = img.width;
      c.height = img.height;
      const ctx = c.getContext('2d')!;
      ctx.drawImage(img, 0, 0);
      const px = ctx.getImageData(0, 0, c.width, c.height).data;
      const seen = new Set<number>();
      for (let i = 0; i < px.length; i += 4 * 7) seen.add(((px[i] >> 3) << 10) | ((px[i + 1] >> 3) << 5) | (px[i + 2] >> 3));
      return seen.size;
    }, png.toString('base64'));
    expect(colours).toBeGreaterThan(20);

    const sa2 = (await state(a)) as DebugState;
    const sb2 = (await state(b)) as DebugState;
    await writeFile(
      join(artifacts, 'e2e-metrics.json'),
      JSON.stringify({ a: sa2, b: sb2, distinctColours: colours, screenshotBytes: (await readFile(join(artifacts, 'e2e-game.png'))).length }, null, 2),
    );
    expect(pageErrors).toEqual([]);
  }, 90_000);

  it('joins from the lobby list (live counts) and moves with the touch stick', async () => {
    const ctx = await browser.newContext({ viewport: { width: 800, height: 500 }, hasTouch: true, isMobile: true });
    const t = await ctx.newPage();
    t.on('pageerror', (err) => pageErrors.push(`T: ${err.message}`));
    // Joins a public room from the lobby list; D's lobby (polling) shows the live count.
    const res = await fetch(`${server.url}/api/rooms`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ name: 'touch room', maxPlayers: 4 }),
    });
    const room = (await res.json()) as { id: string };
    const listed = (page: Page) => page.locator(`#room-list li[data-room-id="${room.id}"]`);
    await t.goto(server.url);
    await t.fill('#player-name', 'thumbs');
    await expect.poll(() => listed(t).locator('.count').textContent(), { timeout: 15_000 }).toBe('0/4');
    await listed(t).locator('button').click();
    const start = (await until('T playing', () => state(t), (s) => playing(s) && Number.isFinite(s.myX))) as DebugState;
    expect(start.roomId).toBe(room.id);
    await expect.poll(() => listed(d).locator('.count').textContent(), { timeout: 15_000 }).toBe('1/4');
    // Drag the stick (left half) toward the centre of the arena, hold, release.
    const cdp = await ctx.newCDPSession(t);
    const touch = (type: 'touchStart' | 'touchMove' | 'touchEnd', x: number, y: number) =>
      cdp.send('Input.dispatchTouchEvent', { type, touchPoints: type === 'touchEnd' ? [] : [{ x, y, id: 1 }] });
    const dx = start.myX < 800 ? 45 : -45;
    const dy = start.myY < 500 ? 45 : -45;
    await touch('touchStart', 150, 380);
    await touch('touchMove', 150 + dx, 380 + dy);
    expect(await t.locator('.touch-fire').isVisible()).toBe(true);
    await t.waitForTimeout(700);
    await touch('touchEnd', 0, 0);
    // Toward the centre, diagonally (an obstacle may stop one axis, the player slides along it).
    const moved = (await until(
      'T moved',
      () => state(t),
      (s) => playing(s) && Math.hypot(s.myX - start.myX, s.myY - start.myY) > 40,
    )) as DebugState;
    expect((moved.myX - start.myX) * dx + (moved.myY - start.myY) * dy).toBeGreaterThan(0);
    await ctx.close();
    expect(pageErrors).toEqual([]);
  }, 60_000);

  it('reconnects by itself after a 1012 close and resumes the same player (session token)', async () => {
    const before = (await state(a)) as DebugState;
    expect(before.phase).toBe('playing');
    server.host.closeAll(1012, 'server restarting');
    for (const page of [a, b]) {
      const s = (await until('resumed', () => state(page), (s) => playing(s) && s.resumed && s.phases.includes('reconnecting'))) as DebugState;
      expect(s.phases.slice(-2)).toEqual(['reconnecting', 'playing']);
    }
    const after = (await state(a)) as DebugState;
    expect(after.playerId).toBe(before.playerId);
    expect(after.roomId).toBe(before.roomId);
    expect(pageErrors).toEqual([]);
  }, 60_000);

  it('shows a reconnecting overlay while the server is gone, and says so in the lobby', async () => {
    await server.stop();
    for (const page of [a, b]) {
      await until('overlay', () => page.locator('.overlay').textContent(), (t) => /reconnecting/i.test(t ?? ''));
      expect(await page.locator('.overlay').isVisible()).toBe(true);
    }
    await d.click('#quick-play');
    await until('unreachable message', () => d.locator('#lobby-message').textContent(), (t) => /unreachable/i.test(t ?? ''), 40_000);
    expect(pageErrors).toEqual([]);
  }, 60_000);
});
