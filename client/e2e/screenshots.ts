/**
 * Regenerates the README's screenshots (docs/screenshots/*.png) with real
 * Chromium against a real server: `npm run screenshots`.
 *
 * The server (in-process, port 0) hosts one public arena room; three headless
 * bots (the real client SDK under Node, arenaBot.ts) play in it, two of them
 * hunting the browser players with a shaky aim, one hunting one of those two
 * bots, so the kill feed fills. A desktop page (1280 × 800, "Ada") aims its mouse at
 * the nearest bot and fires; a phone page (390 × 844, touch, "Bob") holds the
 * fire button dragged toward the nearest bot. Each page is captured once it
 * is alive with at least two other players on screen and a kill in the feed
 * (or after a deadline). Then a third desktop page spectates the same room
 * (issue 15: the ?watch link, following a player) for spectator.png. PNGs over MAX_BYTES are re-encoded with 128 colours
 * (ImageMagick's `convert`, when installed).
 */
import { execFileSync } from 'node:child_process';
import { existsSync, statSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Browser, CDPSession, Page } from 'playwright-core';
import { startServer } from '../../server/startServer';
import { arena, WORLD_HEIGHT, WORLD_WIDTH } from '../../shared/game/arena';
import { buildClient } from '../build';
import { clampAxis, EDGE_MARGIN_CSS_PX, zoomFor } from '../src/games/arena/camera';
import type { DebugState } from '../src/sdk/screen/debugState';
import { ArenaBot } from './arenaBot';
import { DESKTOP, launchChromium, PHONE, playing, state, until } from './browser';

const here = dirname(fileURLToPath(import.meta.url));
const outDir = resolve(here, '..', '..', 'docs', 'screenshots');
const MAX_BYTES = 300 * 1024;
const SCENE_TIMEOUT_MS = 40_000;

async function main(): Promise<void> {
  const dist = join(here, '..', 'dist');
  await buildClient(dist);
  const server = await startServer({ port: 0, host: '127.0.0.1', logLevel: 'silent', clientDir: dist }, { games: [arena] });
  const bots: ArenaBot[] = [];
  let browser: Browser | null = null;
  try {
    const res = await fetch(`${server.url}/api/rooms`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ name: 'Screenshot arena', game: 'arena', maxPlayers: 8 }),
    });
    const room = (await res.json()) as { id: string };
    const target = { kind: 'room', id: room.id } as const;
    browser = await launchChromium();
    const desktop = await joinRoom(browser, server.url, room.id, 'Ada', DESKTOP);
    const phone = await joinRoom(browser, server.url, room.id, 'Bob', PHONE);
    const ada = (await state(desktop)) as DebugState;
    const bob = (await state(phone)) as DebugState;
    const kai = new ArenaBot({ baseUrl: server.url, name: 'Kai', target, preyId: ada.playerId, aimJitterRad: 0.6, seed: 1 });
    const mia = new ArenaBot({ baseUrl: server.url, name: 'Mia', target, preyId: bob.playerId, aimJitterRad: 0.6, seed: 2 });
    bots.push(kai, mia);
    await until('bots in', async () => kai.session.playerId, (id) => id > 0);
    // Zed hunts Kai only, steadily: the kill feed fills without the browser players dying every few seconds.
    bots.push(new ArenaBot({ baseUrl: server.url, name: 'Zed', target, preyId: kai.session.playerId, aimJitterRad: 0.12, seed: 3 }));
    await mkdir(outDir, { recursive: true });
    await capture(desktop, join(outDir, 'desktop.png'), (s) => aimMouseAtNearest(desktop, s));
    await capture(phone, join(outDir, 'phone.png'), (s) => holdFireTowardNearest(phone, s));
    await captureSpectator(browser, server.url, room.id, join(outDir, 'spectator.png'));
  } finally {
    for (const b of bots) b.stop();
    await browser?.close();
    await server.stop();
  }
}

async function joinRoom(browser: Browser, url: string, roomId: string, name: string, device: typeof DESKTOP | typeof PHONE): Promise<Page> {
  const page = await (await browser.newContext(device)).newPage();
  page.on('pageerror', (err) => console.error(`${name}: page error: ${err.message}`));
  await page.goto(url);
  await page.fill('#player-name', name);
  await page.locator(`#room-list li[data-room-id="${roomId}"] button`).click({ timeout: 15_000 });
  await until(`${name} playing`, () => state(page), (s) => playing(s) && Number.isFinite(s.myX));
  return page;
}

