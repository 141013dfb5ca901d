/**
 * The SDK's GameSession playing cells against the real server (hosting the
 * arena and cells side by side), in Node: quick play by game name, the
 * Welcome's descriptor matching the cells module, our cell steering toward
 * the pointer with prediction, and the other player drawing it where it stops.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import WebSocket from 'ws';
import { arena } from '../../../../shared/game/arena';
import { cells } from '../../../../shared/game/cells';
import { startServer, type ServerHandle } from '../../../../server/startServer';
import { PERFECT_LINK } from '../../sdk/net/networkSimulator';
import { GameCatalog } from '../../sdk/session/gameCatalog';
import { GameSession } from '../../sdk/session/gameSession';
import { arenaClient } from '../arena';
import type { CellsControls } from './cellsInput';
import type { CellsView } from './cellsView';
import { cellsClient } from './index';

async function until(what: string, ok: () => boolean, timeoutMs = 15_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!ok()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

describe('GameSession playing cells (Node, real server)', () => {
  let server: ServerHandle;
  const timers: ReturnType<typeof setInterval>[] = [];
  const sessions: GameSession[] = [];
  const games = new GameCatalog([arenaClient, cellsClient]);

  beforeAll(async () => {
    vi.stubGlobal('WebSocket', WebSocket);
    server = await startServer({ port: 0, host: '127.0.0.1', logLevel: 'silent' }, { games: [arena, cells] });
  });

  afterEach(() => {
    for (const t of timers) clearInterval(t);
    for (const s of sessions) s.leave();
    sessions.length = 0;
  });

  afterAll(async () => {
    await server.stop();
    vi.unstubAllGlobals();
  });

  function player(name: string, controls: CellsControls) {
    const s = new GameSession({
      baseUrl: server.url,
      name,
      target: { kind: 'quick', game: 'cells' },
      conditions: { up: PERFECT_LINK, down: PERFECT_LINK },
      games,
      controls: () => controls,
      onPhase: () => undefined,
    });
    const frame = { view: null as CellsView | null };
    timers.push(
      setInterval(() => {
        const now = performance.now();
        s.advance(now);
        frame.view = s.view(now) as CellsView | null;
      }, 8),
    );
    sessions.push(s);
    s.start();
    return { s, frame, controls };
  }

  it('steers toward the pointer, and the other player sees the cell where it stops', async () => {
    const a = player('amoeba', { pointer: null, stick: null, boost: false });
    const b = player('blob', { pointer: null, stick: null, boost: false });
    await until('both see themselves', () => !!a.frame.view?.me && !!b.frame.view?.me);
    expect(a.s.module?.definition.name).toBe('cells');
    expect(a.s.welcome!.roomId).toBe(b.s.welcome!.roomId);
    expect(a.s.welcome!.roomName).toMatch(/^Petri Dish/);
    const start = a.frame.view!.me!;
    // Point 300 u toward the world's centre, steer for 0.5 s, then point at ourselves (stop).
    const dir = { x: Math.sign(2560 - start.x) || 1, y: Math.sign(2560 - start.y) || 1 };
    a.controls.pointer = { x: start.x + 300 * dir.x, y: start.y + 300 * dir.y };
    await new Promise((r) => setTimeout(r, 500));
    a.controls.pointer = null;
    await until('A at rest where B draws it', () => {
      const mine = a.frame.view?.me;
      const seen = b.frame.view?.cells.find((c) => c.id === a.s.playerId);
      return !!mine && !!seen && Math.hypot(mine.x - seen.x, mine.y - seen.y) < 0.5;
    });
    const end = a.frame.view!.me!;
    expect((end.x - start.x) * dir.x).toBeGreaterThan(40);
    expect((end.y - start.y) * dir.y).toBeGreaterThan(40);
    expect(b.frame.view!.cells.find((c) => c.id === a.s.playerId)!.name).toBe('amoeba');
    // Both appear on each other's leaderboard.
    expect(b.frame.view!.leaderboard.map((r) => r.name).sort()).toEqual(['amoeba', 'blob']);
  });
});
