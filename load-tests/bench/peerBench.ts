/**
 * Peer server: the same arena workload (shared/game/arena, 60 Hz simulation,
 * 30 Hz state, 10 players per room via join-or-create, the same input
 * pattern) on tickwire and on a Colyseus 0.18 room (under Node 22, see
 * colyseus/spawnColyseus.ts; tickwire and the bots stay on the bench's Node),
 * stepping the player count
 * up until the server no longer holds it:
 *
 *   holds ⇔ everyone joined, p99 tick ≤ 16.7 ms (the 60 Hz budget), and each
 *           client gets ≥ 90 % of the nominal 30 snapshots/s (server-side count)
 *
 * "tick" = tickwire: one tick of every room incl. snapshot sends (from the
 * /metrics histogram, window only); Colyseus: one room's simulation step
 * (each room has its own interval) — its patch encoding is timed separately.
 * When the generator itself runs out of CPU, the step-up stops and the result
 * is reported as "≥ N (generator-bound)".
 */
import { wsUrlOf } from '../target/lobbyClient';
import { histogramQuantileDelta, scrapeMetrics, type MetricSamples } from '../target/metricsScrape';
import { SERVER_CPU } from '../target/cpuPinning';
import { spawnTickwire, type SpawnedServer } from '../target/spawnProcess';
import { waitForQuiet } from '../target/machineLoad';
import { measureWindow } from './measureWindow';
import { node22Binary } from './colyseus/node22Binary';
import { spawnColyseus } from './colyseus/spawnColyseus';

export type PeerServer = 'tickwire' | 'colyseus';

export const TICK_BUDGET_MS = 1000 / 60;
const SNAPSHOT_RATE = 30;
/** The generator counts as saturated above this share of its core. */
const GENERATOR_LIMIT = 0.9;

export interface PeerStep {
  server: PeerServer;
  players: number;
  welcomed: number;
  tickP99Ms: number | null;
  patchP99Ms: number | null;
  loopLagP99Ms: number | null;
  snapshotsPerClientPerSec: number;
  inputRttP99Ms: number;
  serverCpu: number | null;
  /** Server CPU per player: fraction of a core × 1000 = CPU ms per second per player. */
  cpuMsPerSecPerPlayer: number | null;
  downBytesPerClientPerSec: number;
  upBytesPerClientPerSec: number;
  generatorCpu: number;
  /** Cores' worth of CPU other processes used during the window (interference). */
  otherCores: number | null;
  holds: boolean;
  generatorBound: boolean;
  why: string;
}

export interface PeerResult {
  steps: PeerStep[];
  /** Most players each server held, and whether the generator stopped the step-up first. */
  held: Record<PeerServer, { players: number; generatorBound: boolean }>;
  /**
   * Players one server core would hold at 80 % CPU, extrapolated from the
   * marginal CPU per player between the last two generator-healthy steps
   * (the average per player with only one). A projection, not a measurement.
   */
  projectedAt80: Record<PeerServer, number | null>;
  /** e.g. colyseus: "@colyseus/core 0.18.17 on Node v22.23.5", tickwire: "tickwire on Node v20.20.2". */
  runtimes: Record<PeerServer, string>;
  ratios: ReturnType<typeof peerRatios>;
}

function projectAt80(steps: readonly PeerStep[]): number | null {
  const ok = steps.filter((s) => !s.generatorBound && s.serverCpu !== null && s.serverCpu > 0 && s.welcomed === s.players);
  if (ok.length === 0) return null;
  const b = ok[ok.length - 1];
  const a = ok.length >= 2 ? ok[ok.length - 2] : null;
  const marginal = a ? (b.serverCpu! - a.serverCpu!) / (b.players - a.players) : 0;
  // Marginal cost when two healthy steps give a sane slope; else the average (counts fixed overhead: conservative).
  if (marginal > 0) return Math.round(b.players + (0.8 - b.serverCpu!) / marginal);
  return Math.round((0.8 * b.players) / b.serverCpu!);
}

async function spawnPeer(server: PeerServer, players: number): Promise<SpawnedServer> {
  if (server === 'tickwire') {
    return spawnTickwire(['--max-connections', String(players * 2 + 100), '--max-rooms', String(Math.ceil(players / 10) + 100)], SERVER_CPU, true);
  }
  const coly = await spawnColyseus(10, SERVER_CPU);
  peerRuntimes.colyseus = `@colyseus/core ${coly.coreVersion} on Node ${coly.nodeVersion}`;
  return coly;
}

/** What each server ran on, filled in as they start (printed, and kept in the JSON result). */
const peerRuntimes: Record<PeerServer, string> = { tickwire: `tickwire on Node ${process.version}`, colyseus: 'not started' };

