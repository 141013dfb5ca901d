/**
 * Shared by the look-and-feel browser tests: a fresh client build in a
 * temporary folder (so that a concurrent e2e file never serves a half-built
 * client/dist), a server hosting the arena, a public room, and a page joined
 * to it through the lobby's room list.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, BrowserContextOptions, Page } from 'playwright-core';
import { startServer, type ServerHandle } from '../../server/startServer';
import { arena } from '../../shared/game/arena';
import { buildClient } from '../build';
import type { DebugState } from '../src/sdk/screen/debugState';
import { playing, state, until } from './browser';

export interface LooksServer {
  server: ServerHandle;
  dispose(): Promise<void>;
}

export async function startLooksServer(): Promise<LooksServer> {
  const dist = await mkdtemp(join(tmpdir(), 'tickwire-looks-'));
  await buildClient(dist);
  const server = await startServer({ port: 0, host: '127.0.0.1', logLevel: 'silent', clientDir: dist }, { games: [arena] });
  return {
    server,
    async dispose() {
      await server.stop();
      await rm(dist, { recursive: true, force: true });
    },
  };
}

export async function createRoom(url: string, name: string): Promise<string> {
  const res = await fetch(`${url}/api/rooms`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ name, game: 'arena', maxPlayers: 8 }),
  });
  return ((await res.json()) as { id: string }).id;
}

/** A page that joined room `roomId` from the lobby list as `name`; page errors go to `errors`. */
export async function joinFromLobby(browser: Browser, device: BrowserContextOptions, url: string, roomId: string, name: string, errors: string[]): Promise<{ page: Page; me: DebugState }> {
  const page = await (await browser.newContext(device)).newPage();
  page.on('pageerror', (err) => errors.push(`${name}: ${err.message}`));
  await page.goto(url);
  await page.fill('#player-name', name);
  await page.locator(`#room-list li[data-room-id="${roomId}"] button`).click({ timeout: 15_000 });
  const me = (await until(`${name} playing`, () => state(page), (s) => playing(s) && Number.isFinite(s.myX))) as DebugState;
  return { page, me };
}
