/**
 * Bytes per second each way, and prediction corrections, for one client of a
 * 2-player room of each game: two headless GameSessions (the real SDK under
 * Node, `ws` as the WebSocket, no rendering) against the real server hosting
 * arena and cells. Both players move and turn every tick (the arena without
 * firing, cells without boosting). Figures, not asserts.
 *
 *   npx tsx client/bench/sessionTraffic.ts [ticksPerMessage=2] [seconds=10]
 *
 * Up is the Input/Ping payload with its opcode, without WebSocket framing;
 * down likewise (snapshots, events, pongs).
 */
import WebSocket from 'ws';
import { startServer } from '../../server/startServer';
import { arena } from '../../shared/game/arena';
import { cells } from '../../shared/game/cells';
import { clientGames } from '../src/games/registry';
import { PERFECT_LINK } from '../src/sdk/net/networkSimulator';
import { GameCatalog } from '../src/sdk/session/gameCatalog';
import { GameSession } from '../src/sdk/session/gameSession';

const WARM_UP_MS = 3000;
const FRAME_MS = 8;
const ticksPerMessage = Number(process.argv[2] ?? 2);
const seconds = Number(process.argv[3] ?? 10);

/** Controls for tick `t`: a direction that turns a full circle every ~6 s. */
function controlsFor(game: string, t: number): unknown {
  const angle = t / 60;
  const dir = { dx: Math.cos(angle), dy: Math.sin(angle) };
  if (game === 'arena') return { buttons: [8, 2, 4, 1][Math.floor(t / 45) % 4], aimAt: null, aimDir: dir };
  return { pointer: null, stick: dir, boost: false };
}

async function measure(baseUrl: string, games: GameCatalog, game: string): Promise<string> {
  const sessions: GameSession[] = [];
  const timers: ReturnType<typeof setInterval>[] = [];
  for (const name of ['a', 'b']) {
    let t = 0;
    const s = new GameSession({
      baseUrl,
      name,
      target: { kind: 'quick', game },
      conditions: { up: PERFECT_LINK, down: PERFECT_LINK },
      games,
      controls: () => controlsFor(game, t++),
      onPhase: () => undefined,
      ticksPerMessage,
    });
    s.start();
    timers.push(
      setInterval(() => {
        const now = performance.now();
        s.advance(now);
        s.view(now);
      }, FRAME_MS),
    );
    sessions.push(s);
  }
  await new Promise((r) => setTimeout(r, WARM_UP_MS));
  const s = sessions[0];
  const before = { in: s.stats.totalBytesIn, out: s.stats.totalBytesOut, corrections: s.correctionsTotal, at: performance.now() };
  await new Promise((r) => setTimeout(r, seconds * 1000));
  const dt = (performance.now() - before.at) / 1000;
  for (const t of timers) clearInterval(t);
  for (const x of sessions) x.leave();
  const perSec = (n: number) => (n / dt).toFixed(0);
  return `${game.padEnd(6)} down ${perSec(s.stats.totalBytesIn - before.in)} B/s, up ${perSec(s.stats.totalBytesOut - before.out)} B/s, corrections ${((s.correctionsTotal - before.corrections) / dt).toFixed(1)}/s`;
}

(globalThis as { WebSocket?: unknown }).WebSocket = WebSocket;
const server = await startServer({ port: 0, host: '127.0.0.1', logLevel: 'silent' }, { games: [arena, cells] });
const games = new GameCatalog(clientGames);
console.log(`2-player rooms, ${ticksPerMessage} input frame(s) per message, ${seconds} s after a ${WARM_UP_MS / 1000} s warm-up`);
for (const game of ['arena', 'cells']) console.log(await measure(server.url, games, game));
await server.stop();
