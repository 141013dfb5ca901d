/**
 * The SDK's GameSession playing the arena against the real server, in Node:
 * the `ws` package stands in for the browser's WebSocket. Checks the data path
 * end to end without a browser: join, prediction that lands exactly where the
 * server puts us, the other player drawn there too, resuming after a 1012
 * close, and the arena's events turned into feed lines and effects.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import WebSocket from 'ws';
import { distanceToRect, type ArenaWorld } from '../../../../shared/game/arena';
import { startServer, type ServerHandle } from '../../../../server/startServer';
import { PERFECT_LINK } from '../../sdk/net/networkSimulator';
import { GameCatalog } from '../../sdk/session/gameCatalog';
import { GameSession } from '../../sdk/session/gameSession';
import type { ClientPhase, JoinTarget } from '../../sdk/session/sessionTypes';
import { ArenaButton as Button } from '../../../../shared/game/arena';
import type { ArenaControls } from './arenaInput';
import { ArenaLogic } from './arenaLogic';
import type { FrameView } from './frameView';
import { arenaClient } from './index';

const games = new GameCatalog([arenaClient]);
const quick: JoinTarget = { kind: 'quick', game: 'arena' };

/** The session's arena logic (world, effects). */
function arenaOf(s: GameSession): ArenaLogic {
  if (!(s.logic instanceof ArenaLogic)) throw new Error('not playing the arena');
  return s.logic;
}

