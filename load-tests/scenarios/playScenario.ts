/**
 * play: N bots in M rooms of one game (--game) producing an input frame per
 * simulation tick and sending one Input message per --ticks-per-message
 * ticks (--uplink-loss drops some before sending). Reports input→ack RTT,
 * snapshot jitter, bytes per client each way (Input payload and wire bytes
 * separately), frames lost for good, skipped snapshots, disconnects, and the
 * server's tick figures from /metrics.
 */
import type { RunResult } from '../report/runResult';
import { createRoom, wsUrlOf } from '../target/lobbyClient';
import { scrapeMetrics } from '../target/metricsScrape';
import { baseResult, cpuFigures, runBotsWithProgress, scrapeBefore, type RunContext } from './runContext';
import { availableParallelism } from 'node:os';
import { SATURATED_CPU_SHARE, saturationReasons } from './generatorSaturation';
import { DEFAULT_CONFIG } from '../../server/config';
import { VERIFY_EVERY } from '../bots/leanPlayBot';
import { fmt } from '../report/boxTable';
import { SteadyWindow, type SteadyFigures } from '../stats/steadyWindow';

/** Bots join over this long so the join burst does not distort the first second. */
const RAMP_MS_PER_BOT = 1;
/** A worker thread below this share of its core while its bots fell behind was starved by other processes. */
const STARVED_BELOW = 0.6;
/** The largest room a client may create (server/config.ts --max-players-per-room's ceiling). */
const MAX_CLIENT_ROOM_SEATS = 255;

interface Seating {
  /** Room ids the bots join, `perRoom` each; empty: every bot joins the game's quick play. */
  rooms: string[];
  /** Why quick play was used (null: created rooms). */
  quickPlay: string | null;
}

/**
 * Rooms for the bots: created through the lobby API, or, for one room larger
 * than a client may create (bigcells' 1,000 seats), the game's quick-play room,
 * which has the game's own seat count: every bot joins by game and they all
 * land in its first room.
 */
async function seatBots(baseUrl: string, game: string, roomCount: number, perRoom: number): Promise<Seating> {
  if (roomCount === 1 && perRoom > MAX_CLIENT_ROOM_SEATS) {
    const seats = await quickPlaySeats(baseUrl, game);
    if (perRoom > seats) throw new Error(`one room of ${perRoom} players: more than ${game}'s ${seats} quick-play seats and the ${MAX_CLIENT_ROOM_SEATS} a client may create`);
    return { rooms: [], quickPlay: `${perRoom} > ${MAX_CLIENT_ROOM_SEATS} seats, joined ${game}'s quick-play room (${seats} seats)` };
  }
  const rooms: string[] = [];
  for (let i = 0; i < roomCount; i++) rooms.push((await createRoom(baseUrl, `load ${i}`, perRoom, game)).id);
  return { rooms, quickPlay: null };
}

/**
 * The steady window's figures: what each bot did per second and what the
 * generator paid for it (/proc), with the bots one core would drive at the
 * nominal rate (a projection: one worker's bots × share of nominal frames ÷
 * the busiest thread's share of its core; bots are dealt evenly to workers).
 */
