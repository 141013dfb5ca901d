/**
 * Server configuration from defaults, environment variables and command-line
 * flags (flags win). Validation reports every problem at once; unknown flags
 * are problems too. Each option documents itself for --help.
 */
import { parseCidr } from './limits/cidr';
import { LOG_LEVELS, type LogLevel } from './logger';

export interface Config {
  port: number;
  host: string;
  /** Public origin the server is reached at, if behind a proxy (for the Origin check). */
  publicOrigin: string;
  tickRate: number;
  snapshotRate: number;
  maxRooms: number;
  /** Seat count for quick-play rooms and created rooms that don't say; 0 = each game's own default. */
  defaultMaxPlayers: number;
  /** Names of the registered games to host (empty = all); the first is the quick-play default. */
  games: string[];
  /** Upper bound for maxPlayers in POST /api/rooms. */
  maxPlayersPerRoom: number;
  maxConnections: number;
  /** Extra allowed browser origins (exact, e.g. https://game.example); "*" allows any. */
  allowedOrigins: string[];
  /** Proxy addresses whose X-Forwarded-For is believed. */
  trustedProxies: string[];
  logLevel: LogLevel;
  /** Input messages per second per connection before closing with 1008 (burst: 1 s worth). */
  maxInputRate: number;
  /** Any messages per second per connection before closing with 1008. */
  maxMessageRate: number;
  /** Chat messages per 10 s per connection; more are refused with an Error message. */
  maxChatPer10s: number;
  maxPayloadBytes: number;
  /** Seconds without traffic before uWS pings, then closes; proxies must allow longer. */
  idleTimeoutSec: number;
  /** Skip a client's snapshot while its send buffer holds more than this. */
  backpressureSkipBytes: number;
  /** uWS per-socket buffer cap; sends beyond are dropped. */
  maxBackpressureBytes: number;
  /** Close (4004) a client that has stayed backed up this long. */
  slowConsumerCloseMs: number;
  /** How long a disconnected player's session waits for a resume. */
  sessionGraceMs: number;
  /** How long an empty room lives before it is disposed. */
  roomEmptyGraceMs: number;
  /** Failed join-code guesses per address per minute before 429/4104. */
  maxCodeGuessesPerMin: number;
  /** Most ticks simulated in one catch-up after a stall; the rest is dropped. */
  maxCatchUpTicks: number;
  snapshotRingSize: number;
  shutdownTimeoutMs: number;
  /** After SIGTERM, how long /readyz answers 503 (and upgrades are refused) before the listen socket closes. */
  drainGraceMs: number;
  /** Where a draining server hands its sessions to its successor ("" = off). */
  sessionHandoffFile: string;
  /** Directory of the built client (index.html, main.js). */
  clientDir: string;
  // ---- room mobility ----
  /** Ms between a room's checkpoints to Redis (failover loses at most this much progress). */
  checkpointIntervalMs: number;
  // Stall tolerance, seat quotas, idle seats, full-snapshot rate.
  /** Seconds of messages at the full rate a connection may send in surplus (dropped, counted) before 1008. */
  stallToleranceSec: number;
  /** Seats (players connected or awaiting resume) one client address may hold in this process; more → 4105. */
  maxSeatsPerAddress: number;
  /** Resumable (disconnected) sessions one address may hold; beyond, its oldest is ended and its seat freed. */
  maxDetachedPerAddress: number;
  /** A joined player that sends no Input for this long (server running time) is closed with 4005 and its seat freed. */
  playerIdleTimeoutMs: number;
  /** At most one full snapshot per client per this many ms; between, deltas against its last ack or nothing. */
  fullSnapshotIntervalMs: number;
  /** Big worlds: per-viewer downlink budget of interest-managed games, bytes/s (0 = the game's own, unlimited for bigcells). */
  downlinkBudgetBytesPerSec: number;
  // ---- exposure and per-address limits ----
  /** Serve `*.map` source maps (development only: they are the whole source). */
  serveSourceMaps: boolean;
  /** Networks (CIDR) besides loopback that may read /metrics without a token. */
  metricsAllow: string[];
  /** Bearer token that opens /metrics from any address ("" = none). */
  metricsToken: string;
  /** Live rooms one address may have created through POST /api/rooms (429 beyond). */
  maxRoomsPerAddress: number;
  /** Open WebSocket connections per address (429 beyond). */
  maxConnectionsPerAddress: number;
  /** Networks (CIDR) the per-address quotas do not apply to (a local tool, or an untrusted proxy). */
  quotaExempt: string[];
  /** Unsent bytes of generated HTTP bodies (JSON, metrics) held per process (503 beyond). */
  httpMaxBufferedBytes: number;
  /** HTTP responses waiting for their client to read, per process (503 beyond). */
  httpMaxPendingResponses: number;
  // ---- send pass ----
  /** Longest slice of the post-tick send pass before it yields to I/O, ms (0 = rooms write to sockets inside the tick). */
  sendPassSliceMs: number;
  // ---- replays and operator console ----
  /** Record every room's command stream and keyframes (replays). */
  replays: boolean;
  /** Where replay files are written (created if missing). */
  replayDir: string;
  /** Replay files kept (the oldest are deleted first). */
  replayMaxFiles: number;
  /** One replay file's size cap: the recording ends (size-cap) when it is reached. */
  replayMaxFileBytes: number;
  /** All replay files together (the oldest are deleted first). */
  replayMaxTotalBytes: number;
  /** Seconds between keyframes (state hashes checked by `npm run replay -- verify`). */
  replayKeyframeSec: number;
  /** Bearer token of the operator console (/admin); "" = the console is off (404). */
  adminToken: string;
  // ---- spectators ----
  /** Spectators one room admits besides its players (more → 4112); 0 = watching is off. */
  maxSpectators: number;
  // ---- cluster core ----
  /** Redis URL of the cluster ("" = no cluster: this process alone, nothing needs Redis). */
  redisUrl: string;
  /** This node's id in the cluster ("" = 8 random base32 characters at start). */
  nodeId: string;
  /** Base URL clients reach THIS node at ("" = http://<host>:<port>); Moved and lobby answers name it. */
  publicUrl: string;
  /** Presence heartbeat period; the presence key expires after 3 heartbeats. */
  clusterHeartbeatMs: number;
  /** Game worker processes on this machine (0 = one per core; 1 = this process alone). Read by main.ts only. */
  workers: number;
  // ---- join storms (issue 14) ----
  /** Listen sockets (SO_REUSEPORT, accept queues of 512 each) on the port; 1 = one exclusive socket (server/http/uwsApp.ts). */
  listenSockets: number;
}

