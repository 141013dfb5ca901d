/**
 * Composition root: config → rooms, sessions, metrics → one uWS app serving
 * HTTP and WebSocket on one port → the shared tick loop. Returns a handle to
 * stop it gracefully. Tests call this with port 0.
 */
import { performance } from 'node:perf_hooks';
import { resolve } from 'node:path';
import type { us_listen_socket } from 'uWebSockets.js';
import type { AnyGame } from '../shared/engine/gameDefinition';
import { registeredGames } from '../shared/game/registry';
import { CloseCode } from '../shared/protocol/constants';
import { ConfigError, resolveConfig, type Config } from './config';
import { GameCatalog } from './games/gameCatalog';
import { registerLobbyApi } from './http/lobbyApi';
import { registerOpsRoutes } from './http/opsRoutes';
import { StaticFiles } from './http/staticFiles';
import { createLogger, type Logger } from './logger';
import { TickLoop } from './loop/tickLoop';
import { Metrics } from './metrics';
import { InMemoryRoomDirectory, type RoomDirectory } from './rooms/roomDirectory';
import { RoomHost } from './rooms/roomHost';
import { ServerStats } from './serverStats';
import { InMemorySessionStore, type SessionStore } from './sessions/sessionStore';
import { readHandoff, writeHandoff } from './sessions/sessionHandoff';
import { loadUws } from './uwsLoader';
import { CodeGuessLimiter } from './ws/codeGuessLimiter';
import type { ConnectionData } from './ws/connectionData';
import { createConnectionHandlers } from './ws/connectionHandler';
import { createUpgradeHandler } from './ws/upgradeHandler';
import type { UwsLink } from './ws/uwsLink';

/** uWS ListenOptions.LIBUS_LISTEN_EXCLUSIVE_PORT (a type-only enum in its .d.ts, 1 at runtime). */
const LIBUS_LISTEN_EXCLUSIVE_PORT = 1;

/** Frames above this are dropped by uWS without a close frame (the client sees 1006). */
export const UWS_HARD_PAYLOAD_CAP = 16 * 1024;

export interface ServerHandle {
  readonly port: number;
  readonly url: string;
  readonly config: Config;
  readonly stats: ServerStats;
  readonly host: RoomHost;
  /** Drain: readyz 503, stop accepting, close clients with 1012, hand sessions off, stop ticking. */
  stop(): Promise<void>;
}

export interface ServerDeps {
  /** The games to host instead of the registered ones (a developer's own, a test game). */
  games?: readonly AnyGame[];
  log?: Logger;
  directory?: RoomDirectory;
  sessions?: SessionStore;
  /** Monotonic ms clock. */
  now?: () => number;
}

