/**
 * The arena's feel on a desktop, in real Chromium (1280 × 800, the real
 * server, a headless bot): the crosshair follows the mouse, our shots on the
 * bot show a hit marker, the bot's shots on us flash the screen's edges, the
 * kill reads as a sentence in the feed ("Kai eliminated Ada"), and the victim
 * sees the killer's name with a respawn countdown that runs down, then plays
 * on. No page errors.
 */
import { existsSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WORLD_HEIGHT, WORLD_WIDTH } from '../../shared/game/arena';
import { clampAxis, EDGE_MARGIN_CSS_PX, zoomFor } from '../src/games/arena/camera';
import type { DebugState } from '../src/sdk/screen/debugState';
import { ArenaBot } from './arenaBot';
import { CHROMIUM, DESKTOP, launchChromium, state, until } from './browser';
import { createRoom, joinFromLobby, startLooksServer, type LooksServer } from './looksSupport';

const W = DESKTOP.viewport.width;
const H = DESKTOP.viewport.height;

/** Where a world point is on screen: the camera's rule (camera.ts) around our drawn position. */
function toScreen(s: DebugState, x: number, y: number): { x: number; y: number } {
  const zoom = zoomFor(W, H);
  return { x: W / 2 + (x - clampAxis(s.myX, WORLD_WIDTH, W / zoom, EDGE_MARGIN_CSS_PX / zoom)) * zoom, y: H / 2 + (y - clampAxis(s.myY, WORLD_HEIGHT, H / zoom, EDGE_MARGIN_CSS_PX / zoom)) * zoom };
}

/** Records, in the page, whether an element ever matched `selector` (effects last a few frames: polling would miss them). */
async function watchFor(page: Page, key: string, selector: string): Promise<void> {
  await page.evaluate(
    ({ key, selector }) => {
      const w = window as unknown as Record<string, boolean>;
      w[key] = false;
      new MutationObserver(() => {
        if (document.querySelector(selector)) w[key] = true;
      }).observe(document.body, { subtree: true, attributes: true, attributeFilter: ['class', 'hidden'] });
    },
    { key, selector },
  );
}
const seen = (page: Page, key: string) => page.evaluate((k) => (window as unknown as Record<string, boolean>)[k], key);

describe.skipIf(!existsSync(CHROMIUM))('arena feel on a desktop (real Chromium, 1280×800)', () => {
  let looks: LooksServer;
  let browser: Browser;
  let bot: ArenaBot;
  let page: Page;
  let me: DebugState;
  const errors: string[] = [];

  beforeAll(async () => {
    looks = await startLooksServer();
    const url = looks.server.url;
    const roomId = await createRoom(url, 'desktop room');
    browser = await launchChromium();
    ({ page, me } = await joinFromLobby(browser, DESKTOP, url, roomId, 'Ada', errors));
    bot = new ArenaBot({ baseUrl: url, name: 'Kai', target: { kind: 'room', id: roomId }, preyId: me.playerId, fire: false });
    await watchFor(page, '__hitMarker', '.crosshair.hit');
    await watchFor(page, '__damageFlash', '.damage-flash:not([hidden])');
  }, 90_000);

  afterAll(async () => {
    bot?.stop();
    await browser?.close();
    await looks?.dispose();
  });

  it('joins a private room by a code typed in lower case with a dash', async () => {
    const res = await fetch(`${looks.server.url}/api/rooms`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ name: 'code room', game: 'arena', private: true }),
    });
    const room = (await res.json()) as { id: string; code: string };
    const p = await (await browser.newContext(DESKTOP)).newPage();
    p.on('pageerror', (err) => errors.push(`code: ${err.message}`));
    await p.goto(looks.server.url);
    await p.fill('#player-name', 'typist');
    await p.locator('#join-code').pressSequentially(`${room.code.slice(0, 5).toLowerCase()} ${room.code.slice(5).toLowerCase()}`);
    // Shown grouped for reading while typing; sent as the 10 symbols.
    expect(await p.locator('#join-code').inputValue()).toBe(`${room.code.slice(0, 5)}-${room.code.slice(5)}`);
    await p.click('#join-code-btn');
    const s = (await until('joined by code', () => state(p), (s) => s.phase === 'playing')) as DebugState;
    expect(s.roomId).toBe(room.id);
    await p.context().close();
  }, 30_000);

  it('says how to win on joining', async () => {
    expect(await page.locator('[data-testid="how-to-win"]').textContent()).toMatch(/Eliminate players to score.*mouse aims/);
  });

  it('draws a crosshair at the mouse pointer', async () => {
    for (const [x, y] of [[700, 300], [300, 560]]) {
      await page.mouse.move(x, y);
      const b = await until('crosshair there', () => page.locator('[data-testid="crosshair"]').boundingBox(), (b) => !!b && Math.abs(b.x + b.width / 2 - x) < 2 && Math.abs(b.y + b.height / 2 - y) < 2);
      expect(b!.width).toBeGreaterThan(10);
    }
  });

  it('shows a hit marker when our shots hit the bot', async () => {
    await until('bot in range', () => state(page), (s) => {
      const o = (s as DebugState).others?.find((p) => p.id === bot.session.playerId);
      return !!o && Math.hypot(o.x - (s as DebugState).myX, o.y - (s as DebugState).myY) < 320;
    }, 40_000);
    const deadline = Date.now() + 20_000;
    while (!(await seen(page, '__hitMarker')) && Date.now() < deadline) {
      const s = (await state(page)) as DebugState;
      const o = s.others.find((p) => p.id === bot.session.playerId);
      if (o) {
        const at = toScreen(s, o.x, o.y);
        await page.mouse.move(at.x, at.y);
        await page.mouse.down();
      }
      await page.waitForTimeout(120);
    }
    await page.mouse.up();
    expect(await seen(page, '__hitMarker')).toBe(true);
  }, 60_000);

  it('names the killer in the feed and to the victim, with a respawn countdown, then plays on', async () => {
    // Every text the banner shows, recorded in the page (a slow frame rate must not hide the countdown from a poll).
    await page.evaluate(() => {
      const texts: string[] = [];
      (window as unknown as { __banner: string[] }).__banner = texts;
      const el = document.querySelector('[data-testid="death-banner"]')!;
      new MutationObserver(() => texts.push(el.textContent ?? '')).observe(el, { childList: true, characterData: true, subtree: true });
    });
    bot.fire = true;
    const banner = page.locator('[data-testid="death-banner"]');
    const first = await until('death banner', () => banner.textContent(), (t) => /respawn/.test(t ?? ''), 40_000);
    bot.fire = false;
    expect(first).toMatch(/^Eliminated by Kai · respawn/);
    await until('respawned', () => banner.isHidden(), (h) => h, 10_000);
    const texts = await page.evaluate(() => (window as unknown as { __banner: string[] }).__banner);
    const secs = texts.map((t) => /^Eliminated by Kai · respawn in (\d\.\d) s$/.exec(t)?.[1]).filter((v) => v !== undefined).map(Number);
    process.stdout.write(`respawn countdown shown: ${secs.join(', ')} s\n`);
    expect(secs.length).toBeGreaterThanOrEqual(2);
    for (let i = 1; i < secs.length; i++) expect(secs[i]).toBeLessThan(secs[i - 1]);
    expect(await page.locator('.room-feed').textContent()).toContain('Kai eliminated Ada');
    expect(await seen(page, '__damageFlash')).toBe(true);
    expect(await page.locator('[data-testid="crosshair"]').isVisible()).toBe(true);
    expect(errors).toEqual([]);
  }, 60_000);
});
