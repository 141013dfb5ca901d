/**
 * Composition root: config → rooms, sessions, metrics → one uWS app serving
 * HTTP and WebSocket on one port → the shared tick loop. Returns a handle to
 * stop it gracefully. Tests call this with port 0.
 */
import { performance } from 'node:perf_hooks';
import { resolve } from 'node:path';
import type { AnyGame } from '../shared/engine/gameDefinition';
import { registeredGames } from '../shared/game/registry';
import { CloseCode } from '../shared/protocol/constants';
import { ConfigError, resolveConfig, type Config } from './config';
import { withDownlinkBudget } from './interest/downlinkBudget';
import { GameCatalog } from './games/gameCatalog';
import { registerLobbyApi } from './http/lobbyApi';
import { MetricsAccess } from './http/metricsAccess';
import { registerOpsRoutes } from './http/opsRoutes';
import { ResponseBudget } from './http/responseBudget';
import { StaticFiles } from './http/staticFiles';
import { registerStaticRoutes } from './http/staticRoutes';
import { createApp, listenExclusive } from './http/uwsApp';
import { AddressConnections } from './limits/addressConnections';
import { connectionCapForFileLimit } from './limits/fileLimit';
import { QuotaExemption } from './limits/quotaExemption';
import { RoomQuota } from './limits/roomQuota';
import { createLogger, type Logger } from './logger';
import { TickLoop } from './loop/tickLoop';
import { Metrics } from './metrics';
import { InMemoryRoomDirectory, type RoomDirectory } from './rooms/roomDirectory';
import { RoomHost } from './rooms/roomHost';
import { createSendPass } from './sendPassSetup';
import { ServerStats } from './serverStats';
import { InMemorySessionStore, type SessionStore } from './sessions/sessionStore';
import { readHandoff, writeHandoff } from './sessions/sessionHandoff';
import { CodeGuessLimiter } from './ws/codeGuessLimiter';
import type { ConnectionData } from './ws/connectionData';
import type { UwsLink } from './ws/uwsLink';
import { registerWsRoute } from './ws/wsRoute';
import { joinCluster, leaveCluster, prepareCluster, type ClusterParts } from './cluster/clusterSetup';
import type { ClusterStore } from './cluster/clusterStore';
import { publicUrlOf } from './cluster/nodeIdentity';
import { listenShared } from './http/sharedListen';
import { registerAdminConsole, type AdminConsole } from './admin/adminConsole';
import { RoomTickTimes } from './admin/roomTickTimes';
import { hookDirectory } from './replay/directoryHooks';
import { registerReplayApi } from './replay/replayApi';
import { registerReplayMetrics } from './replay/replayMetrics';
import { ReplayService } from './replay/replayService';
import { RoomMobility } from './cluster/mobility/roomMobility';

export { UWS_HARD_PAYLOAD_CAP } from './ws/wsRoute';

export interface ServerHandle {
  readonly port: number;
  readonly url: string;
  readonly config: Config;
  readonly stats: ServerStats;
  readonly host: RoomHost;
  /** The cluster layer, when this server is a node of one (--redis, or a store handed in). */
  readonly cluster: ClusterParts | null;
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
  /** A cluster store instead of --redis (the `--workers` primary's, over IPC; tests). */
  clusterStore?: ClusterStore;
  /** A `--workers` worker: also accept on this port, shared with the other workers (SO_REUSEPORT). */
  sharedPort?: number;
}

