/**
 * Issue 13's goals, judged at the condition they are set for (150 ± 20 ms RTT,
 * 2 % loss) from the netcode part's own run: one row of the bench's targets
 * table each. Every fps (60 / 30 / 20) must meet a per-fps goal.
 */
import { fmt } from '../report/boxTable';
import { summarizeNetcodeRun } from '../netcode/netcodeSummary';
import type { NetcodeBenchResult } from './netcodeBench';
import { judged, notRun, type TargetRow } from './targetRow';

/** The condition the goals are set for (NETCODE_CONDITIONS' label). */
export const NETCODE_GOAL_CONDITION = '150 ± 20 ms, 2 %';

const pct = (n: number, d: number) => (d > 0 ? (100 * n) / d : NaN);
const perFps = (xs: readonly (number | null)[]) => xs.map((x) => (x === null ? 'n/a' : fmt(x))).join(' / ');

export function netcodeRows(b: NetcodeBenchResult | undefined): TargetRow[] {
  const at = `at ${NETCODE_GOAL_CONDITION}`;
  const targets = [
    `netcode ${at}: own player's largest visible snap in play ≤ 1 px`,
    `netcode ${at}: no hard snap, in play or after a ≤ 250 ms server stall`,
    `netcode ${at}: corrections ≤ 0.2/s (60 / 30 / 20 fps)`,
    `netcode ${at}: remote frames extrapolated ≤ 1 % (60 / 30 / 20 fps)`,
    `netcode ${at}: fire key → own shot drawn ≤ 1 frame, median (60 / 30 / 20 fps)`,
    `netcode ${at}: registered hits visibly touching ≥ 95 %`,
    `netcode ${at}: on-screen hits that register ≥ 99 %`,
  ];
  const run = b?.runs.find((r) => r.condition.label === NETCODE_GOAL_CONDITION);
  if (!run) return targets.map((t) => notRun(t, '--parts netcode'));
  const s = summarizeNetcodeRun(run);
  const onScreen = pct(s.onScreenRegistered, s.onScreenTouches);
  const touching = pct(s.registeredTouching, s.registered);
  const frames = s.fireToDrawnP50Frames;
  return [
    judged(targets[0], `${fmt(s.maxJumpPx)} px`, s.maxJumpPx <= 1),
    judged(targets[1], `${s.hardSnapsInPlay} in play, ${s.afterStallHardSnaps} after ${run.stallWindows.length} stalls`, s.hardSnapsInPlay === 0 && s.afterStallHardSnaps === 0),
    judged(targets[2], perFps(s.correctionsPerSec), s.correctionsPerSec.every((c) => c <= 0.2)),
    judged(targets[3], `${perFps(s.extrapolatedPct)} %`, s.extrapolatedPct.every((p) => p <= 1)),
    judged(targets[4], perFps(frames), frames.every((f) => f !== null && f <= 1)),
    judged(targets[5], `${fmt(touching)} % (${s.registeredTouching}/${s.registered})`, touching >= 95),
    judged(targets[6], `${fmt(onScreen)} % (${s.onScreenRegistered}/${s.onScreenTouches})`, onScreen >= 99),
  ];
}