type Kind =
  | { type: 'int'; min: number; max: number }
  | { type: 'string'; pattern?: RegExp; hint?: string }
  | { type: 'list'; item?: (entry: string) => boolean; hint?: string }
  | { type: 'enum'; values: readonly string[] }
  | { type: 'bool' };

interface OptionSpec {
  key: keyof Config;
  flag: string;
  env: string;
  kind: Kind;
  help: string;
}

export const DEFAULT_CONFIG: Config = {
  port: 8080,
  host: '127.0.0.1',
  publicOrigin: '',
  tickRate: 60,
  snapshotRate: 30,
  maxRooms: 1000,
  defaultMaxPlayers: 0,
  games: [],
  maxPlayersPerRoom: 64,
  maxConnections: 20_000,
  allowedOrigins: [],
  trustedProxies: [],
  logLevel: 'info',
  maxInputRate: 120,
  maxMessageRate: 240,
  maxChatPer10s: 10,
  maxPayloadBytes: 4096,
  idleTimeoutSec: 30,
  backpressureSkipBytes: 16 * 1024,
  maxBackpressureBytes: 256 * 1024,
  slowConsumerCloseMs: 5000,
  sessionGraceMs: 15_000,
  roomEmptyGraceMs: 30_000,
  maxCodeGuessesPerMin: 10,
  // 250 ms at 60 Hz: a stall up to that long is caught up (dropped ticks can only be skipped, a correction for every player).
  maxCatchUpTicks: 15,
  snapshotRingSize: 32,
  shutdownTimeoutMs: 4000,
  drainGraceMs: 250,
  sessionHandoffFile: '',
  clientDir: 'client/dist',
  checkpointIntervalMs: 1000, // room mobility
  stallToleranceSec: 15,
  maxSeatsPerAddress: 8,
  maxDetachedPerAddress: 4,
  playerIdleTimeoutMs: 30_000,
  fullSnapshotIntervalMs: 1000,
  downlinkBudgetBytesPerSec: 0,
  serveSourceMaps: false,
  metricsAllow: [],
  metricsToken: '',
  maxRoomsPerAddress: 10,
  maxConnectionsPerAddress: 50,
  quotaExempt: ['127.0.0.1/32', '::1/128'],
  httpMaxBufferedBytes: 64 * 1024 * 1024,
  httpMaxPendingResponses: 4096,
  sendPassSliceMs: 2,
  // ---- replays and operator console ----
  replays: true,
  replayDir: 'replays',
  replayMaxFiles: 200,
  replayMaxFileBytes: 32 * 1024 * 1024,
  replayMaxTotalBytes: 1024 * 1024 * 1024,
  replayKeyframeSec: 10,
  adminToken: '',
  maxSpectators: 32, // spectators
  redisUrl: '',
  nodeId: '',
  publicUrl: '',
  clusterHeartbeatMs: 1000,
  workers: 1,
  listenSockets: 4, // join storms
};