async function until(what: string, ok: () => boolean, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!ok()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

describe('GameSession playing the arena (Node, real server)', () => {
  let server: ServerHandle;
  const timers: ReturnType<typeof setInterval>[] = [];
  const clients: GameSession[] = [];

  beforeEach(async () => {
    vi.stubGlobal('WebSocket', WebSocket);
    server = await startServer({ port: 0, host: '127.0.0.1', logLevel: 'silent' });
  });

  afterEach(async () => {
    for (const t of timers) clearInterval(t);
    for (const c of clients) c.leave();
    clients.length = 0;
    await server.stop();
    vi.unstubAllGlobals();
  });

  /** A client driven like a browser tab: advance + view every ~8 ms. */
  function player(name: string, controls: ArenaControls, target: JoinTarget = quick) {
    const phases: ClientPhase['kind'][] = [];
    let failure = '';
    const c = new GameSession({
      baseUrl: server.url,
      name,
      target,
      conditions: { up: PERFECT_LINK, down: PERFECT_LINK },
      games,
      controls: () => controls,
      onPhase: (p) => {
        phases.push(p.kind);
        if (p.kind === 'failed') failure = p.message;
      },
    });
    const frame = { view: null as FrameView | null };
    timers.push(
      setInterval(() => {
        const now = performance.now();
        c.advance(now);
        frame.view = c.view(now) as FrameView | null;
      }, 8),
    );
    clients.push(c);
    c.start();
    return { c, frame, phases, controls, failure: () => failure };
  }

  const me = (v: FrameView | null) => v?.players.find((p) => p.isMe);

  it('predicts its own movement exactly, and the other client draws it there', async () => {
    const a = player('alice', { buttons: 0, aimAt: null, aimDir: null });
    const b = player('bob', { buttons: 0, aimAt: null, aimDir: null });
    await until('both playing with a view', () => !!me(a.frame.view) && !!me(b.frame.view));
    expect(a.c.welcome!.roomId).toBe(b.c.welcome!.roomId);
    const start = me(a.frame.view)!;
    const toCentre = (start.x < 800 ? Button.Right : Button.Left) | (start.y < 500 ? Button.Down : Button.Up);
    a.controls.buttons = toCentre;
    await new Promise((r) => setTimeout(r, 400));
    a.controls.buttons = 0;

    // Settled: A's prediction, the server's snapshot and B's interpolated view agree.
    await until('A at rest where B draws it', () => {
      const mine = me(a.frame.view);
      const seen = b.frame.view?.players.find((p) => p.id === a.c.playerId);
      return !!mine && !!seen && Math.hypot(mine.x - seen.x, mine.y - seen.y) < 0.01;
    });
    const end = me(a.frame.view)!;
    expect(Math.hypot(end.x - start.x, end.y - start.y)).toBeGreaterThan(40);
    expect(b.frame.view!.players.find((p) => p.id === a.c.playerId)!.name).toBe('alice');
  });

  it('resumes the same player after a 1012 close', async () => {
    const a = player('carol', { buttons: 0, aimAt: null, aimDir: null });
    await until('playing', () => !!me(a.frame.view));
    const before = { id: a.c.playerId, room: a.c.welcome!.roomId };
    server.host.closeAll(1012, 'server restarting');
    await until('resumed', () => a.c.welcome?.resumed === true && a.c.phase.kind === 'playing');
    expect(a.phases).toEqual(['playing', 'reconnecting', 'playing']);
    expect({ id: a.c.playerId, room: a.c.welcome!.roomId }).toEqual(before);
  });

  it('says so when the room is full', async () => {
    const res = await fetch(`${server.url}/api/rooms`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ name: 'duel', maxPlayers: 1 }),
    });
    const room = (await res.json()) as { id: string };
    const idle = { buttons: 0, aimAt: null, aimDir: null };
    const first = player('first', idle, { kind: 'room', id: room.id });
    await until('first playing', () => first.c.phase.kind === 'playing');
    const second = player('second', idle, { kind: 'room', id: room.id });
    await until('second refused', () => second.c.phase.kind === 'failed');
    expect(second.failure()).toBe('The room is full.');
  });

  /** True if a shot from p to q passes no obstacle (sampled every 4 px, with a shot's radius of margin). */
  function clearShot(world: ArenaWorld, p: { x: number; y: number }, q: { x: number; y: number }): boolean {
    const steps = Math.ceil(Math.hypot(q.x - p.x, q.y - p.y) / 4);
    for (let i = 0; i <= steps; i++) {
      const x = p.x + ((q.x - p.x) * i) / steps;
      const y = p.y + ((q.y - p.y) * i) / steps;
      if (world.obstacles.some((o) => distanceToRect(o, x, y) < 8)) return false;
    }
    return true;
  }

  it('fires with lag-compensated aim and turns the kill into a feed line and a death effect', async () => {
    const idle = () => ({ buttons: 0, aimAt: null as { x: number; y: number } | null, aimDir: null });
    // Rooms get random seeds and spawns: try fresh rooms until the two players have a clear shot.
    for (let attempt = 0; attempt < 30; attempt++) {
      const res = await fetch(`${server.url}/api/rooms`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ name: `range ${attempt}`, maxPlayers: 2 }),
      });
      const room = (await res.json()) as { id: string };
      const shooter = player('shooter', idle(), { kind: 'room', id: room.id });
      const target = player('target', idle(), { kind: 'room', id: room.id });
      await until('both drawn', () => !!me(shooter.frame.view) && !!shooter.frame.view?.players.some((p) => !p.isMe));
      const a = me(shooter.frame.view)!;
      const b = shooter.frame.view!.players.find((p) => !p.isMe)!;
      // In range (a shot flies 700 px), not on top of each other (two players can spawn on one point), nothing between.
      const distance = Math.hypot(a.x - b.x, a.y - b.y);
      if (distance < 80 || distance > 600 || !clearShot(arenaOf(shooter.c).world, a, b)) {
        shooter.c.leave();
        target.c.leave();
        continue;
      }
      shooter.controls.aimAt = { x: b.x, y: b.y };
      shooter.controls.buttons = Button.Fire;
      await until('a kill in the feed', () => shooter.c.feed.some((f) => f.text === 'shooter eliminated target'), 15_000);
      expect(arenaOf(shooter.c).fx.effects.some((e) => e.kind === 'death' && e.id === target.c.playerId)).toBe(true);
      expect(arenaOf(shooter.c).fx.effects.some((e) => e.kind === 'hit' && e.id === target.c.playerId)).toBe(true);
      await until('the target sees itself dead', () => me(target.frame.view)?.alive === false);
      const board = shooter.frame.view!.players.find((p) => p.isMe)!;
      await until('the kill on the scoreboard', () => (me(shooter.frame.view)?.kills ?? 0) >= 1);
      expect(board.name).toBe('shooter');
      return;
    }
    throw new Error('no room with a clear line of fire in 30 tries');
  });
});