/** Spectators (issue 15): a desktop page on the room's watch link, once it follows a player with two others drawn. */
async function captureSpectator(browser: Browser, url: string, roomId: string, path: string): Promise<void> {
  const page = await (await browser.newContext(DESKTOP)).newPage();
  page.on('pageerror', (err) => console.error(`spectator: page error: ${err.message}`));
  await page.goto(`${url}/?watch=${roomId}`);
  await until('spectator following', () => state(page), (s) => playing(s) && s.spectating && s.followId > 0 && s.others.length >= 3, SCENE_TIMEOUT_MS);
  await page.waitForTimeout(1500);
  await page.screenshot({ path });
  shrink(path);
  console.log(`${path}: ${(statSync(path).size / 1024).toFixed(0)} KiB`);
}

/** Wait for a lively frame (alive, two others on screen, a kill in the feed), acting each poll; then save it. */
async function capture(page: Page, path: string, act: (s: DebugState) => Promise<void>): Promise<void> {
  const started = Date.now();
  const deadline = started + SCENE_TIMEOUT_MS;
  for (;;) {
    const s = (await state(page)) as DebugState;
    await act(s);
    const size = page.viewportSize()!;
    const zoom = zoomFor(size.width, size.height);
    const onScreen = s.others.filter((o) => Math.abs(o.x - s.myX) * zoom < size.width / 2 - 20 && Math.abs(o.y - s.myY) * zoom < size.height / 2 - 60).length;
    const alive = await page.locator('[data-testid="death-banner"]').isHidden();
    const feed = await page.locator('.room-feed div', { hasText: 'eliminated' }).count();
    const lively = alive && onScreen >= 2 && (feed > 0 || Date.now() - started > SCENE_TIMEOUT_MS / 2);
    if (lively || Date.now() > deadline) break;
    await page.waitForTimeout(150);
  }
  await page.screenshot({ path });
  shrink(path);
  console.log(`${path}: ${(statSync(path).size / 1024).toFixed(0)} KiB`);
}

function shrink(path: string): void {
  if (statSync(path).size <= MAX_BYTES || !existsSync('/usr/local/bin/convert')) return;
  execFileSync('/usr/local/bin/convert', [path, '-colors', '128', path]);
}

function nearest(s: DebugState): { x: number; y: number } | null {
  let best: { x: number; y: number } | null = null;
  for (const o of s.others) if (!best || Math.hypot(o.x - s.myX, o.y - s.myY) < Math.hypot(best.x - s.myX, best.y - s.myY)) best = o;
  return best;
}

/** Desktop: the pointer on the nearest player (through the camera's rule: ×1 here, stopped at the walls), left button held. */
async function aimMouseAtNearest(page: Page, s: DebugState): Promise<void> {
  const o = nearest(s) ?? { x: s.myX + 200, y: s.myY };
  const size = page.viewportSize()!;
  const zoom = zoomFor(size.width, size.height);
  const cx = clampAxis(s.myX, WORLD_WIDTH, size.width / zoom, EDGE_MARGIN_CSS_PX / zoom);
  const cy = clampAxis(s.myY, WORLD_HEIGHT, size.height / zoom, EDGE_MARGIN_CSS_PX / zoom);
  await page.mouse.move(size.width / 2 + (o.x - cx) * zoom, size.height / 2 + (o.y - cy) * zoom);
  await page.mouse.down();
}

let cdp: CDPSession | null = null;
/** Phone: the fire button (right half) held and dragged toward the nearest player. */
async function holdFireTowardNearest(page: Page, s: DebugState): Promise<void> {
  const o = nearest(s);
  const touching = cdp !== null;
  cdp ??= await page.context().newCDPSession(page);
  const dx = o ? o.x - s.myX : 1;
  const dy = o ? o.y - s.myY : 0;
  const len = Math.hypot(dx, dy) || 1;
  const [x0, y0] = [330, 740];
  if (!touching) await cdp.send('Input.dispatchTouchEvent', { type: 'touchStart', touchPoints: [{ x: x0, y: y0, id: 7 }] });
  await cdp.send('Input.dispatchTouchEvent', { type: 'touchMove', touchPoints: [{ x: x0 + (dx / len) * 40, y: y0 + (dy / len) * 40, id: 7 }] });
}

main().then(
  () => process.exit(0),
  (err: unknown) => {
    console.error(err);
    process.exit(1);
  },
);