const int = (min: number, max: number): Kind => ({ type: 'int', min, max });

export const OPTIONS: readonly OptionSpec[] = [
  { key: 'port', flag: '--port', env: 'PORT', kind: int(0, 65535), help: 'TCP port (0 = any free port)' },
  { key: 'host', flag: '--host', env: 'HOST', kind: { type: 'string', pattern: /^[\w.:-]{1,253}$/, hint: 'a hostname or IP' }, help: 'address to listen on (0.0.0.0 for all)' },
  { key: 'publicOrigin', flag: '--public-origin', env: 'TICKWIRE_PUBLIC_ORIGIN', kind: { type: 'string', pattern: /^(https?:\/\/[^/\s]+)?$/, hint: 'an origin like https://game.example' }, help: 'origin players reach the server at' },
  { key: 'tickRate', flag: '--tick-rate', env: 'TICKWIRE_TICK_RATE', kind: int(1, 240), help: 'simulation ticks per second' },
  { key: 'snapshotRate', flag: '--snapshot-rate', env: 'TICKWIRE_SNAPSHOT_RATE', kind: int(1, 240), help: 'snapshots per second (divides the tick rate)' },
  { key: 'maxRooms', flag: '--max-rooms', env: 'TICKWIRE_MAX_ROOMS', kind: int(1, 100_000), help: 'rooms per process' },
  { key: 'defaultMaxPlayers', flag: '--room-size', env: 'TICKWIRE_ROOM_SIZE', kind: int(0, 255), help: "seats in quick-play rooms (0: each game's own)" },
  { key: 'games', flag: '--games', env: 'TICKWIRE_GAMES', kind: { type: 'list' }, help: 'comma-separated games to host (default: every registered game; the first is the quick-play default)' },
  { key: 'maxPlayersPerRoom', flag: '--max-players-per-room', env: 'TICKWIRE_MAX_PLAYERS_PER_ROOM', kind: int(1, 255), help: 'largest room a client may create' },
  { key: 'maxConnections', flag: '--max-connections', env: 'TICKWIRE_MAX_CONNECTIONS', kind: int(1, 1_000_000), help: 'WebSocket connections per process' },
  { key: 'allowedOrigins', flag: '--allowed-origins', env: 'TICKWIRE_ALLOWED_ORIGINS', kind: { type: 'list' }, help: 'comma-separated extra browser origins, or *' },
  { key: 'trustedProxies', flag: '--trusted-proxies', env: 'TICKWIRE_TRUSTED_PROXIES', kind: { type: 'list' }, help: 'comma-separated proxy IPs whose X-Forwarded-For is believed' },
  { key: 'logLevel', flag: '--log-level', env: 'LOG_LEVEL', kind: { type: 'enum', values: LOG_LEVELS }, help: 'log level' },
  { key: 'maxInputRate', flag: '--max-input-rate', env: 'TICKWIRE_MAX_INPUT_RATE', kind: int(1, 10_000), help: 'input messages/s per connection before 1008' },
  { key: 'maxMessageRate', flag: '--max-message-rate', env: 'TICKWIRE_MAX_MESSAGE_RATE', kind: int(1, 100_000), help: 'messages/s per connection before 1008' },
  { key: 'maxChatPer10s', flag: '--max-chat', env: 'TICKWIRE_MAX_CHAT', kind: int(0, 1000), help: 'chat messages per 10 s per connection' },
  { key: 'maxPayloadBytes', flag: '--max-payload', env: 'TICKWIRE_MAX_PAYLOAD', kind: int(64, 4096), help: 'largest client frame in bytes (1009 beyond)' },
  { key: 'idleTimeoutSec', flag: '--idle-timeout', env: 'TICKWIRE_IDLE_TIMEOUT', kind: int(8, 960), help: 'seconds of silence before ping/close' },
  { key: 'backpressureSkipBytes', flag: '--backpressure-skip', env: 'TICKWIRE_BACKPRESSURE_SKIP', kind: int(1024, 64 * 1024 * 1024), help: 'buffered bytes above which snapshots are skipped' },
  { key: 'maxBackpressureBytes', flag: '--max-backpressure', env: 'TICKWIRE_MAX_BACKPRESSURE', kind: int(4096, 256 * 1024 * 1024), help: 'per-socket send buffer cap' },
  { key: 'slowConsumerCloseMs', flag: '--slow-consumer-close', env: 'TICKWIRE_SLOW_CONSUMER_CLOSE_MS', kind: int(100, 600_000), help: 'ms backed up before close 4004' },
  { key: 'sessionGraceMs', flag: '--session-grace', env: 'TICKWIRE_SESSION_GRACE_MS', kind: int(0, 3_600_000), help: 'ms a dropped player may resume' },
  { key: 'roomEmptyGraceMs', flag: '--room-grace', env: 'TICKWIRE_ROOM_GRACE_MS', kind: int(0, 3_600_000), help: 'ms an empty room lives' },
  { key: 'maxCodeGuessesPerMin', flag: '--max-code-guesses', env: 'TICKWIRE_MAX_CODE_GUESSES', kind: int(1, 10_000), help: 'failed join-code guesses per address per minute' },
  { key: 'maxCatchUpTicks', flag: '--max-catch-up', env: 'TICKWIRE_MAX_CATCH_UP', kind: int(1, 600), help: 'ticks simulated at most after a stall' },
  { key: 'snapshotRingSize', flag: '--snapshot-ring', env: 'TICKWIRE_SNAPSHOT_RING', kind: int(2, 1024), help: 'snapshots kept as delta baselines' },
  { key: 'shutdownTimeoutMs', flag: '--shutdown-timeout', env: 'TICKWIRE_SHUTDOWN_TIMEOUT_MS', kind: int(0, 60_000), help: 'ms to drain before exit' },
  { key: 'drainGraceMs', flag: '--drain-grace', env: 'TICKWIRE_DRAIN_GRACE_MS', kind: int(0, 30_000), help: 'ms readyz says 503 before the listen socket closes' },
  { key: 'sessionHandoffFile', flag: '--session-handoff', env: 'TICKWIRE_SESSION_HANDOFF', kind: { type: 'string', pattern: /^[^\0]{0,4096}$/, hint: 'a file path' }, help: 'file a draining server writes its sessions to, and a starting one reads' },
  { key: 'clientDir', flag: '--client-dir', env: 'TICKWIRE_CLIENT_DIR', kind: { type: 'string', pattern: /^[^\0]{1,4096}$/, hint: 'a directory' }, help: 'built client directory' },
  { key: 'stallToleranceSec', flag: '--stall-tolerance', env: 'TICKWIRE_STALL_TOLERANCE_SEC', kind: int(1, 600), help: 'seconds of surplus messages dropped (not fatal) after a stall' },
  { key: 'maxSeatsPerAddress', flag: '--max-seats-per-address', env: 'TICKWIRE_MAX_SEATS_PER_ADDRESS', kind: int(1, 1_000_000), help: 'seats one client address may hold (4105 beyond)' },
  { key: 'maxDetachedPerAddress', flag: '--max-detached-per-address', env: 'TICKWIRE_MAX_DETACHED_PER_ADDRESS', kind: int(0, 1_000_000), help: 'resumable sessions one address may hold (oldest ended beyond)' },
  { key: 'playerIdleTimeoutMs', flag: '--player-idle-timeout', env: 'TICKWIRE_PLAYER_IDLE_TIMEOUT_MS', kind: int(1000, 86_400_000), help: 'ms without Input before a player is closed with 4005' },
  { key: 'downlinkBudgetBytesPerSec', flag: '--downlink-budget', env: 'TICKWIRE_DOWNLINK_BUDGET', kind: int(0, 100_000_000), help: 'big worlds: snapshot bytes/s per viewer (0: the game default)' },
  { key: 'fullSnapshotIntervalMs', flag: '--full-snapshot-interval', env: 'TICKWIRE_FULL_SNAPSHOT_INTERVAL_MS', kind: int(0, 60_000), help: 'ms between full snapshots to one client' },
  // ---- exposure and per-address limits ----
  { key: 'serveSourceMaps', flag: '--serve-source-maps', env: 'TICKWIRE_SERVE_SOURCE_MAPS', kind: { type: 'bool' }, help: 'serve *.map files (development)' },
  { key: 'metricsAllow', flag: '--metrics-allow', env: 'TICKWIRE_METRICS_ALLOW', kind: { type: 'list', item: (e) => parseCidr(e) !== null, hint: 'CIDR networks like 10.0.0.0/8' }, help: 'comma-separated networks besides loopback that may scrape /metrics' },
  { key: 'metricsToken', flag: '--metrics-token', env: 'TICKWIRE_METRICS_TOKEN', kind: { type: 'string', pattern: /^([\x21-\x7e]{16,512})?$/, hint: '16-512 printable ASCII characters' }, help: 'bearer token that opens /metrics from anywhere' },
  { key: 'maxRoomsPerAddress', flag: '--max-rooms-per-address', env: 'TICKWIRE_MAX_ROOMS_PER_ADDRESS', kind: int(1, 100_000), help: 'live rooms one address may create via the API' },
  { key: 'maxConnectionsPerAddress', flag: '--max-connections-per-address', env: 'TICKWIRE_MAX_CONNECTIONS_PER_ADDRESS', kind: int(1, 1_000_000), help: 'WebSocket connections per client address' },
  { key: 'quotaExempt', flag: '--quota-exempt', env: 'TICKWIRE_QUOTA_EXEMPT', kind: { type: 'list', item: (e) => parseCidr(e) !== null, hint: 'CIDR networks like 10.0.0.0/8' }, help: 'comma-separated networks exempt from per-address quotas ("" for none)' },
  { key: 'httpMaxBufferedBytes', flag: '--http-max-buffered', env: 'TICKWIRE_HTTP_MAX_BUFFERED', kind: int(64 * 1024, 4 * 1024 * 1024 * 1024), help: 'bytes of generated HTTP bodies awaiting slow readers' },
  // ---- room mobility ----
  { key: 'checkpointIntervalMs', flag: '--checkpoint-interval-ms', env: 'TICKWIRE_CHECKPOINT_INTERVAL_MS', kind: int(100, 600_000), help: 'ms between room checkpoints to Redis (cluster failover)' },
  { key: 'httpMaxPendingResponses', flag: '--http-max-pending', env: 'TICKWIRE_HTTP_MAX_PENDING', kind: int(16, 1_000_000), help: 'HTTP responses awaiting slow readers' },
  { key: 'sendPassSliceMs', flag: '--send-pass-slice', env: 'TICKWIRE_SEND_PASS_SLICE_MS', kind: int(0, 1000), help: 'ms the post-tick send pass writes before yielding (0 = send inside the tick)' },
  // ---- replays and operator console ----
  { key: 'replays', flag: '--replays', env: 'TICKWIRE_REPLAYS', kind: { type: 'bool' }, help: 'record rooms as replays (--replays=false: off)' },
  { key: 'replayDir', flag: '--replay-dir', env: 'TICKWIRE_REPLAY_DIR', kind: { type: 'string', pattern: /^[^\0]{1,4096}$/, hint: 'a directory' }, help: 'directory of replay files' },
  { key: 'replayMaxFiles', flag: '--replay-max-files', env: 'TICKWIRE_REPLAY_MAX_FILES', kind: int(1, 1_000_000), help: 'replay files kept (oldest deleted first)' },
  { key: 'replayMaxFileBytes', flag: '--replay-max-file-bytes', env: 'TICKWIRE_REPLAY_MAX_FILE_BYTES', kind: int(64 * 1024, 1024 * 1024 * 1024), help: 'size cap of one replay file' },
  { key: 'replayMaxTotalBytes', flag: '--replay-max-total-bytes', env: 'TICKWIRE_REPLAY_MAX_TOTAL_BYTES', kind: int(64 * 1024, 2 ** 50), help: 'bytes of replay files kept (oldest deleted first)' },
  { key: 'replayKeyframeSec', flag: '--replay-keyframe-sec', env: 'TICKWIRE_REPLAY_KEYFRAME_SEC', kind: int(1, 600), help: 'seconds between replay keyframes (state hashes)' },
  { key: 'adminToken', flag: '--admin-token', env: 'TICKWIRE_ADMIN_TOKEN', kind: { type: 'string', pattern: /^([\x21-\x7e]{16,512})?$/, hint: '16-512 printable ASCII characters' }, help: 'bearer token of the operator console /admin ("" = console off)' },
  // ---- spectators ----
  { key: 'maxSpectators', flag: '--max-spectators', env: 'TICKWIRE_MAX_SPECTATORS', kind: int(0, 10_000), help: 'spectators per room besides its players (4112 beyond; 0 = off)' },
  // ---- cluster core ----
  { key: 'redisUrl', flag: '--redis', env: 'REDIS_URL', kind: { type: 'string', pattern: /^(rediss?:\/\/[\x21-\x7e]{1,1000})?$/, hint: 'a redis:// or rediss:// URL' }, help: 'Redis of the cluster this node joins ("" = no cluster)' },
  { key: 'nodeId', flag: '--node-id', env: 'TICKWIRE_NODE_ID', kind: { type: 'string', pattern: /^([a-z0-9][a-z0-9-]{0,31})?$/, hint: '1-32 of a-z 0-9 -' }, help: 'node id in the cluster ("" = random)' },
  { key: 'publicUrl', flag: '--public-url', env: 'TICKWIRE_PUBLIC_URL', kind: { type: 'string', pattern: /^(https?:\/\/[\x21-\x7e]{1,480})?$/, hint: 'an http(s):// base URL' }, help: 'base URL clients reach this node at ("" = http://<host>:<port>)' },
  { key: 'clusterHeartbeatMs', flag: '--cluster-heartbeat', env: 'TICKWIRE_CLUSTER_HEARTBEAT_MS', kind: int(100, 60_000), help: 'ms between presence heartbeats (expiry: 3 heartbeats)' },
  { key: 'workers', flag: '--workers', env: 'TICKWIRE_WORKERS', kind: int(0, 256), help: 'game worker processes (0 = one per core, 1 = single process)' },
  // ---- join storms ----
  { key: 'listenSockets', flag: '--listen-sockets', env: 'TICKWIRE_LISTEN_SOCKETS', kind: int(1, 64), help: 'listen sockets (accept queues of 512) on the port; 1 = one exclusive socket' },
];

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`invalid configuration (${problems.length} problem${problems.length === 1 ? '' : 's'}):\n  - ${problems.join('\n  - ')}`);
  }
}

