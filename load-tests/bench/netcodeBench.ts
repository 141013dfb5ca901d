/**
 * `npm run bench -- --parts netcode`: the issue-13 table — how the arena feels
 * to headless players (the real client SDK under Node) in a real room, at a
 * clean link, 150 ± 20 ms RTT / 2 % loss and 250 ± 40 ms / 5 %, with the goal
 * beside each figure. load-tests/netcode/ holds the players and the recorder.
 */
import { boxTable, fmt } from '../report/boxTable';
import { percentile, type FeelFigures } from '../netcode/feelRecorder';
import { NETCODE_CONDITIONS, NETCODE_FPS, runNetcodeCondition, type NetcodeRunResult } from '../netcode/netcodeRun';

/**
 * The server's catch-up clamp at 250 ms (15 ticks) instead of the default 5: the goal is "no hard snap
 * from a stall ≤ 250 ms", and ticks the clamp drops are world time lost — the frames the players sent
 * for them can only be skipped, which every player sees as a correction.
 */
export const NETCODE_SERVER_ARGS = ['--max-catch-up', '15'];

export interface NetcodeBenchResult {
  runs: NetcodeRunResult[];
  measureMs: number;
  stallMs: number;
}

export async function runNetcodeBench(quick: boolean, progress: (r: NetcodeRunResult) => void): Promise<NetcodeBenchResult> {
  const measureMs = quick ? 12_000 : 40_000;
  const stallMs = 200;
  const runs: NetcodeRunResult[] = [];
  for (const c of NETCODE_CONDITIONS) {
    const r = await runNetcodeCondition(c, { measureMs, warmupMs: 3000, playersPerFps: 2, stallMs, stalls: quick ? 1 : 3, serverArgs: NETCODE_SERVER_ARGS });
    runs.push(r);
    progress(r);
  }
  return { runs, measureMs, stallMs };
}

const sum = (xs: readonly number[]) => xs.reduce((a, b) => a + b, 0);
const all = (r: NetcodeRunResult) => r.byFps.flatMap((b) => b.figures);
const pct = (n: number, d: number) => (d > 0 ? `${fmt((100 * n) / d)} % (${n}/${d})` : 'n/a (0)');

/** The per-condition cells of each measure (a function of one run). */
const MEASURES: { name: string; goal: string; cell: (r: NetcodeRunResult) => string }[] = [
  {
    name: 'own player: largest visible snap in play (max / p99 of frames)',
    goal: '≤ 1 px',
    cell: (r) => `${fmt(Math.max(0, ...all(r).map((f) => f.maxJumpPx)))} / ${fmt(Math.max(0, ...all(r).map((f) => f.p99JumpPx)))} px`,
  },
  {
    name: 'own player: hard snaps in play / after a server stall',
    goal: '0 / 0',
    cell: (r) => `${sum(all(r).map((f) => f.hardSnapsInPlay))} / ${sum(all(r).map((f) => f.afterStallHardSnaps))}`,
  },
  {
    name: 'own player: largest visible snap within 1.5 s after a stall',
    goal: 'no hard snap',
    cell: (r) => `${fmt(Math.max(0, ...all(r).map((f) => f.afterStallMaxJumpPx)))} px (${r.stallWindows.length} stalls)`,
  },
  {
    name: 'own player: corrections/s in play (60 / 30 / 20 fps)',
    goal: '≤ 0.2',
    cell: (r) => r.byFps.map((b) => fmt(sum(b.figures.map((f) => f.corrections)) / Math.max(1e-9, sum(b.figures.map((f) => f.inPlaySec))))).join(' / '),
  },
  {
    name: 'remote players: frames extrapolated past the newest snapshot (60 / 30 / 20 fps)',
    goal: '≤ 1 %',
    cell: (r) => r.byFps.map((b) => `${fmt((100 * sum(b.figures.map((f) => f.extrapolatedFrames))) / Math.max(1, sum(b.figures.map((f) => f.inPlayFrames))))} %`).join(' / '),
  },
  {
    name: 'fire key → own projectile drawn: frames p50 / p95 (ms p50), 60 / 30 / 20 fps',
    goal: '≤ 1 frame',
    cell: (r) =>
      r.byFps
        .map((b) => {
          const frames = b.figures.flatMap((f) => f.fireToDrawnFrames);
          const ms = b.figures.flatMap((f) => f.fireToDrawnMs);
          return frames.length === 0 ? 'n/a' : `${percentile(frames, 0.5)}/${percentile(frames, 0.95)} (${fmt(percentile(ms, 0.5))} ms)`;
        })
        .join(' · '),
  },
  {
    name: 'registered hits that visibly touch the target on the shooter’s screen',
    goal: '≥ 95 %',
    cell: (r) => pct(sum(all(r).map((f) => f.registeredHitsTouching)), sum(all(r).map((f) => f.registeredHits))),
  },
  {
    name: '… of the registered: on a target already down on the server (damage 0, arena v4+)',
    goal: '(breakdown)',
    cell: (r) => `${sum(all(r).map((f) => f.registeredHitsDown))} of ${sum(all(r).map((f) => f.registeredHits))}`,
  },
  {
    name: 'on-screen hits that register',
    goal: '≥ 99 %',
    cell: (r) => pct(sum(all(r).map((f) => f.visibleTouchesRegistered)), sum(all(r).map((f) => f.visibleTouches))),
  },
  {
    name: '… of the unregistered: target / shooter died on the server about then (killed first)',
    goal: '(breakdown)',
    cell: (r) =>
      `${sum(all(r).map((f) => f.visibleTouchesTargetDied))} / ${sum(all(r).map((f) => f.visibleTouchesShooterDied))} of ${sum(all(r).map((f) => f.visibleTouches - f.visibleTouchesRegistered))}`,
  },
];

function inPlayNote(r: NetcodeRunResult): string {
  const f: FeelFigures[] = all(r);
  return (
    `${r.condition.label}: ${fmt(sum(f.map((x) => x.inPlaySec)))} player-s in play, ${sum(f.map((x) => x.inPlayFrames))} frames, ` +
    `${sum(f.map((x) => x.fireToDrawnFrames.length))} shots timed, ${sum(f.map((x) => x.pressesUnfired))} presses unfired, ` +
    `${sum(f.map((x) => x.hitches))} client hitches (frame > 100 ms late: the machine); server (whole run): ` +
    `${r.serverInputsLate ?? 'n/a'} late input ticks, ${r.serverInputsSkipped ?? 'n/a'} frames skipped, ` +
    `${r.serverInputTimingSent ?? 'n/a'} InputTiming sent, ${r.serverTicksDropped ?? 'n/a'} ticks dropped`
  );
}

export function netcodeTable(b: NetcodeBenchResult): string {
  return [
    boxTable(
      ['netcode: arena, 2 players at each of 60/30/20 fps', ...b.runs.map((r) => r.condition.label), 'goal (at 150 ± 20 ms, 2 %)'],
      MEASURES.map((m) => [m.name, ...b.runs.map(m.cell), m.goal]),
    ),
    `${fmt(b.measureMs / 1000)} s measured per condition after a 3 s warm-up; ${b.stallMs} ms server stalls (SIGSTOP) at even intervals; ` +
      `server flags ${NETCODE_SERVER_ARGS.join(' ')}; ` +
      `"in play" = alive ≥ 1 s and ≥ 1.5 s after a stall; lag/jitter/loss applied per direction by the SDK's network simulator (RTT = 2 × lag + jitter); fps ${NETCODE_FPS.join('/')}`,
    ...b.runs.map(inPlayNote),
  ].join('\n');
}