export async function startServer(overrides: Partial<Config> = {}, deps: ServerDeps = {}): Promise<ServerHandle> {
  const resolved = resolveConfig(overrides);
  const log = deps.log ?? createLogger(resolved.logLevel);
  const config: Config = { ...resolved, maxConnections: connectionCapForFileLimit(resolved.maxConnections, log) };
  const now = deps.now ?? (() => performance.now());
  // --downlink-budget sets the per-viewer budget of games with interest management.
  const hostedGames = withDownlinkBudget(deps.games ?? selectGames(config.games), config.downlinkBudgetBytesPerSec);
  const games = new GameCatalog(hostedGames);
  const stats = new ServerStats();
  // A cluster node mirrors its directory and sessions into the cluster store.
  const cluster = prepareCluster({ redisUrl: config.redisUrl, nodeId: config.nodeId, store: deps.clusterStore, log });
  const sessions = deps.sessions ?? cluster?.sessions ?? new InMemorySessionStore();
  // Rooms are recorded (replays) and timed (operator console) from their creation.
  const replays = await ReplayService.start(config, log);
  const roomTimes = new RoomTickTimes();
  const baseDirectory = deps.directory ?? cluster?.directory ?? new InMemoryRoomDirectory();
  const directory = hookDirectory(baseDirectory, config.adminToken ? [replays, roomTimes] : [replays]);
  let admin: AdminConsole | null = null;
  const host = new RoomHost(config, games, directory, sessions, stats, log);
  const metrics = new Metrics(stats, host, cluster);
  const guesses = new CodeGuessLimiter(config.maxCodeGuessesPerMin);
  const budget = new ResponseBudget({ maxOwnedBytes: config.httpMaxBufferedBytes, maxPending: config.httpMaxPendingResponses });
  const staticFiles = new StaticFiles(resolve(config.clientDir), budget, { serveSourceMaps: config.serveSourceMaps, log });
  const quota = new RoomQuota(config.maxRoomsPerAddress, (id) => host.directory.byId(id) !== undefined);
  const connectionsByAddress = new AddressConnections(config.maxConnectionsPerAddress);
  const quotaExempt = new QuotaExemption(config.quotaExempt);
  const openLinks = new Set<UwsLink<ConnectionData>>();
  let draining = false;
  let url = '';
  let connSerial = 0;
  const isDraining = () => draining;

  if (config.sessionHandoffFile) {
    const adopted = readHandoff(config.sessionHandoffFile, host, now(), log);
    if (adopted > 0) log.info({ sessions: adopted }, 'adopted sessions from predecessor');
  }

  // What rooms write during a tick leaves after all rooms stepped (null: sends inside the tick).
  const { outbound, sendPass } = createSendPass(config.sendPassSliceMs, stats, metrics.registry, now);

  const app = createApp();
  registerOpsRoutes(app, { metrics, metricsAccess: new MetricsAccess(config), trustedProxies: config.trustedProxies, budget, isDraining, log });
  registerLobbyApi(app, { config, host, log, now, isDraining, budget, quota, exempt: quotaExempt,
    cluster: () => cluster?.node ?? null, selfUrl: () => url });
  registerWsRoute(app, {
    config, host, stats, guesses, log, now, isDraining, open: openLinks, budget, connectionsByAddress, quotaExempt,
    nextConnId: () => ++connSerial,
    outbound,
    router: () => cluster?.router ?? null,
  });
  registerReplayApi(app, { replays, budget, log, clientDir: config.clientDir });
  registerReplayMetrics(metrics.registry, replays);
  admin = registerAdminConsole(app, { config, host, stats, registry: metrics.registry, roomTimes, budget, log, now, isDraining, drain: () => void stop() });
  registerStaticRoutes(app, staticFiles, budget);

  /** Undo what was set up when the server cannot start after all. */
  const abandon = async (): Promise<void> => {
    metrics.close();
    app.close();
    if (cluster) await leaveCluster(cluster);
  };
  let listening;
  try {
    // Join storms: K accept queues on the port, a busy or shared port still refused (uwsApp.ts).
    listening = await listenExclusive(app, config.host, config.port, { sockets: config.listenSockets });
  } catch (err) {
    await abandon();
    throw err;
  }
  const port = listening.port;
  // A `--workers` worker also accepts on the port all workers share.
  const shared = deps.sharedPort === undefined ? null : await listenShared(app, config.host, deps.sharedPort, config.listenSockets).catch(async (err: unknown) => {
    listening.closeListenSocket();
    await abandon();
    throw err;
  });
  // Heartbeat and routing start once the public URL is known.
  if (cluster) joinCluster(cluster, { publicUrl: publicUrlOf(config.publicUrl, config.host, port), heartbeatMs: config.clusterHeartbeatMs, host, log, isDraining });
  // Room mobility: checkpoints, drain hand-over and failover, on the cluster's Redis.
  const mobility = cluster?.redis
    ? new RoomMobility({ host, redis: cluster.redis.client, now, log, counters: cluster.stats }, { nodeId: cluster.nodeId, checkpointIntervalMs: config.checkpointIntervalMs, failoverPollMs: config.clusterHeartbeatMs })
    : null;
  mobility?.start();

  const loop = new TickLoop({
    tickRate: config.tickRate,
    maxCatchUpTicks: config.maxCatchUpTicks,
    sweepEveryMs: 250,
    now,
    sendPass,
    onTick: (t) => {
      stats.ticks++;
      stats.tickBroadcastMs = 0;
      host.stepAll(t);
      mobility?.afterTick(t); // due checkpoints: encoded here, written async
    },
    onTimed: (ms, overran) => {
      metrics.observeTick(ms / 1000, stats.tickBroadcastMs / 1000);
      if (overran) stats.tickOverruns++;
    },
    onSweep: (t) => {
      host.sweep(t);
      guesses.prune(t);
      quota.prune();
    },
    onDropped: (n) => {
      stats.droppedTicks += n;
      log.warn({ dropped: n }, 'tick loop stalled; dropped ticks to catch up');
    },
  });
  loop.start();

  url = publicUrlOf('', config.host, port);
  log.info({ port, host: config.host, tickRate: config.tickRate, snapshotRate: config.snapshotRate, client: staticFiles.isBuilt }, 'listening');

  let stopping: Promise<void> | null = null;
  const stop = (): Promise<void> => {
    stopping ??= (async () => {
      // Readiness fails first; clients are told to reconnect (elsewhere, or to our successor);
      // the listen socket stays open for drainGraceMs so balancers can see the 503.
      draining = true;
      const deadline = now() + config.shutdownTimeoutMs;
      // Hand rooms to live nodes first (their clients get Moved + 4108); the rest fall back below.
      if (mobility) await mobility.drain();
      for (const link of [...openLinks]) link.close(CloseCode.ServiceRestart, 'server restarting');
      if (config.drainGraceMs > 0) await new Promise((r) => setTimeout(r, config.drainGraceMs));
      listening.closeListenSocket();
      shared?.closeListenSocket();
      while (openLinks.size > 0 && now() < deadline) await new Promise((r) => setTimeout(r, 10));
      loop.stop();
      await replays.stop(); // finish every recording's file
      admin?.close(); // end the console's event streams
      // Every player is now detached with its state saved: hand them to the successor.
      if (config.sessionHandoffFile) writeHandoff(config.sessionHandoffFile, host, now(), log);
      await mobility?.close();
      if (cluster) await leaveCluster(cluster);
      metrics.close();
      app.close();
      log.info({ remaining: openLinks.size }, 'stopped');
    })();
    return stopping;
  };

  return { port, url, config, stats, host, cluster, stop };
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