function parseValue(spec: OptionSpec, raw: string, source: string, problems: string[]): unknown {
  const k = spec.kind;
  switch (k.type) {
    case 'int': {
      const n = /^-?\d+$/.test(raw.trim()) ? Number(raw) : NaN;
      if (!Number.isSafeInteger(n) || n < k.min || n > k.max) {
        problems.push(`${source}: must be an integer from ${k.min} to ${k.max} (got ${JSON.stringify(raw)})`);
        return undefined;
      }
      return n;
    }
    case 'string':
      if (k.pattern && !k.pattern.test(raw)) {
        problems.push(`${source}: must be ${k.hint ?? 'valid'} (got ${JSON.stringify(raw)})`);
        return undefined;
      }
      return raw;
    case 'list': {
      const items = raw.split(',').map((s) => s.trim()).filter(Boolean);
      const bad = k.item ? items.filter((e) => !k.item!(e)) : [];
      if (bad.length > 0) {
        problems.push(`${source}: entries must be ${k.hint ?? 'valid'} (got ${JSON.stringify(bad.join(','))})`);
        return undefined;
      }
      return items;
    }
    case 'bool':
      if (!/^(true|false|1|0)$/.test(raw)) {
        problems.push(`${source}: must be true or false (got ${JSON.stringify(raw)})`);
        return undefined;
      }
      return raw === 'true' || raw === '1';
    case 'enum':
      if (!k.values.includes(raw)) {
        problems.push(`${source}: must be one of ${k.values.join(', ')} (got ${JSON.stringify(raw)})`);
        return undefined;
      }
      return raw;
  }
}

