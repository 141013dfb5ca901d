/**
 * The arena on a phone, in real Chromium (390 × 844 CSS px, touch only, the
 * real server, a headless bot in the room): players are drawn at least 20 px
 * tall (measured on a screenshot, by colour), the stick and fire button are on
 * screen before any touch, the network HUD and the scoreboard open and close
 * by tap, the HUD stays out of the middle of the screen where the camera keeps
 * our player, the how-to-win line shows on joining and goes away by itself,
 * and the page reports no errors.
 */
import { existsSync } from 'node:fs';
import type { Browser, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TIP_MS } from '../src/games/arena/howToWin';
import { playerColor } from '../src/games/arena/playerColor';
import type { DebugState } from '../src/sdk/screen/debugState';
import { ArenaBot } from './arenaBot';
import { CHROMIUM, launchChromium, PHONE, state, until } from './browser';
import { createRoom, joinFromLobby, startLooksServer, type LooksServer } from './looksSupport';
import { colourBlobs } from './pixels';

/** Rendering at 1 device px per CSS px keeps software WebGL fast enough; layout is the same. */
const DEVICE = { ...PHONE, deviceScaleFactor: 1 };
const MIN_PLAYER_PX = 20;

const box = async (l: Locator) => (await l.boundingBox())!;

describe.skipIf(!existsSync(CHROMIUM))('arena on a phone (real Chromium, 390×844, touch)', () => {
  let looks: LooksServer;
  let browser: Browser;
  let bot: ArenaBot;
  let page: Page;
  let me: DebugState;
  const errors: string[] = [];

  beforeAll(async () => {
    looks = await startLooksServer();
    const url = looks.server.url;
    const roomId = await createRoom(url, 'phone room');
    browser = await launchChromium();
    ({ page, me } = await joinFromLobby(browser, DEVICE, url, roomId, 'thumbs', errors));
    // Another player walks up to us (never shooting), so there is someone else to measure.
    bot = new ArenaBot({ baseUrl: url, name: 'Kai', target: { kind: 'room', id: roomId }, preyId: me.playerId, fire: false, holdRangePx: 120 });
  }, 90_000);

  afterAll(async () => {
    bot?.stop();
    await browser?.close();
    await looks?.dispose();
  });

  it('shows the stick and the fire button before any touch, in the bottom corners', async () => {
    const stick = page.locator('.touch-stick');
    const fire = page.locator('.touch-fire');
    expect(await stick.isVisible()).toBe(true);
    expect(await fire.isVisible()).toBe(true);
    const s = await box(stick);
    const f = await box(fire);
    expect(s.x).toBeGreaterThanOrEqual(0);
    expect(f.x + f.width).toBeLessThanOrEqual(390);
    expect(s.y + s.height).toBeLessThanOrEqual(844);
    expect(f.y + f.height).toBeLessThanOrEqual(844);
    expect(Math.min(s.y, f.y)).toBeGreaterThan(844 * 0.7);
    expect(s.x + s.width).toBeLessThan(f.x);
  });

  it('says how to win on joining, then gets out of the way', async () => {
    const tip = page.locator('[data-testid="how-to-win"]');
    expect(await tip.textContent()).toMatch(/Eliminate players to score.*thumb/);
    await until('tip gone', () => tip.isHidden(), (hidden) => hidden, TIP_MS + 5000);
  }, 30_000);

  it(`draws players at least ${MIN_PLAYER_PX} px tall`, async () => {
    // Wait for the bot to come into view, then measure both bodies by their colours.
    await until('bot on screen', () => state(page), (s) => {
      const o = (s as DebugState).others?.find((p) => p.id === bot.session.playerId);
      return !!o && Math.abs(o.x - (s as DebugState).myX) < 180 && Math.abs(o.y - (s as DebugState).myY) < 300;
    }, 40_000);
    const png = await page.screenshot({ scale: 'css' });
    const mine = (await colourBlobs(page, png, playerColor(me.playerId)))[0];
    const theirs = (await colourBlobs(page, png, playerColor(bot.session.playerId)))[0];
    process.stdout.write(`phone 390×844: our player ${mine?.height} px tall, the bot ${theirs?.height} px\n`);
    expect(mine.height).toBeGreaterThanOrEqual(MIN_PLAYER_PX);
    expect(theirs.height).toBeGreaterThanOrEqual(MIN_PLAYER_PX);
    // The camera keeps us in the middle band of the screen, clear of the HUD.
    const cy = mine.y + mine.height / 2;
    expect(cy).toBeGreaterThan(150);
    expect(cy).toBeLessThan(844 - 230);
  }, 60_000);

  it('keeps the HUD (toolbar, feed, scoreboard) in the top band and out of the play area', async () => {
    for (const sel of ['.game-toolbar', '[data-testid="scoreboard"]', '.room-feed']) {
      const l = page.locator(sel);
      if (!(await l.isVisible())) continue;
      const b = await box(l);
      expect(b.y + b.height, sel).toBeLessThan(150);
    }
    // The folded scoreboard is one line, less than half the screen's width.
    const sb = await box(page.locator('[data-testid="scoreboard"]'));
    expect(sb.width).toBeLessThan(195);
    expect(sb.height).toBeLessThan(50);
  });

  it('opens and closes the network HUD and the scoreboard by tap', async () => {
    const hud = page.locator('[data-testid="network-hud"]');
    expect(await hud.isVisible()).toBe(false);
    await page.tap('[data-testid="hud-toggle"]');
    await until('HUD open', () => hud.isVisible(), (v) => v);
    await until('HUD rtt', () => page.locator('.network-hud pre').textContent(), (t) => /rtt\s+\d+ ms/.test(t ?? ''));
    // Its simulator fields take a tap (focus) too.
    await page.tap('[data-sim="lagMs-up"]');
    expect(await page.evaluate(() => (document.activeElement as HTMLElement | null)?.dataset.sim)).toBe('lagMs-up');
    expect(((await state(page)) as DebugState).hudVisible).toBe(true);
    await page.tap('[data-testid="hud-toggle"]');
    await until('HUD closed', () => hud.isVisible(), (v) => !v);

    const table = page.locator('[data-testid="scoreboard"] table');
    expect(await table.isVisible()).toBe(false);
    await page.tap('[data-testid="scoreboard"]');
    await until('scoreboard open', () => table.isVisible(), (v) => v);
    expect(await table.locator('tr.me').textContent()).toContain('thumbs');
    await page.tap('[data-testid="scoreboard"]');
    await until('scoreboard folded', () => table.isVisible(), (v) => !v);
    expect(errors).toEqual([]);
  }, 30_000);
});