function steadyFigures(w: SteadyFigures | null, bots: number, workers: number, steady: SteadyWindow): Record<string, string | number> {
  if (!w) return { 'steady window (all bots playing)': 'none: not every bot was welcomed for a whole report' };
  const out: Record<string, string | number> = {
    'steady window (all bots playing)': `${w.seconds.toFixed(1)} s, load average ${steady.loadAtStart.toFixed(1)} → ${steady.loadAtEnd.toFixed(1)}`,
    'per bot per second in it: frames / Input messages / snapshots': `${w.framesPerBotPerSec.toFixed(1)} / ${w.messagesPerBotPerSec.toFixed(1)} / ${w.snapshotsPerBotPerSec.toFixed(1)}`,
    'server CPU in it: % of a core, ms/s per player': w.serverCores === null ? 'n/a (external server)' : `${fmt(w.serverCores * 100)}, ${((w.serverCores * 1000) / bots).toFixed(2)}`,
  };
  if (!w.cpu) return { ...out, 'generator CPU in it (/proc)': 'n/a (no /proc)' };
  const cores = w.cpu.user + w.cpu.system;
  const nominalShare = Math.min(1, w.framesPerBotPerSec / DEFAULT_CONFIG.tickRate);
  return {
    ...out,
    'generator CPU in it, /proc (% of a core): user + system = process; busiest thread': `${fmt(w.cpu.user * 100)} + ${fmt(w.cpu.system * 100)} = ${fmt(cores * 100)}; ${fmt(w.cpu.busiestThread * 100)}`,
    'generator CPU per bot (µs per second)': Math.round((cores * 1e6) / bots),
    'bots one generator core drives at the nominal rate (projection: busiest thread)': w.cpu.busiestThread > 0 ? Math.round(((bots / workers) * nominalShare) / w.cpu.busiestThread) : 'n/a',
  };
}

/** Seats in `game`'s quick-play rooms (GET /api/games: defaultMaxPlayers). */
async function quickPlaySeats(baseUrl: string, game: string): Promise<number> {
  const res = await fetch(new URL('/api/games', baseUrl), { signal: AbortSignal.timeout(5000) });
  const body = (await res.json()) as { games?: { name: string; defaultMaxPlayers: number }[] };
  const found = body.games?.find((g) => g.name === game);
  if (!found) throw new Error(`GET /api/games: the server hosts no game ${game}`);
  return found.defaultMaxPlayers;
}

