/**
 * How long a client waits after a restarted server is back (issue 13 item 7):
 * headless GameSessions (the real SDK under Node, `ws` as the WebSocket) play
 * the arena; the server drains (1012) and stops, stays down `downMs`, and a new
 * one listens on the same port. For each session: the time from the new
 * server listening to the session's first answer from it (a Welcome, or the
 * refusal of a room the new process does not have — either way the retry
 * reached it). Figures, not asserts.
 *
 *   npx tsx client/bench/reconnectDelay.ts [sessions=8] [downMs=500,1500,3000,5000]
 */
import net from 'node:net';
import WebSocket from 'ws';
import { startServer, type ServerHandle } from '../../server/startServer';
import { arena } from '../../shared/game/arena';
import { clientGames } from '../src/games/registry';
import { PERFECT_LINK } from '../src/sdk/net/networkSimulator';
import { GameCatalog } from '../src/sdk/session/gameCatalog';
import { GameSession } from '../src/sdk/session/gameSession';

const FRAME_MS = 16;
const sessionCount = Number(process.argv[2] ?? 8);
const downs = (process.argv[3] ?? '500,1500,3000,5000').split(',').map(Number);

/**
 * `ws` throws an 'error' event nobody listens to (a browser only dispatches it):
 * a handshake refused with 503 while the old server drains would end the
 * process. The close event that follows carries the outcome the SDK acts on.
 */
class NodeWebSocket extends WebSocket {
  refusedHandshakes = 0;
  constructor(...args: ConstructorParameters<typeof WebSocket>) {
    super(...args);
    this.on('error', () => this.refusedHandshakes++);
  }
}
(globalThis as { WebSocket?: unknown }).WebSocket = NodeWebSocket;
const games = new GameCatalog(clientGames);

interface Watched {
  session: GameSession;
  timer: ReturnType<typeof setInterval>;
  /** performance.now() of each phase change. */
  phases: { kind: string; atMs: number }[];
}

function watch(baseUrl: string, name: string): Watched {
  const phases: Watched['phases'] = [];
  const session = new GameSession({
    baseUrl,
    name,
    target: { kind: 'quick', game: 'arena' },
    conditions: { up: PERFECT_LINK, down: PERFECT_LINK },
    games,
    controls: () => ({ buttons: 0, aimAt: null, aimDir: null }),
    onPhase: (p) => phases.push({ kind: p.kind, atMs: performance.now() }),
  });
  session.start();
  const timer = setInterval(() => {
    const now = performance.now();
    session.advance(now);
    session.view(now);
  }, FRAME_MS);
  return { session, timer, phases };
}

async function until(ok: () => boolean, timeoutMs: number): Promise<boolean> {
  const deadline = performance.now() + timeoutMs;
  while (!ok()) {
    if (performance.now() > deadline) return false;
    await new Promise((r) => setTimeout(r, 5));
  }
  return true;
}

/**
 * The address clients know: a TCP relay to the current server process. A
 * restarted uWS server cannot bind the old port at once (the closed connections
 * hold it in TIME_WAIT, and we listen without port sharing), so the relay keeps
 * the address and stops listening while "down", like a restarting host.
 */
class Relay {
  private readonly sockets = new Set<net.Socket>();
  private readonly server = net.createServer((client) => {
    const upstream = net.connect(this.backendPort, '127.0.0.1');
    for (const s of [client, upstream]) {
      this.sockets.add(s);
      s.on('close', () => this.sockets.delete(s));
    }
    client.pipe(upstream).pipe(client);
    client.on('error', () => upstream.destroy());
    upstream.on('error', () => client.destroy());
  });
  backendPort = 0;
  port = 0;

  async listen(port = 0): Promise<void> {
    await new Promise<void>((resolve) => this.server.listen(port, '127.0.0.1', resolve));
    this.port = (this.server.address() as net.AddressInfo).port;
  }

  /** Stop listening and cut every relayed connection (the host is gone). */
  async close(): Promise<void> {
    const closed = new Promise<void>((resolve) => this.server.close(() => resolve()));
    for (const s of this.sockets) s.destroy();
    await closed;
  }
}

async function restartOnce(downMs: number): Promise<number[]> {
  const relay = new Relay();
  let backend: ServerHandle = await startServer({ port: 0, host: '127.0.0.1', logLevel: 'silent' }, { games: [arena] });
  relay.backendPort = backend.port;
  await relay.listen();
  const baseUrl = `http://127.0.0.1:${relay.port}`;
  const watched = Array.from({ length: sessionCount }, (_, i) => watch(baseUrl, `p${i}`));
  await until(() => watched.every((w) => w.phases.some((p) => p.kind === 'playing')), 10_000);
  const stopping = backend.stop();
  // The drain's 1012 reaches the clients first, then the host goes away.
  await new Promise((r) => setTimeout(r, 50));
  await relay.close();
  await stopping;
  await new Promise((r) => setTimeout(r, downMs));
  backend = await startServer({ port: 0, host: '127.0.0.1', logLevel: 'silent' }, { games: [arena] });
  relay.backendPort = backend.port;
  await relay.listen(relay.port);
  const backMs = performance.now();
  // The first phase after the server is back other than "reconnecting" (a new wait) is its answer.
  const answered = (w: Watched) => w.phases.find((p) => p.atMs >= backMs && p.kind !== 'reconnecting');
  await until(() => watched.every(answered), 30_000);
  const waits = watched.map((w) => (answered(w)?.atMs ?? Number.NaN) - backMs);
  for (const w of watched) {
    clearInterval(w.timer);
    w.session.leave();
  }
  await backend.stop();
  await relay.close();
  return waits;
}

for (const downMs of downs) {
  const waits = (await restartOnce(downMs)).sort((a, b) => a - b);
  const mean = waits.reduce((a, b) => a + b, 0) / waits.length;
  process.stdout.write(
    `down ${downMs} ms: wait after the server is back, ${waits.length} sessions: mean ${mean.toFixed(0)} ms, ` +
      `median ${waits[Math.floor(waits.length / 2)].toFixed(0)} ms, max ${waits[waits.length - 1].toFixed(0)} ms\n`,
  );
}
process.exit(0);