interface ColyseusStats {
  players: number;
  patchesSent: number;
  stepMs: { p99Ms: number };
  patchMs: { p99Ms: number };
  loopLagP99Ms: number;
}

async function colyseusStats(statsUrl: string): Promise<ColyseusStats> {
  const res = await fetch(statsUrl, { signal: AbortSignal.timeout(3000) });
  return (await res.json()) as ColyseusStats;
}

/** On a shared machine, wait (bounded) for other work to calm down before each step. */
const QUIET_BUSY_SHARE = 0.25;
const QUIET_MAX_WAIT_MS = 8000;

export async function runPeerStep(server: PeerServer, players: number, windowMs: number): Promise<PeerStep> {
  await waitForQuiet(QUIET_BUSY_SHARE, QUIET_MAX_WAIT_MS);
  const proc = await spawnPeer(server, players);
  try {
    const [wsUrl, statsUrl] = server === 'tickwire' ? [wsUrlOf(proc.url), ''] : proc.url.split(' stats ');
    let before: MetricSamples | null = null;
    let after: MetricSamples | null = null;
    let coly: ColyseusStats | null = null;
    const w = await measureWindow(
      {
        kind: server === 'tickwire' ? 'play' : 'colyseus-play',
        wsUrl,
        bots: Array.from({ length: players }, (_, index) => ({ index })),
        connectRatePerSec: 0,
        rampMs: Math.min(5000, players * 3),
        hold: false,
        pipeline: 1,
        raw: false,
        roomName: 'arena',
        light: true,
        // tickwire bots use the built-in client (cheaper per bot); Colyseus bots must use colyseus.js.
        fastClient: server === 'tickwire',
        workers: 1,
      },
      proc.pid,
      {
        isReady: (c) => c.counter('welcomed') + Object.values(c.family('fail')).reduce((a, b) => a + b, 0) >= players,
        readyTimeoutMs: 15_000,
        windowMs,
        atStart: async () => {
          if (server === 'tickwire') before = await scrapeMetrics(proc.url);
          else await colyseusStats(statsUrl);
        },
        atEnd: async () => {
          if (server === 'tickwire') after = await scrapeMetrics(proc.url);
          else coly = await colyseusStats(statsUrl);
        },
      },
    );
    const c = w.collector;
    const welcomed = c.counter('welcomed');
    const perClient = (n: number) => n / w.seconds / Math.max(1, welcomed);
    let tickP99Ms: number | null = null;
    let patchP99Ms: number | null = null;
    let loopLagP99Ms: number | null = null;
    let serverSnapshots = 0;
    if (server === 'tickwire' && after) {
      const a: MetricSamples = after;
      const q = histogramQuantileDelta(before, a, 'tickwire_tick_duration_seconds', 0.99);
      tickP99Ms = q === null ? null : q * 1000;
      serverSnapshots = (a.get('tickwire_snapshots_sent_total') ?? 0) - ((before as MetricSamples | null)?.get('tickwire_snapshots_sent_total') ?? 0);
      const lag = a.get('tickwire_event_loop_lag_seconds{stat="p99"}');
      loopLagP99Ms = lag === undefined ? null : lag * 1000;
    } else if (coly) {
      const s: ColyseusStats = coly;
      tickP99Ms = s.stepMs.p99Ms;
      patchP99Ms = s.patchMs.p99Ms;
      loopLagP99Ms = s.loopLagP99Ms;
      serverSnapshots = s.patchesSent;
    }
    const snapshotsPerClientPerSec = perClient(serverSnapshots);
    // The generator is the limit when it runs out of CPU or cannot send the inputs it should.
    const inputShare = c.windowCounter('inputsSent') / w.seconds / (60 * Math.max(1, welcomed));
    const generatorBound = w.generatorCpu >= GENERATOR_LIMIT || inputShare < 0.85 || c.errors.length > 0;
    const problems: string[] = [];
    if (welcomed < players) problems.push(`only ${welcomed}/${players} joined`);
    if (tickP99Ms === null || tickP99Ms > TICK_BUDGET_MS) problems.push(`p99 tick ${tickP99Ms?.toFixed(1) ?? 'n/a'} ms > ${TICK_BUDGET_MS.toFixed(1)} ms`);
    if (snapshotsPerClientPerSec < 0.9 * SNAPSHOT_RATE) problems.push(`snapshots ${snapshotsPerClientPerSec.toFixed(1)}/s < 90 % of ${SNAPSHOT_RATE}`);
    const why = [
      ...problems,
      ...(generatorBound ? [`generator-bound (CPU ${(w.generatorCpu * 100).toFixed(0)} %, sent ${(inputShare * 100).toFixed(0)} % of inputs)`] : []),
    ];
    return {
      server,
      players,
      welcomed,
      tickP99Ms,
      patchP99Ms,
      loopLagP99Ms,
      snapshotsPerClientPerSec,
      // The same definition on both sides: frame produced → the server says it applied it (tickwire's snapshot
      // ackSeq, Colyseus' input.lastProcessed); tickwire's earlier InputAck (received) is not compared.
      inputRttP99Ms: c.windowLatency(server === 'tickwire' ? 'inputAppliedRtt' : 'inputRtt').p99Ms,
      serverCpu: w.serverCpu,
      cpuMsPerSecPerPlayer: w.serverCpu === null ? null : (w.serverCpu * 1000) / Math.max(1, welcomed),
      downBytesPerClientPerSec: perClient(c.windowCounter('bytesIn')),
      upBytesPerClientPerSec: perClient(c.windowCounter('bytesOut')),
      generatorCpu: w.generatorCpu,
      otherCores: w.otherCores,
      holds: problems.length === 0,
      generatorBound,
      why: why.join('; ') || 'holds',
    };
  } finally {
    await proc.stop();
  }
}