export async function runPlay(ctx: RunContext): Promise<RunResult> {
  const o = ctx.options;
  const perRoom = Math.ceil(o.clients / o.rooms);
  const seating = await seatBots(ctx.target.url, o.game, o.rooms, perRoom);
  const rooms = seating.rooms;
  const bots = Array.from({ length: o.clients }, (_, index) => ({ index, room: rooms.length > 0 ? rooms[Math.floor(index / perRoom)] : undefined }));
  const before = await scrapeBefore(ctx);
  const steady = new SteadyWindow(o.clients, ctx.target.pid);
  const run = await runBotsWithProgress(
    { ...ctx, onReport: (c) => (steady.onReport(c), ctx.onReport?.(c)) },
    {
      kind: 'play',
      wsUrl: wsUrlOf(ctx.target.url),
      bots,
      connectRatePerSec: 0,
      rampMs: Math.min(2000, o.clients * RAMP_MS_PER_BOT),
      hold: false,
      pipeline: 1,
      raw: false,
      roomName: '',
      light: o.light,
      lean: o.lean,
      fastClient: o.fastClient,
      game: o.game,
      ticksPerMessage: o.ticksPerMessage,
      uplinkLoss: o.uplinkLossPercent / 100,
    },
    (c) => {
      const p = c.lastPoint();
      const rtt = p?.latency.inputRtt;
      return `playing ${fmt(c.counter('welcomed'))}/${o.clients}  inputs/s ${fmt(p?.counters.inputsSent ?? 0)}  RTT p99 ${fmt(rtt?.p99Ms ?? 0)} ms  disconnects ${Object.values(c.family('close')).reduce((a, b) => a + b, 0)}`;
    },
  );
  const after = await scrapeMetrics(ctx.target.url);
  const r = baseResult(ctx, run, o.clients, before, after);
  const c = run.collector;
  const secs = o.durationSec;
  const welcomed = Math.max(1, c.counter('welcomed'));
  r.latency['input→ack RTT'] = c.latency('inputRtt');
  r.latency['input→applied RTT (snapshot ackSeq)'] = c.latency('inputAppliedRtt');
  r.latency['snapshot jitter |Δ−nominal|'] = c.latency('snapshotJitter');
  r.latency['time to welcome'] = c.latency('timeToWelcome');
  r.figures = {
    bots: o.lean ? `lean full-behaviour (LeanPlayBot; 1 in ${VERIFY_EVERY} applies every snapshot)` : o.light ? 'light (PlayBot, snapshot headers only)' : 'full (PlayBot, applies every snapshot)',
    'bots welcomed': c.counter('welcomed'),
    rooms: `${o.rooms} (${o.game}${seating.quickPlay ? `, quick play: ${seating.quickPlay}` : ''})`,
    'input schedule': `${o.ticksPerMessage} tick(s) per message, ${o.uplinkLossPercent} % of messages dropped before sending`,
    'inputs sent (frames)': c.counter('inputsSent'),
    'inputs acknowledged': c.counter('inputsAcked'),
    'inputs in flight at end': c.gauges.inputsInFlight ?? 0,
    'inputs/s (all bots)': c.counter('inputsSent') / secs,
    'snapshots received': c.counter('snapshots'),
    'snapshots/s per client': c.counter('snapshots') / secs / welcomed,
    'snapshots skipped (tick gaps seen by bots)': c.counter('snapshotsSkipped'),
    'snapshots without baseline': c.counter('snapshotsWithoutBaseline'),
    'Input messages sent / dropped': `${c.counter('inputMessages')} / ${c.counter('inputMessagesDropped')}`,
    'frames never carried by a sent message (lost for good on the way)': c.counter('inputsNeverSent'),
    'uplink bytes/s per client (all messages)': c.counter('bytesOut') / secs / welcomed,
    'Input payload bytes/s per client': c.counter('inputBytes') / secs / welcomed,
    'Input wire bytes/s per client (with WebSocket header + mask)': c.counter('inputWireBytes') / secs / welcomed,
    'downlink bytes/s per client': c.counter('bytesIn') / secs / welcomed,
    'InputAck frames/s / payload bytes/s per client': `${(c.counter('inputAckFrames') / secs / welcomed).toFixed(1)} / ${(c.counter('inputAckBytes') / secs / welcomed).toFixed(1)}`,
    'inputs unacknowledged at each snapshot p50 / p99 (count)': `${Math.round(c.latency('unackedAtSnapshot').p50Ms)} / ${Math.round(c.latency('unackedAtSnapshot').p99Ms)}`,
    'decode errors': c.counter('decodeErrors') + c.counter('snapshotApplyErrors'),
    ...cpuFigures(run),
  };
  const reasons = saturationReasons({
    generatorCores: run.generatorCpu,
    generatorCoreLimit: Math.min(r.generator.workers, availableParallelism()),
    framesSent: c.counter('inputsSent'),
    // Bots produce one frame per tick of the server's tick rate (the default one: a spawned server's)
    // from their Welcome on: the mean time to welcome is not play time.
    framesNominal: c.counter('welcomed') * DEFAULT_CONFIG.tickRate * Math.max(0, secs - c.latency('timeToWelcome').meanMs / 1000),
  });
  const window = steady.figures();
  Object.assign(r.figures, steadyFigures(window, o.clients, r.generator.workers, steady));
  if (window?.cpu && window.cpu.busiestThread >= SATURATED_CPU_SHARE) {
    reasons.push(`a bot worker thread at ${(window.cpu.busiestThread * 100).toFixed(0)} % of a core while all bots played (≥ ${SATURATED_CPU_SHARE * 100} %)`);
  }
  r.figures['GENERATOR SATURATED'] = reasons.length > 0 ? 'YES' : 'no';
  if (reasons.length > 0) {
    r.notes.push(`GENERATOR SATURATED: ${reasons.join('; ')}. The server figures above are bounded by the generator, not the server.`);
    // Few frames from a worker that was mostly idle: the machine, not the bots, starved it.
    if (window?.cpu && window.cpu.busiestThread < STARVED_BELOW) {
      r.notes.push(
        `GENERATOR STARVED: its busiest thread used only ${(window.cpu.busiestThread * 100).toFixed(0)} % of a core while the bots fell behind (load average ${steady.loadAtEnd.toFixed(1)}): other processes took the core; the per-bot CPU figures still hold, the rates do not.`,
      );
    }
  }
  return r;
}
