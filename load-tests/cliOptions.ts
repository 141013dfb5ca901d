/**
 * `npm run load -- <scenario> [flags]`: flag parsing and validation. Every flag
 * is checked and every problem is reported at once (exit 2), like autocannon's
 * validate.js. Parsing is pure: argv in, options or problems out.
 */
import { availableParallelism } from 'node:os';
import { PATTERNED_GAMES } from './bots/botInputs';
import { GAME_NAME_PATTERN } from '../shared/protocol/gameDescriptor';
import { checkTarget } from './targetGuard';

export const SCENARIOS = ['http', 'connect', 'play', 'throughput'] as const;
export type Scenario = (typeof SCENARIOS)[number];

export interface LoadOptions {
  scenario: Scenario;
  /** Base URL of the server, http://HOST:PORT (ignored with spawnServer until it is known). */
  url: string;
  spawnServer: boolean;
  allowRemote: boolean;
  durationSec: number;
  workers: number;
  json: boolean;
  html: string | null;
  progress: boolean;
  /** Bot connections (connect, play, throughput) or HTTP connections (http). */
  clients: number;
  /** play: rooms the bots are spread over (default: clients / 10). */
  rooms: number;
  /** connect: new connections per second. */
  rate: number;
  /** connect: keep each connection open after its welcome until the end. */
  hold: boolean;
  /** throughput: pings in flight per connection; http: autocannon pipelining. */
  pipeline: number;
  /** throughput: target is a raw echo server (no handshake; any reply counts). */
  raw: boolean;
  /** connect/play: minimal hand-written WebSocket client (cheaper per bot than `ws`). */
  fastClient: boolean;
  /** play: light bots (read ackSeq/tick only, don't apply snapshots) to drive more bots per core. */
  light: boolean;
  /** play: lean full-behaviour bots (LeanPlayBot: the same inputs, messages and acks at a fraction of the CPU). */
  lean: boolean;
  /** play: the game the bots play (rooms are created for it). */
  game: string;
  /** play: ticks per Input message (1 = one message per tick). */
  ticksPerMessage: number;
  /** play: percent of Input messages dropped before sending (simulated upstream loss). */
  uplinkLossPercent: number;
  /** Extra flags for --spawn-server, e.g. "--max-message-rate 100000". */
  serverArgs: string[];
}

type Kind = 'int' | 'bool' | 'string';
interface FlagSpec {
  flag: string;
  kind: Kind;
  key: keyof LoadOptions;
  min?: number;
  max?: number;
  help: string;
}

export const FLAGS: readonly FlagSpec[] = [
  { flag: '--url', kind: 'string', key: 'url', help: 'server base URL (default http://127.0.0.1:8080)' },
  { flag: '--spawn-server', kind: 'bool', key: 'spawnServer', help: 'start a tickwire server for the run (pinned with taskset when possible)' },
  { flag: '--allow-remote', kind: 'bool', key: 'allowRemote', help: 'allow a target outside 127.0.0.0/8, ::1, localhost' },
  { flag: '--duration', kind: 'int', key: 'durationSec', min: 1, max: 3600, help: 'seconds the run lasts (it always stops by itself)' },
  { flag: '--workers', kind: 'int', key: 'workers', min: 1, max: 64, help: 'worker threads for bots (default: one per core)' },
  { flag: '--json', kind: 'bool', key: 'json', help: 'print the result as JSON on stdout instead of tables' },
  { flag: '--html', kind: 'string', key: 'html', help: 'write a self-contained HTML report with charts to FILE' },
  { flag: '--progress', kind: 'bool', key: 'progress', help: 'live progress line on stderr even when not a TTY' },
  { flag: '--clients', kind: 'int', key: 'clients', min: 1, max: 100_000, help: 'bots (connect/play/throughput) or HTTP connections (http)' },
  { flag: '--rooms', kind: 'int', key: 'rooms', min: 1, max: 10_000, help: 'play: rooms to spread bots over (default clients/10)' },
  { flag: '--rate', kind: 'int', key: 'rate', min: 1, max: 1_000_000, help: 'connect: new connections per second' },
  { flag: '--hold', kind: 'bool', key: 'hold', help: 'connect: keep connections open after the welcome' },
  { flag: '--pipeline', kind: 'int', key: 'pipeline', min: 1, max: 1024, help: 'throughput: pings in flight per connection; http: pipelining' },
  { flag: '--raw', kind: 'bool', key: 'raw', help: 'throughput: the target is a raw echo server' },
  { flag: '--fast-client', kind: 'bool', key: 'fastClient', help: 'connect/play: minimal built-in WebSocket client (cheaper per bot than ws)' },
  { flag: '--light', kind: 'bool', key: 'light', help: 'play: bots ack snapshots without applying them (more bots per core)' },
  { flag: '--lean', kind: 'bool', key: 'lean', help: 'play: lean full-behaviour bots (same inputs, messages, acks; snapshot headers only, built-in client; 1 in 50 applies snapshots)' },
  { flag: '--game', kind: 'string', key: 'game', help: `play: the game the bots play (any game the server hosts; own patterns for ${PATTERNED_GAMES.join(', ')}, others from the input schema; default arena)` },
  { flag: '--ticks-per-message', kind: 'int', key: 'ticksPerMessage', min: 1, max: 8, help: 'play: ticks per Input message (default 3; a button change is sent at once)' },
  { flag: '--uplink-loss', kind: 'int', key: 'uplinkLossPercent', min: 0, max: 50, help: 'play: percent of Input messages dropped before sending (default 0)' },
  { flag: '--server-arg', kind: 'string', key: 'serverArgs', help: 'extra argument for --spawn-server (repeatable)' },
];

