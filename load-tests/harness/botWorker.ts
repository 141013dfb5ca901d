/**
 * Bot worker thread: runs its share of the bots for the duration of the run,
 * flushes metrics to the main thread once a second, and ends by itself at the
 * deadline, or earlier when every bot is gone (e.g. the server died).
 */
import { parentPort, workerData } from 'node:worker_threads';
import { ColyseusBot } from '../bench/colyseus/colyseusBot';
import { ConnectBot } from '../bots/connectBot';
import { FastConnectBot } from '../bots/fastConnectBot';
import { PingBot } from '../bots/pingBot';
import { LeanPlayBot, VERIFY_EVERY } from '../bots/leanPlayBot';
import { PlayBot } from '../bots/playBot';
import { DueWheel } from './dueWheel';
import { MetricsRecorder } from './metricsRecorder';
import type { WorkerReport } from './workerMessages';
import type { WorkerTask } from './workerTask';

/** Scheduler resolution: inputs are due every 16.7 ms at 60 Hz. */
const LOOP_MS = 2;
/** Time the bots get to close cleanly at the end. */
const CLOSE_GRACE_MS = 500;
/** Loops between checks that every bot is gone (a scan of all bots; 100 ms). */
const ALL_GONE_CHECK_EVERY = 50;

interface AnyBot {
  readonly finished: boolean;
  tick(now: number): void;
  /** When `tick` next has work (epoch ms; Infinity: not yet, e.g. still joining). Absent: tick every loop. */
  nextDueMs?(): number;
  close(): void;
  gauges(into: Record<string, number>): void;
}

function post(report: WorkerReport): void {
  parentPort!.postMessage(report);
}

/** A play bot: lean (all but one in VERIFY_EVERY of a --lean run) or the classic PlayBot (full or light). */
function playBotFor(task: WorkerTask, index: number, room: string | undefined, metrics: MetricsRecorder, now: () => number): LeanPlayBot | PlayBot {
  const common = { wsUrl: task.wsUrl, name: `bot${index}`, room, game: task.game, seed: 0x9e3779b9 ^ index, metrics, now, ticksPerMessage: task.ticksPerMessage, uplinkLoss: task.uplinkLoss };
  if (task.lean && index % VERIFY_EVERY !== 0) return new LeanPlayBot(common);
  // A --lean run's verifier applies every snapshot over the same raw socket.
  return new PlayBot({ ...common, light: task.light && !task.lean, fastClient: task.fastClient || task.lean });
}

function wrap(task: WorkerTask, i: number, metrics: MetricsRecorder, now: () => number): AnyBot {
  const { index, room } = task.bots[i];
  const name = `bot${index}`;
  switch (task.kind) {
    case 'play': {
      const b = playBotFor(task, index, room, metrics, now);
      return {
        get finished() {
          return b.state === 'closed';
        },
        tick: (t) => void b.sendDueInputs(t),
        nextDueMs: () => b.nextInputAt,
        close: () => b.close(),
        gauges: (g) => {
          g.inputsInFlight = (g.inputsInFlight ?? 0) + b.inFlight;
        },
      };
    }
    case 'colyseus-play': {
      const b = new ColyseusBot({ wsUrl: task.wsUrl, roomName: task.roomName, name, seed: 0x9e3779b9 ^ index, metrics, now });
      return {
        get finished() {
          return b.state === 'closed';
        },
        tick: (t) => b.sendDueInputs(t),
        close: () => b.close(),
        gauges: (g) => {
          g.inputsInFlight = (g.inputsInFlight ?? 0) + b.inFlight;
        },
      };
    }
    case 'connect': {
      const b = task.fastClient
        ? new FastConnectBot(task.wsUrl, name, task.hold, metrics, now)
        : new ConnectBot(task.wsUrl, name, task.hold, metrics, now);
      return {
        get finished() {
          return b.settled;
        },
        tick: (t) => b.checkTimeout(t),
        close: () => b.leave(),
        gauges: (g) => {
          if (b.welcomedAt > 0) g.lastWelcomeAtMs = Math.max(g.lastWelcomeAtMs ?? 0, b.welcomedAt);
          g.firstConnectAtMs = Math.min(g.firstConnectAtMs ?? Infinity, b.startedAt);
        },
      };
    }
    case 'ping': {
      const b = new PingBot(task.wsUrl, task.raw, task.pipeline, name, metrics, now);
      return {
        get finished() {
          return b.state === 'closed';
        },
        tick: () => undefined,
        close: () => b.close(),
        gauges: (g) => {
          g.pingsInFlight = (g.pingsInFlight ?? 0) + b.inFlight;
        },
      };
    }
  }
}

function run(task: WorkerTask): void {
  post({ type: 'started', workerId: task.workerId });
  const metrics = new MetricsRecorder();
  // performance.timeOrigin differs per thread; epoch ms keeps the main thread's clock comparable.
  const now = () => performance.timeOrigin + performance.now();
  const start = now();
  const deadline = start + task.durationMs;
  const bots: AnyBot[] = [];
  const total = task.bots.length;
  const spacingMs = task.kind === 'connect' ? 1000 / task.connectRatePerSec : total > 0 ? task.rampMs / total : 0;
  let second = 0;
  let ending = false;

  const flush = () => {
    post({ type: 'interval', workerId: task.workerId, second, ...metrics.flush() });
    second++;
  };
  const flushTimer = setInterval(flush, 1000);

  const finish = () => {
    if (ending) return;
    ending = true;
    clearTimeout(loopTimer);
    for (const b of bots) b.close();
    setTimeout(() => {
      clearInterval(flushTimer);
      parentPort!.removeAllListeners('message');
      const gauges: Record<string, number> = { botsStarted: bots.length };
      for (const b of bots) b.gauges(gauges);
      post({ type: 'interval', workerId: task.workerId, second, ...metrics.flush() });
      post({ type: 'done', workerId: task.workerId, gauges, counters: {}, histograms: {} });
    }, CLOSE_GRACE_MS);
  };

  parentPort!.on('message', (m: { type?: string }) => {
    if (m.type === 'stop') finish();
  });

  const wheel = new DueWheel<AnyBot>(LOOP_MS, start);
  const always: AnyBot[] = [];
  let loops = 0;
  let loopTimer: NodeJS.Timeout;
  const loop = () => {
    const t = now();
    if (t >= deadline) return finish();
    // Open the bots that are due (rate-limited storm or ramp-up).
    while (bots.length < total && (spacingMs === 0 || start + bots.length * spacingMs <= t)) {
      const b = wrap(task, bots.length, metrics, now);
      bots.push(b);
      if (b.nextDueMs) wheel.waiting.push(b);
      else always.push(b);
    }
    // One timer for the worker; each loop visits only the bots with work due (wheel), not all of them.
    wheel.run(t, (b) => {
      if (b.finished) return Infinity;
      b.tick(t);
      return b.finished ? Infinity : b.nextDueMs!();
    }, (b) => !b.finished);
    for (const b of always) if (!b.finished) b.tick(t);
    if (++loops % ALL_GONE_CHECK_EVERY === 0 && bots.length === total && bots.every((b) => b.finished)) {
      // Every bot is gone: connect storms that completed, or a server that died.
      if (task.kind !== 'connect' || !task.hold) return finish();
    }
    loopTimer = setTimeout(loop, LOOP_MS);
  };
  loopTimer = setTimeout(loop, 0);
}

try {
  run(workerData as WorkerTask);
} catch (err) {
  post({ type: 'error', workerId: (workerData as WorkerTask).workerId, message: err instanceof Error ? err.stack ?? err.message : String(err) });
}
