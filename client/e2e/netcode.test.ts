/**
 * The arena's netcode in real Chromium (issue 13, Done-when): two pages in one
 * room, each through the SDK's network simulator at 150 ± 20 ms RTT and 2 %
 * loss per direction (`?lag=65&jitter=20&loss=2`), walking and shooting.
 * Loose bounds (software WebGL draws ~20 fps here, slower under load):
 *
 *   - a predicted shot is drawn within 2 frames of the fire key going down
 *     (frames counted by the arena's probe, the key's frame recorded in the page);
 *   - no hard snap of our own player in steady play (no frame moves it 24 px
 *     beyond the fastest it can run in that frame). Frames drawn during a stall
 *     of a page's main thread or of the server (this process's event loop: it
 *     runs the server) or within 1.5 s after it are not judged, as in the
 *     headless harness: a stall costs corrections by design (the server repeats
 *     or skips inputs that did not arrive in time; steadyFrames.ts). They are
 *     counted and printed apart;
 *   - corrections ≤ 2 per second of steady play on each page, same frames (the
 *     harness goal is 0.2; 2 % loss and a page drawing ~10 fps cost some);
 *   - no page errors.
 *
 * The figures against the goals come from the headless harness
 * (`npm run bench -- --parts netcode`); this checks that a browser gets the same
 * behaviour, end to end.
 */
import { existsSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DebugState } from '../src/sdk/screen/debugState';
import { CHROMIUM, DESKTOP, launchChromium, state, until } from './browser';
import { readTimeline, recordTimeline } from './frameTimeline';
import { createRoom, joinFromLobby, startLooksServer, type LooksServer } from './looksSupport';
import { watchLoopStalls } from './loopStalls';
import { judgeOwnSteps } from './steadyFrames';

const LINK = '?lag=65&jitter=20&loss=2';
const SHOTS = 8;

declare global {
  interface Window {
    /** probe.views and probe.shotsFired when Space last went down (set by the listener the test installs). */
    __spaceDown?: { view: number; shots: number };
  }
}

const probe = (page: Page) => page.evaluate(() => ({ ...window.__tickwireArena!, shotsDrawn: [...window.__tickwireArena!.shotsDrawn] }));

/** Record the frame index at which Space goes down, before the game's own key handler sees it. */
async function watchSpace(page: Page): Promise<void> {
  await page.evaluate(() => {
    window.addEventListener(
      'keydown',
      (e) => {
        const p = window.__tickwireArena;
        if (e.code === 'Space' && !e.repeat && p) window.__spaceDown = { view: p.views, shots: p.shotsFired };
      },
      true,
    );
  });
}

/** Walk `page` toward the arena's middle along one axis for `ms`. */
async function walk(page: Page, me: DebugState, ms: number): Promise<void> {
  const key = me.myX < 800 ? 'KeyD' : 'KeyA';
  await page.keyboard.down(key);
  await page.waitForTimeout(ms);
  await page.keyboard.up(key);
}

describe.skipIf(!existsSync(CHROMIUM))('netcode in real Chromium at 150 ± 20 ms RTT, 2 % loss', () => {
  let looks: LooksServer;
  let browser: Browser;
  const pages: Page[] = [];
  const errors: string[] = [];

  beforeAll(async () => {
    looks = await startLooksServer();
    const url = looks.server.url;
    const roomId = await createRoom(url, 'netcode room');
    browser = await launchChromium();
    for (const name of ['Ada', 'Kai']) {
      const { page } = await joinFromLobby(browser, DESKTOP, `${url}/${LINK}`, roomId, name, errors);
      // Focus the canvas without firing (right button).
      await page.locator('canvas').click({ position: { x: 40, y: 400 }, button: 'right' });
      await watchSpace(page);
      pages.push(page);
    }
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await looks?.dispose();
  });

  it('draws a predicted shot within 2 frames of the key, with no hard snap and few corrections, while both walk', async () => {
    const [ada, kai] = pages;
    await Promise.all(pages.map(recordTimeline));
    const serverStalls = watchLoopStalls();
    const t0 = Date.now();
    const before = await Promise.all(pages.map((p) => state(p) as Promise<DebugState>));
    // Kai walks the whole time; Ada walks between her shots.
    const kaiWalk = walk(kai, before[1], SHOTS * 700);
    const framesToDrawn: number[] = [];
    for (let i = 0; i < SHOTS; i++) {
      await ada.keyboard.down('Space');
      await ada.waitForTimeout(60);
      await ada.keyboard.up('Space');
      const press = (await ada.evaluate(() => window.__spaceDown))!;
      // The first shot fired after the key went down, once drawn: frames from the key to it.
      const after = await until(`shot ${i} drawn`, () => probe(ada), (p) => p.shotsDrawn.some(([n]) => n > press.shots));
      const [, drawnView] = after.shotsDrawn.find(([n]) => n > press.shots)!;
      framesToDrawn.push(drawnView - press.view);
      await walk(ada, (await state(ada)) as DebugState, 300);
      await ada.waitForTimeout(250);
    }
    await kaiWalk;
    const seconds = (Date.now() - t0) / 1000;
    const probes = await Promise.all(pages.map(probe));
    const loopStalls = serverStalls.stop();
    const timelines = await Promise.all(pages.map(readTimeline));
    const steps = timelines.map((t) => judgeOwnSteps(t.frames, [...t.stalls, ...loopStalls]));
    const longestMs = (stalls: readonly (readonly [number, number])[]) => Math.round(Math.max(0, ...stalls.map(([a, b]) => b - a)));
    const summary = {
      framesToDrawn,
      seconds: Math.round(seconds),
      frames: steps.map((v) => v.frames),
      steadyFrames: steps.map((v) => v.steadyFrames),
      discountedFrames: steps.map((v) => v.discountedFrames),
      pageStalls: timelines.map((t) => `${t.stalls.length} (longest ${longestMs(t.stalls)} ms)`),
      serverStalls: `${loopStalls.length} (longest ${longestMs(loopStalls)} ms)`,
      jumpsSteady: steps.map((v) => v.jumps),
      jumpsAfterStall: steps.map((v) => v.jumpsDiscounted),
      maxOwnExcessStepPx: probes.map((p) => Number(p.maxOwnExcessStepPx.toFixed(2))),
      steadySeconds: steps.map((v) => Number((v.steadyMs / 1000).toFixed(1))),
      correctionsSteady: steps.map((v) => v.corrections),
      correctionsAfterStall: steps.map((v) => v.correctionsDiscounted),
    };
    process.stdout.write(`netcode e2e: ${JSON.stringify(summary)}\n`);

    for (const f of framesToDrawn) {
      expect(f, JSON.stringify(summary)).toBeGreaterThanOrEqual(1);
      expect(f, JSON.stringify(summary)).toBeLessThanOrEqual(2);
    }
    for (const v of steps) expect(v.jumps, JSON.stringify(summary)).toBe(0);
    // A rate over a short steady span is whole corrections: at most 2 per second, rounded up.
    for (const v of steps) expect(v.corrections, JSON.stringify(summary)).toBeLessThanOrEqual(Math.ceil((2 * v.steadyMs) / 1000));
    expect(errors).toEqual([]);
  }, 120_000);
});