const DEFAULT_CLIENTS: Record<Scenario, number> = { http: 10, connect: 1000, play: 100, throughput: 50 };

export function defaultOptions(scenario: Scenario): LoadOptions {
  return {
    scenario,
    url: 'http://127.0.0.1:8080',
    spawnServer: false,
    allowRemote: false,
    durationSec: 10,
    workers: availableParallelism(),
    json: false,
    html: null,
    progress: false,
    clients: DEFAULT_CLIENTS[scenario],
    rooms: 0,
    rate: 1000,
    hold: false,
    pipeline: 16,
    raw: false,
    light: false,
    lean: false,
    fastClient: false,
    game: 'arena',
    ticksPerMessage: 3,
    uplinkLossPercent: 0,
    serverArgs: [],
  };
}

export type ParseResult = { ok: true; options: LoadOptions } | { ok: false; problems: string[] } | { ok: 'help' };

/** Parse `<scenario> [--flag value | --flag=value]...`; all problems at once. */
export function parseLoadArgs(argv: readonly string[]): ParseResult {
  const problems: string[] = [];
  const args = [...argv];
  if (args.includes('--help') || args.includes('-h')) return { ok: 'help' };
  const first = args[0];
  let scenario: Scenario = 'play';
  if (first === undefined || first.startsWith('-')) {
    problems.push(`missing scenario: one of ${SCENARIOS.join(', ')}`);
  } else {
    args.shift();
    if ((SCENARIOS as readonly string[]).includes(first)) scenario = first as Scenario;
    else problems.push(`unknown scenario ${JSON.stringify(first)}: one of ${SCENARIOS.join(', ')}`);
  }
  const opts = defaultOptions(scenario);
  const out = opts as unknown as Record<string, unknown>;
  const seen = new Set<string>();
  let urlGiven = false;
  let roomsGiven = false;

  for (let i = 0; i < args.length; i++) {
    const arg = args[i];
    const eq = arg.indexOf('=');
    const name = eq > 0 ? arg.slice(0, eq) : arg;
    const spec = FLAGS.find((f) => f.flag === name);
    if (!spec) {
      problems.push(arg.startsWith('-') ? `unknown flag ${name}` : `unexpected argument ${JSON.stringify(arg)}`);
      continue;
    }
    if (seen.has(name) && spec.key !== 'serverArgs') problems.push(`${name}: given more than once`);
    seen.add(name);
    if (spec.kind === 'bool') {
      if (eq > 0) {
        const v = arg.slice(eq + 1);
        if (v === 'true' || v === 'false') out[spec.key] = v === 'true';
        else problems.push(`${name}: must be true or false (got ${JSON.stringify(v)})`);
      } else {
        out[spec.key] = true;
      }
      continue;
    }
    let raw: string | undefined;
    if (eq > 0) raw = arg.slice(eq + 1);
    else if (i + 1 < args.length && !(args[i + 1].startsWith('--') && spec.key !== 'serverArgs')) raw = args[++i];
    if (raw === undefined) {
      problems.push(`${name}: needs a value`);
      continue;
    }
    if (spec.kind === 'int') {
      const n = /^\d+$/.test(raw) ? Number(raw) : NaN;
      if (!Number.isSafeInteger(n) || n < (spec.min ?? 0) || n > (spec.max ?? Number.MAX_SAFE_INTEGER)) {
        problems.push(`${name}: must be an integer from ${spec.min} to ${spec.max} (got ${JSON.stringify(raw)})`);
      } else {
        out[spec.key] = n;
      }
    } else if (spec.key === 'serverArgs') {
      opts.serverArgs.push(...raw.split(/\s+/).filter(Boolean));
    } else {
      if (raw === '') problems.push(`${name}: must not be empty`);
      else out[spec.key] = raw;
    }
    if (spec.key === 'url') urlGiven = true;
    if (spec.key === 'rooms') roomsGiven = true;
  }

  if (urlGiven && opts.spawnServer) problems.push('--url and --spawn-server exclude each other');
  if (!opts.spawnServer) {
    const bad = checkTarget(opts.url, opts.allowRemote);
    if (bad) problems.push(bad);
  }
  if (!roomsGiven) opts.rooms = Math.max(1, Math.ceil(opts.clients / 10));
  if (opts.rooms > opts.clients) problems.push(`--rooms (${opts.rooms}) exceeds --clients (${opts.clients})`);
  if (opts.raw && opts.scenario !== 'throughput') problems.push('--raw only applies to the throughput scenario');
  if (opts.fastClient && opts.scenario !== 'connect' && opts.scenario !== 'play') problems.push('--fast-client only applies to the connect and play scenarios');
  if (opts.light && opts.scenario !== 'play') problems.push('--light only applies to the play scenario');
  if (opts.lean && opts.scenario !== 'play') problems.push('--lean only applies to the play scenario');
  if (opts.lean && (opts.light || opts.fastClient)) problems.push('--lean replaces --light and --fast-client (it uses the built-in client and reads snapshot headers)');
  if (!new RegExp(GAME_NAME_PATTERN).test(opts.game)) problems.push(`--game: ${JSON.stringify(opts.game)} is not a game name (${GAME_NAME_PATTERN})`);
  for (const [given, flag] of [[seen.has('--game'), '--game'], [seen.has('--ticks-per-message'), '--ticks-per-message'], [seen.has('--uplink-loss'), '--uplink-loss']] as const) {
    if (given && opts.scenario !== 'play') problems.push(`${flag} only applies to the play scenario`);
  }
  if (opts.hold && opts.scenario !== 'connect') problems.push('--hold only applies to the connect scenario');
  if (opts.raw && opts.spawnServer) problems.push('--raw targets an echo server; --spawn-server starts tickwire');
  return problems.length > 0 ? { ok: false, problems } : { ok: true, options: opts };
}

const VALUE_NAMES: Record<string, string> = { '--url': 'URL', '--html': 'FILE', '--server-arg': 'ARG', '--game': 'NAME' };

export function usage(): string {
  const lines = [
    'usage: npm run load -- <scenario> [flags]',
    '',
    'scenarios:',
    '  http        autocannon against GET /api/rooms and /healthz',
    '  connect     connection storm: handshake + join + welcome at --rate per second',
    '  play        bots in rooms sending inputs at the simulation rate; RTT, jitter, bytes, server tick',
    '  throughput  Ping/Pong as fast as the message path allows',
    '',
    'flags:',
    ...FLAGS.map((f) => `  ${(f.flag + (f.kind === 'bool' ? '' : ' ' + (f.kind === 'int' ? 'N' : (VALUE_NAMES[f.flag] ?? 'VALUE')))).padEnd(22)} ${f.help}`),
  ];
  return lines.join('\n');
}
