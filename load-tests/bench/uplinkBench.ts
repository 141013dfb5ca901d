/**
 * Uplink (issue 16): what the compact Input encoding costs a client and the
 * server, per sending schedule, against the real server (spawned per step,
 * pinned like the peer bench):
 *
 *   bytes  — 10 full arena bots in one quick-play room, 60 frames/s each with
 *            the usual move/aim/fire pattern, ticksPerMessage 1, 2, 3: Input
 *            payload B/s per client, wire B/s (+ WebSocket client header and
 *            mask per message), messages/s, and input→ack RTT (frame produced
 *            → snapshot acknowledging it: the latency cost of batching);
 *   loss   — the same with 2 % and 5 % of Input messages dropped before
 *            sending: frames lost for good = frames no written message carried
 *            (TCP delivers what is written) + frames the server skipped
 *            (tickwire_inputs_skipped_total, latency bound);
 *   cpu    — `cpuPlayers` light bots per schedule: server CPU per player (the
 *            whole server; the schedule changes only the input path), beside
 *            the input path alone in process (inputPathBench.ts).
 */
import { scrapeMetrics, type MetricSamples } from '../target/metricsScrape';
import { SERVER_CPU } from '../target/cpuPinning';
import { wsUrlOf } from '../target/lobbyClient';
import { waitForQuiet } from '../target/machineLoad';
import { spawnTickwire } from '../target/spawnProcess';
import { runInputPathBench, type InputPathRow } from './inputPathBench';
import { measureWindow } from './measureWindow';

export const UPLINK_SCHEDULES = [1, 2, 3] as const;
export const UPLINK_LOSS_PERCENTS = [0, 2, 5] as const;
const ROOM_PLAYERS = 10;

export interface UplinkStep {
  ticksPerMessage: number;
  lossPercent: number;
  players: number;
  welcomed: number;
  /** Measured in the window (1 s report granularity: indicative). */
  framesPerSecPerClient: number;
  messagesPerSecPerClient: number;
  /**
   * Per client at exactly 60 frames/s, from whole-run totals per frame pushed
   * (robust to the generator's timing): messages, payload and wire bytes.
   */
  messagesAt60: number;
  payloadBytesAt60: number;
  wireBytesAt60: number;
  rttP50Ms: number;
  rttP99Ms: number;
  /** Whole run: frames pushed, messages dropped by the simulated loss, frames lost for good. */
  framesSent: number;
  messagesDropped: number;
  framesNeverSent: number;
  /** Server: frames skipped to bound latency (whole run; a fresh server per step). */
  serverInputsSkipped: number | null;
  serverCpuMsPerSecPerPlayer: number | null;
  /** The generator's share of its core; above 0.9, or under 85 % of the nominal frames, the step is generator-bound. */
  generatorCpu: number;
  generatorBound: boolean;
  decodeErrors: number;
}

export interface UplinkResult {
  bytes: UplinkStep[];
  cpu: UplinkStep[];
  inputPath: InputPathRow[];
}

async function runUplinkStep(ticksPerMessage: number, lossPercent: number, players: number, light: boolean, windowMs: number): Promise<UplinkStep> {
  await waitForQuiet(0.25, 8000);
  const proc = await spawnTickwire(['--max-connections', String(players * 2 + 100), '--max-rooms', String(Math.ceil(players / ROOM_PLAYERS) + 100)], SERVER_CPU, true);
  try {
    let after: MetricSamples | null = null;
    const w = await measureWindow(
      {
        kind: 'play',
        wsUrl: wsUrlOf(proc.url),
        bots: Array.from({ length: players }, (_, index) => ({ index })),
        connectRatePerSec: 0,
        rampMs: Math.min(5000, players * 3),
        hold: false,
        pipeline: 1,
        raw: false,
        roomName: '',
        game: 'arena',
        light,
        fastClient: light,
        ticksPerMessage,
        uplinkLoss: lossPercent / 100,
        workers: 1,
      },
      proc.pid,
      {
        isReady: (c) => c.counter('welcomed') + Object.values(c.family('fail')).reduce((a, b) => a + b, 0) >= players,
        readyTimeoutMs: 15_000,
        windowMs,
        atEnd: async () => {
          after = await scrapeMetrics(proc.url);
        },
      },
    );
    const c = w.collector;
    const welcomed = c.counter('welcomed');
    const perClient = (n: number) => n / w.seconds / Math.max(1, welcomed);
    const rtt = c.windowLatency('inputRtt');
    const skipped = (after as MetricSamples | null)?.get('tickwire_inputs_skipped_total');
    const per60 = (name: string) => (c.counter(name) / Math.max(1, c.counter('inputsSent'))) * 60;
    return {
      ticksPerMessage,
      lossPercent,
      players,
      welcomed,
      framesPerSecPerClient: perClient(c.windowCounter('inputsSent')),
      messagesPerSecPerClient: perClient(c.windowCounter('inputMessages')),
      messagesAt60: per60('inputMessages'),
      payloadBytesAt60: per60('inputBytes'),
      wireBytesAt60: per60('inputWireBytes'),
      rttP50Ms: rtt.p50Ms,
      rttP99Ms: rtt.p99Ms,
      framesSent: c.counter('inputsSent'),
      messagesDropped: c.counter('inputMessagesDropped'),
      framesNeverSent: c.counter('inputsNeverSent'),
      serverInputsSkipped: skipped ?? null,
      serverCpuMsPerSecPerPlayer: w.serverCpu === null ? null : (w.serverCpu * 1000) / Math.max(1, welcomed),
      generatorCpu: w.generatorCpu,
      generatorBound: w.generatorCpu >= 0.9 || perClient(c.windowCounter('inputsSent')) < 0.85 * 60,
      decodeErrors: c.counter('decodeErrors') + c.counter('snapshotApplyErrors'),
    };
  } finally {
    await proc.stop();
  }
}

export async function runUplinkBench(windowMs: number, cpuPlayers: number, onStep: (s: UplinkStep) => void = () => undefined): Promise<UplinkResult> {
  const bytes: UplinkStep[] = [];
  for (const lossPercent of UPLINK_LOSS_PERCENTS) {
    for (const tpm of UPLINK_SCHEDULES) {
      const s = await runUplinkStep(tpm, lossPercent, ROOM_PLAYERS, false, windowMs);
      bytes.push(s);
      onStep(s);
    }
  }
  const cpu: UplinkStep[] = [];
  for (const tpm of UPLINK_SCHEDULES) {
    const s = await runUplinkStep(tpm, 0, cpuPlayers, true, windowMs);
    cpu.push(s);
    onStep(s);
  }
  return { bytes, cpu, inputPath: runInputPathBench(UPLINK_SCHEDULES, Math.min(2000, windowMs / 2)) };
}
