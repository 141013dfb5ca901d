/**
 * One network condition of the netcode harness: a real tickwire server
 * process, one room, headless players at 60, 30 and 20 fps (two each) moving
 * and shooting at each other through the SDK's network simulator, and a few
 * server stalls (SIGSTOP/SIGCONT of the server process) to see what a tick
 * loop that stops for a moment does to the players' screens.
 *
 *   spawn server ─▶ POST /api/rooms ─▶ players join ─▶ warm-up ─▶ measure (stalls at ⅓, ⅔) ─▶ figures per fps
 */
import { createRoom } from '../target/lobbyClient';
import { spawnTickwire, type SpawnedServer } from '../target/spawnProcess';
import type { NetworkConditions } from '../../client/src/sdk/net/networkSimulator';
import type { FeelFigures } from './feelRecorder';
import { HeadlessPlayer, installWebSocket } from './headlessPlayer';

export interface NetcodeCondition {
  label: string;
  /** Added one-way latency and jitter per direction, ms; loss per direction, %. */
  lagMs: number;
  jitterMs: number;
  lossPct: number;
}

export const NETCODE_CONDITIONS: readonly NetcodeCondition[] = [
  { label: 'clean', lagMs: 0, jitterMs: 0, lossPct: 0 },
  { label: '150 ± 20 ms, 2 %', lagMs: 65, jitterMs: 20, lossPct: 2 },
  { label: '250 ± 40 ms, 5 %', lagMs: 105, jitterMs: 40, lossPct: 5 },
];

export const NETCODE_FPS = [60, 30, 20] as const;

export interface NetcodeRunOptions {
  measureMs: number;
  warmupMs: number;
  playersPerFps: number;
  /** Server stalls (SIGSTOP) during the measurement, each this long, ms (0 = none). */
  stallMs: number;
  stalls: number;
  /** Extra server flags (e.g. an input buffer setting under test). */
  serverArgs?: readonly string[];
}

export interface NetcodeRunResult {
  condition: NetcodeCondition;
  byFps: { fps: number; figures: FeelFigures[] }[];
  /** Server stalls actually applied: [start, end) local ms (end Infinity while one lasts). */
  stallWindows: [number, number][];
  /** The server's own counters after the run (whole run, warm-up included), if scraped. */
  serverInputsSkipped: number | null;
  serverInputsLate: number | null;
  serverInputTimingSent: number | null;
  serverTicksDropped: number | null;
  elapsedMs: number;
}

function conditionsOf(c: NetcodeCondition): NetworkConditions {
  const link = { lagMs: c.lagMs, jitterMs: c.jitterMs, lossPct: c.lossPct };
  return { up: { ...link }, down: { ...link } };
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function scrapeCounter(baseUrl: string, name: string): Promise<number | null> {
  try {
    const res = await fetch(new URL('/metrics', baseUrl), { signal: AbortSignal.timeout(3000) });
    const text = await res.text();
    const m = new RegExp(`^${name}(?:\\{[^}]*\\})?\\s+([0-9.e+]+)$`, 'm').exec(text);
    return m ? Number(m[1]) : null;
  } catch (err) {
    process.stderr.write(`netcode: /metrics unreadable (${(err as Error).message})\n`);
    return null;
  }
}

/** Run one condition against a fresh server process. */
export async function runNetcodeCondition(condition: NetcodeCondition, o: NetcodeRunOptions): Promise<NetcodeRunResult> {
  installWebSocket();
  const started = performance.now();
  const server: SpawnedServer = await spawnTickwire(o.serverArgs ?? []);
  const players: HeadlessPlayer[] = [];
  const stallWindows: [number, number][] = [];
  let measuring = false;
  try {
    const room = await createRoom(server.url, `netcode ${condition.label}`, NETCODE_FPS.length * o.playersPerFps);
    let seed = 1;
    for (const fps of NETCODE_FPS) {
      for (let i = 0; i < o.playersPerFps; i++) {
        const p = new HeadlessPlayer({
          baseUrl: server.url,
          roomId: room.id,
          name: `bot${fps}-${i}`,
          fps,
          conditions: conditionsOf(condition),
          seed: seed++,
          measuring: () => measuring,
          stalls: () => stallWindows,
        });
        players.push(p);
        p.start();
      }
    }
    const joinDeadline = performance.now() + 15_000;
    while (!players.every((p) => p.playing)) {
      const failed = players.find((p) => p.failure !== '');
      if (failed) throw new Error(`netcode: ${failed.session.phase.kind}: ${failed.failure}`);
      if (performance.now() > joinDeadline) throw new Error('netcode: players did not all start playing within 15 s');
      await sleep(50);
    }
    await sleep(o.warmupMs);
    measuring = true;
    const t0 = performance.now();
    for (let k = 1; k <= o.stalls && o.stallMs > 0; k++) {
      await sleep(Math.max(0, t0 + (k * o.measureMs) / (o.stalls + 1) - performance.now()));
      // Open while it lasts (end unknown): the players' frames meanwhile are not steady play either.
      const stall: [number, number] = [performance.now(), Infinity];
      stallWindows.push(stall);
      process.kill(server.pid, 'SIGSTOP');
      try {
        await sleep(o.stallMs);
      } finally {
        process.kill(server.pid, 'SIGCONT');
      }
      stall[1] = performance.now();
    }
    await sleep(Math.max(0, t0 + o.measureMs - performance.now()));
    measuring = false;
    const end = performance.now();
    const byFps = NETCODE_FPS.map((fps) => ({ fps, figures: players.filter((p) => p.fps === fps).map((p) => p.feel.figures(end)) }));
    const counter = (name: string) => scrapeCounter(server.url, name);
    return {
      condition,
      byFps,
      stallWindows,
      serverInputsSkipped: await counter('tickwire_inputs_skipped_total'),
      serverInputsLate: await counter('tickwire_inputs_late_total'),
      serverInputTimingSent: await counter('tickwire_input_timing_sent_total'),
      serverTicksDropped: await counter('tickwire_ticks_dropped_total'),
      elapsedMs: performance.now() - started,
    };
  } finally {
    for (const p of players) p.stop();
    await sleep(100);
    await server.stop();
  }
}