/** Cross-field rules, on a complete config. */
function checkRelations(c: Config, problems: string[]): void {
  if (c.tickRate % c.snapshotRate !== 0 || c.snapshotRate > c.tickRate) {
    problems.push(`snapshotRate (${c.snapshotRate}) must divide tickRate (${c.tickRate})`);
  }
  if (c.defaultMaxPlayers > c.maxPlayersPerRoom) {
    problems.push(`defaultMaxPlayers (${c.defaultMaxPlayers}) exceeds maxPlayersPerRoom (${c.maxPlayersPerRoom})`);
  }
  if (c.backpressureSkipBytes >= c.maxBackpressureBytes) {
    problems.push(`backpressureSkipBytes (${c.backpressureSkipBytes}) must be below maxBackpressureBytes (${c.maxBackpressureBytes})`);
  }
  if (c.maxInputRate < c.tickRate) {
    problems.push(`maxInputRate (${c.maxInputRate}) must be at least tickRate (${c.tickRate})`);
  }
}

/**
 * Build a Config from env and argv (flags as `--name value` or `--name=value`).
 * Throws ConfigError listing every problem.
 */
export function loadConfig(env: Record<string, string | undefined>, argv: readonly string[]): Config {
  const problems: string[] = [];
  const out: Record<string, unknown> = { ...DEFAULT_CONFIG };
  for (const spec of OPTIONS) {
    const raw = env[spec.env];
    if (raw !== undefined && raw !== '') {
      const v = parseValue(spec, raw, `env ${spec.env}`, problems);
      if (v !== undefined) out[spec.key] = v;
    }
  }
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (!arg.startsWith('--')) {
      problems.push(`unexpected argument ${JSON.stringify(arg)}`);
      continue;
    }
    const eq = arg.indexOf('=');
    const flag = eq >= 0 ? arg.slice(0, eq) : arg;
    const spec = OPTIONS.find((o) => o.flag === flag);
    if (!spec) {
      problems.push(`unknown flag ${flag} (see --help)`);
      if (eq < 0 && i + 1 < argv.length && !argv[i + 1].startsWith('--')) i++;
      continue;
    }
    let raw: string | undefined;
    if (eq >= 0) raw = arg.slice(eq + 1);
    else if (spec.kind.type === 'bool') raw = 'true'; // a bare boolean flag turns it on
    else if (i + 1 < argv.length && !argv[i + 1].startsWith('--')) raw = argv[++i];
    if (raw === undefined) {
      problems.push(`${flag}: needs a value`);
      continue;
    }
    const v = parseValue(spec, raw, flag, problems);
    if (v !== undefined) out[spec.key] = v;
  }
  const config = out as unknown as Config;
  if (problems.length === 0) checkRelations(config, problems);
  if (problems.length > 0) throw new ConfigError(problems);
  return config;
}

/** Validate a programmatic config (startServer overrides) with the same rules. */
export function resolveConfig(overrides: Partial<Config>): Config {
  const config = { ...DEFAULT_CONFIG, ...overrides };
  const problems: string[] = [];
  for (const spec of OPTIONS) {
    const v = config[spec.key];
    if (spec.kind.type === 'int' || spec.kind.type === 'string' || spec.kind.type === 'enum' || spec.kind.type === 'bool') {
      parseValue(spec, String(v), spec.key, problems);
    } else if (!Array.isArray(v)) {
      problems.push(`${spec.key}: must be a list of strings`);
    } else {
      parseValue(spec, v.join(','), spec.key, problems);
    }
  }
  if (problems.length === 0) checkRelations(config, problems);
  if (problems.length > 0) throw new ConfigError(problems);
  return config;
}

export function configHelp(): string {
  const rows = OPTIONS.map((o) => `  ${(o.flag + ' <v>').padEnd(28)} ${o.env.padEnd(32)} ${o.help} (default ${JSON.stringify(DEFAULT_CONFIG[o.key])})`);
  return `usage: tickwire [flags]\n\n  flag                         env                              meaning\n${rows.join('\n')}\n`;
}
