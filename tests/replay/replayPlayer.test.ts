/**
 * The browser plays recorded matches: real players play arena and cells over
 * real WebSockets and leave; the lobby's "Recent matches" lists both; a click
 * opens /replay?id=…, which re-simulates the match with the game's shared
 * simulation (every keyframe hash checked in the page) and draws it with the
 * game's own renderer: play, pause, 4×, seek to a keyframe, follow another
 * player. Screenshots in test-artifacts/.
 */
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { CHROMIUM, launchChromium, until as pollUntil } from '../../client/e2e/browser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildClient } from '../../client/build';
import type { ReplayDebugState } from '../../client/src/replay/replayMain';
import { Opcode } from '../../shared/protocol/constants';
import { createLogger } from '../../server/logger';
import type { ReplaySummary } from '../../server/replay/replaySummary';
import { startServer, type ServerHandle } from '../../server/startServer';
import { TestClient } from '../support/testClient';

const artifacts = resolve('test-artifacts');
const dir = mkdtempSync(join(tmpdir(), 'tickwire-replay-ui-'));

/** The replay page builds, loads and re-simulates: its waits get 30 s. */
const until = <T>(what: string, probe: () => Promise<T>, ok: (v: T) => boolean): Promise<T> => pollUntil(what, probe, ok, 30_000);

/** Two players of `game` play for `ms` with changing controls, then leave. */
async function playMatch(url: string, game: string, ms: number): Promise<void> {
  const players = await Promise.all(['ann', 'ben'].map(async (name) => {
    const c = await TestClient.connect(url, { query: `quick=${game}` });
    await c.join(name);
    return c;
  }));
  const until = Date.now() + ms;
  for (let t = 0; Date.now() < until; t++) {
    for (const [i, c] of players.entries()) c.sendInput(game === 'arena' ? [(t >> 4) % 16 | (t % 30 === 0 ? 16 : 0), (t * 13 + i * 300) % 1024] : [((t * 7) % 600) - 300, ((t * 11) % 600) - 300, t % 90 === 0 ? 1 : 0]);
    await new Promise((r) => setTimeout(r, 1000 / 60));
  }
  for (const c of players) c.send({ op: Opcode.Leave, body: {} });
}

describe.skipIf(!existsSync(CHROMIUM))('replay player in a real browser', () => {
  let server: ServerHandle;
  let browser: Browser;
  let page: Page;
  const pageErrors: string[] = [];
  const state = () =>
    page.evaluate(() => window.__tickwireReplay?.state() ?? { loaded: false, error: '', tick: 0, endTick: 0, playing: false, speed: 1, follow: 0, verified: 0, mismatches: [], keyframes: [] }) as Promise<ReplayDebugState>;

  beforeAll(async () => {
    let clientDir = resolve('client/dist');
    if (!existsSync(join(clientDir, 'replay.html'))) clientDir = (await buildClient(mkdtempSync(join(tmpdir(), 'tickwire-replay-build-')))).outDir;
    server = await startServer(
      { port: 0, logLevel: 'silent', replayDir: dir, roomEmptyGraceMs: 0, replayKeyframeSec: 1, clientDir },
      { log: createLogger('silent') },
    );
    await Promise.all([playMatch(server.url, 'arena', 4000), playMatch(server.url, 'cells', 4000)]);
    await until('two replays', async () => ((await (await fetch(`${server.url}/api/replays`)).json()) as { replays: ReplaySummary[] }).replays.length, (n) => n === 2);
    browser = await launchChromium();
    page = await (await browser.newContext({ viewport: { width: 1024, height: 700 } })).newPage();
    page.on('pageerror', (err) => pageErrors.push(err.message));
    mkdirSync(artifacts, { recursive: true });
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  for (const game of ['arena', 'cells']) {
    it(`${game}: from the lobby's recent matches, plays, pauses, speeds up, seeks by keyframe and follows a player`, async () => {
      await page.goto(server.url);
      const link = page.locator(`#recent-matches li:has(.game-tag:text-is("${game}")) a`);
      await until('recent match listed', () => link.count(), (n) => n === 1);
      await link.click();
      await page.waitForURL(/\/replay\?id=/);
      await until('loaded', state, (s) => s.loaded || s.error !== '');
      expect((await state()).error).toBe('');
      const first = await until('playing', state, (s) => s.tick > 20);
      expect(first.keyframes.length).toBeGreaterThanOrEqual(3);
      await page.screenshot({ path: join(artifacts, `replay-${game}-playing.png`) });

      await page.click('#replay-play'); // pause
      const paused = (await state()).tick;
      await new Promise((r) => setTimeout(r, 500));
      expect((await state()).tick).toBeLessThanOrEqual(paused + 1);
      await page.click('#replay-play'); // play
      await page.selectOption('#replay-speed', '4');

      // Seek: the last keyframe, then back to the first (re-simulated from the start).
      const keyframes = (await state()).keyframes;
      await page.locator('#replay-seek').fill(String(keyframes.length - 1));
      await until('seek forward', state, (s) => s.tick >= Math.min(keyframes[keyframes.length - 1], s.endTick) - 1);
      await page.click('#replay-play'); // pause: at 4× the playhead would pass the next keyframe between two polls
      await page.locator('#replay-seek').fill('0');
      await until('seek back', state, (s) => s.tick <= keyframes[0] + 1);
      await page.click('#replay-play');

      const follow = page.locator('#replay-follow');
      const options = await follow.locator('option').evaluateAll((os) => os.map((o) => (o as HTMLOptionElement).value));
      expect(options.length).toBe(2);
      await follow.selectOption(options[1]);
      await until('following', state, (s) => s.follow === Number(options[1]));
      const end = await until('verified keyframes', state, (s) => s.verified >= 2);
      expect(end.mismatches).toEqual([]);
      await page.screenshot({ path: join(artifacts, `replay-${game}-seek-follow.png`) });
      expect(pageErrors).toEqual([]);
    }, 90_000);
  }
});
