/**
 * Issue 13 item 7, end to end: a server restart (drain with 1012, the
 * successor behind the same address adopting the handed-off sessions) and the real
 * client SDK (GameSession under Node's `ws`) reconnecting. What is measured is
 * the needless wait: from the moment the successor listens to the client's
 * next connection attempt (its retry schedule, reported through its phases).
 * The old doubling backoff waited 1–2 s here; the fast window keeps it under
 * one fast interval (ReconnectPolicy). The bound is loose (timers run late on
 * a loaded machine) and the figure is printed.
 *
 *   server A ── stop(): 1012 ──╳ ······ down DOWN_MS ······ server B listens ── attempt ── Welcome (resumed)
 *                                                             │◀─── wait ───▶│
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { connect, createServer, type AddressInfo, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it, vi } from 'vitest';
import WebSocket from 'ws';
import { arenaClient } from '../../client/src/games/arena/index';
import { PERFECT_LINK } from '../../client/src/sdk/net/networkSimulator';
import { DEFAULT_RECONNECT } from '../../client/src/sdk/net/reconnectPolicy';
import { GameCatalog } from '../../client/src/sdk/session/gameCatalog';
import { GameSession } from '../../client/src/sdk/session/gameSession';
import type { ClientPhase } from '../../client/src/sdk/session/sessionTypes';
import { startServer, type ServerHandle } from '../../server/startServer';
import { arena } from '../../shared/game/arena';

/** How long no server listens (a process restart), ms. */
const DOWN_MS = 1800;
/** Slack on top of one fast interval for the attempt's own timers on a busy machine, ms. */
const SLACK_MS = 500;

const dir = mkdtempSync(join(tmpdir(), 'tickwire-restart-reconnect-'));
const servers: ServerHandle[] = [];
afterAll(async () => {
  for (const s of servers) await s.stop();
  rmSync(dir, { recursive: true, force: true });
  vi.unstubAllGlobals();
});

async function until(what: string, ok: () => boolean, timeoutMs = 15_000): Promise<void> {
  const deadline = performance.now() + timeoutMs;
  while (!ok()) {
    if (performance.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

/**
 * The address the client knows, in front of whichever server is up: while
 * none is, connections are reset at once (what a client sees of a port nobody
 * listens on). A proxy rather than the same port twice: in one process uWS
 * binds exclusively and the old port stays taken by its closed connections.
 */
async function frontDoor(): Promise<{ url: string; route(port: number | null): void; close(): Promise<void> }> {
  let backend: number | null = null;
  const sockets = new Set<Socket>();
  const server = createServer((down) => {
    if (backend === null) return void down.destroy();
    const up = connect(backend, '127.0.0.1');
    for (const s of [down, up]) {
      sockets.add(s);
      s.on('close', () => sockets.delete(s));
      s.on('error', () => {
        down.destroy();
        up.destroy();
      });
    }
    down.pipe(up).pipe(down);
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  const port = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${port}`,
    route: (p) => {
      backend = p;
    },
    close: () =>
      new Promise<void>((r) => {
        for (const s of sockets) s.destroy();
        server.close(() => r());
      }),
  };
}

describe('reconnect after a server restart (issue 13 item 7)', () => {
  it('the client attempts within one fast interval of the successor listening, and resumes', async () => {
    vi.stubGlobal('WebSocket', WebSocket);
    const handoff = join(dir, 'handoff.json');
    const config = { port: 0, host: '127.0.0.1', logLevel: 'silent', sessionHandoffFile: handoff, drainGraceMs: 0 } as const;
    const door = await frontDoor();
    const a = await startServer(config, { games: [arena] });
    servers.push(a);
    door.route(a.port);
    const res = await fetch(`${door.url}/api/rooms`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ name: 'restart', game: 'arena' }) });
    const roomId = ((await res.json()) as { id: string }).id;

    const phases: { phase: ClientPhase; atMs: number }[] = [];
    const session = new GameSession({
      baseUrl: door.url,
      name: 'rider',
      target: { kind: 'room', id: roomId },
      games: new GameCatalog([arenaClient]),
      conditions: { up: PERFECT_LINK, down: PERFECT_LINK },
      controls: () => null,
      onPhase: (phase) => phases.push({ phase, atMs: performance.now() }),
    });
    session.start();
    const frames = setInterval(() => session.advance(performance.now()), 33);
    try {
      await until('playing on A', () => session.phase.kind === 'playing');
      await a.stop();
      door.route(null);
      await new Promise((r) => setTimeout(r, DOWN_MS));
      const b = await startServer(config, { games: [arena] });
      servers.push(b);
      door.route(b.port);
      const backAtMs = performance.now();
      await until('playing on B', () => session.phase.kind === 'playing' && phases.some((p) => p.atMs > backAtMs && p.phase.kind === 'playing'));

      // The first attempt scheduled for after B listened: when it was due.
      const retries = phases.filter((p) => p.phase.kind === 'reconnecting').map((p) => (p.phase as { retryAtMs: number }).retryAtMs);
      const firstAfterBack = retries.find((t) => t >= backAtMs) ?? backAtMs;
      const waitMs = firstAfterBack - backAtMs;
      const resumedAtMs = phases.find((p) => p.atMs > backAtMs && p.phase.kind === 'playing')!.atMs;
      process.stdout.write(
        `restart reconnect: down ${DOWN_MS} ms, ${retries.length} attempts scheduled; next attempt ${waitMs.toFixed(0)} ms after the successor listened, ` +
          `playing again ${(resumedAtMs - backAtMs).toFixed(0)} ms after\n`,
      );
      expect(retries.length).toBeGreaterThan(1);
      expect(waitMs).toBeLessThan(DEFAULT_RECONNECT.fastDelayMs + SLACK_MS);
      expect(resumedAtMs - backAtMs).toBeLessThan(DEFAULT_RECONNECT.fastDelayMs + 2 * SLACK_MS);
    } finally {
      clearInterval(frames);
      session.leave();
      await door.close();
    }
  }, 60_000);
});