/**
 * Colyseus ÷ tickwire at the largest player count both servers ran with
 * everyone joined and a healthy generator: CPU per player and bytes per
 * client each way (> 1 means tickwire is cheaper). Null when no such count exists.
 */
export function peerRatios(steps: readonly PeerStep[]): { players: number; cpuPerPlayer: number | null; downBytes: number; upBytes: number } | null {
  const full = (server: PeerServer) => steps.filter((s) => s.server === server && s.welcomed === s.players && !s.generatorBound);
  const tw = full('tickwire');
  const pairs = full('colyseus')
    .map((c) => [c, tw.find((t) => t.players === c.players)] as const)
    .filter((p): p is readonly [PeerStep, PeerStep] => p[1] !== undefined);
  if (pairs.length === 0) return null;
  const [c, t] = pairs[pairs.length - 1];
  return {
    players: c.players,
    cpuPerPlayer: c.cpuMsPerSecPerPlayer !== null && t.cpuMsPerSecPerPlayer ? c.cpuMsPerSecPerPlayer / t.cpuMsPerSecPerPlayer : null,
    downBytes: c.downBytesPerClientPerSec / t.downBytesPerClientPerSec,
    upBytes: c.upBytesPerClientPerSec / t.upBytesPerClientPerSec,
  };
}

function ratioLine(r: ReturnType<typeof peerRatios>): string {
  if (!r) return 'peer ratios: no player count ran fully, generator healthy, on both servers';
  const x = (v: number | null) => (v === null ? 'n/a' : `${v.toFixed(2)}×`);
  return `peer ratios Colyseus/tickwire at ${r.players} players: CPU per player ${x(r.cpuPerPlayer)}, down bytes per client ${x(r.downBytes)}, up bytes per client ${x(r.upBytes)}`;
}

/** Step up each server until it stops holding (or the generator saturates). */
export async function runPeerBench(
  counts: readonly number[],
  windowMs: number,
  onStep: (s: PeerStep) => void = () => undefined,
  /** Time budget for the whole part; each server gets half, and no new step starts past it. */
  budgetMs = Infinity,
): Promise<PeerResult> {
  // Fails before any step when there is no Node 22 for Colyseus 0.18.
  const node22 = node22Binary();
  process.stderr.write(`peer: Colyseus server on Node ${node22.version} (${node22.path}); tickwire server and all bots on Node ${process.version}\n`);
  const steps: PeerStep[] = [];
  const held: PeerResult['held'] = { tickwire: { players: 0, generatorBound: false }, colyseus: { players: 0, generatorBound: false } };
  for (const server of ['colyseus', 'tickwire'] as const) {
    const serverStart = performance.now();
    for (const players of counts) {
      if (performance.now() - serverStart > budgetMs / 2) break;
      const s = await runPeerStep(server, players, windowMs);
      steps.push(s);
      onStep(s);
      if (s.holds) held[server].players = players;
      if (s.generatorBound) held[server].generatorBound = s.holds;
      // Two steps at least, so the CPU-per-player projection has a slope.
      const taken = steps.filter((x) => x.server === server).length;
      if ((!s.holds || s.generatorBound) && taken >= 2) break;
    }
  }
  const ratios = peerRatios(steps);
  process.stderr.write(`${ratioLine(ratios)}\n`);
  return {
    steps,
    held,
    ratios,
    runtimes: { ...peerRuntimes },
    projectedAt80: {
      tickwire: projectAt80(steps.filter((s) => s.server === 'tickwire')),
      colyseus: projectAt80(steps.filter((s) => s.server === 'colyseus')),
    },
  };
}
