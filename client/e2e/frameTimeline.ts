/**
 * What a page drew, and when its main thread stalled, recorded in the page
 * for the netcode test (installed after the game started, read back at the end):
 *
 *   requestAnimationFrame (after the game's own callback) ─▶ frames: time, probe.views, probe.ownJumpsOver24Px,
 *                                                           corrections so far (window.__tickwire.state())
 *   setInterval 8 ms (the game's input timer period)     ─▶ stalls: [start, end) of every gap > HITCH_MS
 *
 * A main-thread stall holds the page's Input frames back (they leave on an
 * 8 ms timer, gameScreen.ts): the server repeats the last input meanwhile
 * and the page's prediction is corrected about a round trip later. Times are
 * epoch ms (performance.timeOrigin + performance.now()), comparable with the
 * test process's own (loopStalls.ts).
 */
import type { Page } from 'playwright-core';
import { HITCH_MS } from '../../load-tests/netcode/feelRecorder';
import type { ArenaProbe } from '../src/games/arena/arenaProbe';

/** One frame the arena drew. */
export interface FrameSample {
  /** Epoch ms, just after the game drew it. */
  atMs: number;
  /** probe.views after the frame. */
  views: number;
  /** probe.ownJumpsOver24Px after the frame. */
  jumps: number;
  /** Prediction corrections (smoothed + snapped) so far. */
  corrections: number;
}

/** [start, end) epoch ms. */
export type Stall = readonly [number, number];

export interface PageTimeline {
  frames: FrameSample[];
  stalls: Stall[];
}

/** Most frames and stalls kept (a page at 60 fps fills this in ~80 s; the netcode test plays ~6 s). */
const MAX_SAMPLES = 5000;
/** Period of the stall watch: the game's input timer's (gameScreen.ts), ms. */
const WATCH_PERIOD_MS = 8;

declare global {
  interface Window {
    __tickwireArena?: ArenaProbe;
    /** Recorded since recordTimeline() (frameTimeline.ts). */
    __tickwireTimeline?: PageTimeline;
  }
}

/** Start recording the page's frames and main-thread stalls (once per page). */
export async function recordTimeline(page: Page): Promise<void> {
  await page.evaluate(
    ({ max, periodMs, hitchMs }) => {
      const log: PageTimeline = { frames: [], stalls: [] };
      window.__tickwireTimeline = log;
      const epochMs = () => performance.timeOrigin + performance.now();
      let lastWatchMs = epochMs();
      setInterval(() => {
        const t = epochMs();
        if (t - lastWatchMs > hitchMs && log.stalls.length < max) log.stalls.push([lastWatchMs, t]);
        lastWatchMs = t;
      }, periodMs);
      const frame = () => {
        requestAnimationFrame(frame);
        const p = window.__tickwireArena;
        if (!p || log.frames.length >= max) return;
        // A turn in which the game drew nothing (not playing) is no frame of the game.
        if (log.frames.length > 0 && log.frames[log.frames.length - 1].views === p.views) return;
        const s = window.__tickwire?.state();
        const corrections = s && 'correctionsTotal' in s ? s.correctionsTotal : 0;
        log.frames.push({ atMs: epochMs(), views: p.views, jumps: p.ownJumpsOver24Px, corrections });
      };
      requestAnimationFrame(frame);
    },
    { max: MAX_SAMPLES, periodMs: WATCH_PERIOD_MS, hitchMs: HITCH_MS },
  );
}

/** The timeline recorded so far. */
export async function readTimeline(page: Page): Promise<PageTimeline> {
  return page.evaluate(() => {
    const t = window.__tickwireTimeline;
    return t ? { frames: [...t.frames], stalls: [...t.stalls] } : { frames: [], stalls: [] };
  });
}