export async function startServer(overrides: Partial<Config> = {}, deps: ServerDeps = {}): Promise<ServerHandle> {
  const config = resolveConfig(overrides);
  const uws = loadUws();
  const log = deps.log ?? createLogger(config.logLevel);
  const now = deps.now ?? (() => performance.now());
  const games = new GameCatalog(deps.games ?? selectGames(config.games));
  const stats = new ServerStats();
  const host = new RoomHost(config, games, deps.directory ?? new InMemoryRoomDirectory(), deps.sessions ?? new InMemorySessionStore(), stats, log);
  const metrics = new Metrics(stats, host);
  const guesses = new CodeGuessLimiter(config.maxCodeGuessesPerMin);
  const staticFiles = new StaticFiles(resolve(config.clientDir));
  const openLinks = new Set<UwsLink<ConnectionData>>();
  let draining = false;
  let connSerial = 0;
  const isDraining = () => draining;

  if (config.sessionHandoffFile) {
    const adopted = readHandoff(config.sessionHandoffFile, host, now(), log);
    if (adopted > 0) log.info({ sessions: adopted }, 'adopted sessions from predecessor');
  }

  const app = uws.App();
  registerOpsRoutes(app, { metrics, isDraining, log });
  registerLobbyApi(app, { config, host, log, now, isDraining });
  app.ws<ConnectionData>('/ws', {
    compression: uws.DISABLED,
    // uWS drops a connection abruptly (no close frame) past this hard cap, so it
    // sits above our own limit, which closes cleanly with 1009 (see PROTOCOL.md).
    maxPayloadLength: UWS_HARD_PAYLOAD_CAP,
    idleTimeout: config.idleTimeoutSec,
    sendPingsAutomatically: true,
    maxBackpressure: config.maxBackpressureBytes,
    closeOnBackpressureLimit: 0,
    upgrade: createUpgradeHandler({ config, host, stats, guesses, log, now, isDraining, nextConnId: () => ++connSerial }),
    ...createConnectionHandlers({ config, host, stats, guesses, log, now, open: openLinks }),
  });
  app.get('/*', (res, req) => {
    const url = req.getUrl();
    if (staticFiles.serve(res, req, url)) return;
    if (url === '/' || url === '/index.html') {
      res.writeStatus('503 Service Unavailable').writeHeader('Content-Type', 'text/plain; charset=utf-8');
      res.end('The client is not built. Run: npm run build:client (npm start does this).\n');
      return;
    }
    res.writeStatus('404 Not Found').writeHeader('Content-Type', 'text/plain; charset=utf-8').end('not found\n');
  });
  app.any('/*', (res) => {
    res.writeStatus('405 Method Not Allowed').writeHeader('Content-Type', 'text/plain; charset=utf-8').end('method not allowed\n');
  });

  // LIBUS_LISTEN_EXCLUSIVE_PORT: without it uWS shares a busy port with another
  // uWS process (SO_REUSEPORT) and the two silently split the connections.
  const listenSocket = await new Promise<us_listen_socket>((resolveListen, reject) => {
    const listen = app.listen as unknown as (host: string, port: number, options: number, cb: (s: us_listen_socket | false) => void) => void;
    listen.call(app, config.host, config.port, LIBUS_LISTEN_EXCLUSIVE_PORT, (socket) => {
      if (socket) return resolveListen(socket);
      metrics.close();
      app.close();
      reject(new Error(`port ${config.port} on ${config.host} is already in use (or the address is not available here)`));
    });
  });
  const port = uws.us_socket_local_port(listenSocket as unknown as Parameters<typeof uws.us_socket_local_port>[0]);

  const loop = new TickLoop({
    tickRate: config.tickRate,
    maxCatchUpTicks: config.maxCatchUpTicks,
    sweepEveryMs: 250,
    now,
    onTick: (t) => {
      stats.ticks++;
      stats.tickBroadcastMs = 0;
      host.stepAll(t);
    },
    onTimed: (ms, overran) => {
      metrics.observeTick(ms / 1000, stats.tickBroadcastMs / 1000);
      if (overran) stats.tickOverruns++;
    },
    onSweep: (t) => {
      host.sweep(t);
      guesses.prune(t);
    },
    onDropped: (n) => {
      stats.droppedTicks += n;
      log.warn({ dropped: n }, 'tick loop stalled; dropped ticks to catch up');
    },
  });
  loop.start();

  const displayHost = config.host === '0.0.0.0' || config.host === '::' ? 'localhost' : config.host;
  const url = `http://${displayHost.includes(':') ? `[${displayHost}]` : displayHost}:${port}`;
  log.info({ port, host: config.host, tickRate: config.tickRate, snapshotRate: config.snapshotRate, client: staticFiles.isBuilt }, 'listening');

  let stopping: Promise<void> | null = null;
  const stop = (): Promise<void> => {
    stopping ??= (async () => {
      // Readiness fails first; clients are told to reconnect (elsewhere, or to our successor);
      // the listen socket stays open for drainGraceMs so balancers can see the 503.
      draining = true;
      const deadline = now() + config.shutdownTimeoutMs;
      for (const link of [...openLinks]) link.close(CloseCode.ServiceRestart, 'server restarting');
      if (config.drainGraceMs > 0) await new Promise((r) => setTimeout(r, config.drainGraceMs));
      uws.us_listen_socket_close(listenSocket);
      while (openLinks.size > 0 && now() < deadline) await new Promise((r) => setTimeout(r, 10));
      loop.stop();
      // Every player is now detached with its state saved: hand them to the successor.
      if (config.sessionHandoffFile) writeHandoff(config.sessionHandoffFile, host, now(), log);
      metrics.close();
      app.close();
      log.info({ remaining: openLinks.size }, 'stopped');
    })();
    return stopping;
  };

  return { port, url, config, stats, host, stop };
}

/** The registered games `--games` names, in its order (all of them when empty). */
function selectGames(names: readonly string[]): readonly AnyGame[] {
  if (names.length === 0) return registeredGames;
  const unknown = names.filter((n) => !registeredGames.some((g) => g.name === n));
  if (unknown.length > 0) {
    throw new ConfigError(unknown.map((n) => `--games: unknown game "${n}" (registered: ${registeredGames.map((g) => g.name).join(', ')})`));
  }
  return names.map((n) => registeredGames.find((g) => g.name === n)!);
}
