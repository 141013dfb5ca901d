/**
 * Real Chromium for every browser test and the screenshot script: the
 * launch flags (software WebGL through SwiftShader,
 * ~20 fps here), the debug hook, and a polling helper.
 */
import { chromium, type Browser, type Page } from 'playwright-core';
import type { DebugState } from '../src/sdk/screen/debugState';

export const CHROMIUM = '/usr/bin/chromium';

export type State = DebugState | { phase: 'lobby' };

export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    args: ['--no-sandbox', '--disable-background-networking', '--disable-component-update', '--no-first-run', '--use-angle=swiftshader', '--enable-unsafe-swiftshader'],
  });
}

export const state = (page: Page) => page.evaluate(() => window.__tickwire!.state()) as Promise<State>;
export const playing = (s: State): s is DebugState => s.phase === 'playing';

export async function until<T>(what: string, probe: () => Promise<T>, ok: (v: T) => boolean, timeoutMs = 15_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: T = await probe();
  while (!ok(last)) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}; last value: ${JSON.stringify(last)}`);
    await new Promise((r) => setTimeout(r, 100));
    last = await probe();
  }
  return last;
}

/** A phone: 390 × 844 CSS px, touch only (coarse pointer, no hover). */
export const PHONE = { viewport: { width: 390, height: 844 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true } as const;
export const DESKTOP = { viewport: { width: 1280, height: 800 } } as const;
