/**
 * One netcode run's table columns summed over its players: what
 * `load-tests/netcode/main.ts` prints after the per-player detail, so that
 * runs can be compared (and added up) without the bench's box table.
 */
import { percentile, type FeelFigures } from './feelRecorder';
import type { NetcodeRunResult } from './netcodeRun';

export interface NetcodeSummary {
  /** On-screen hits that register: registered / judged touches. */
  onScreenRegistered: number;
  onScreenTouches: number;
  /** Of the unregistered: target / shooter died on the server about then. */
  unregisteredTargetDied: number;
  unregisteredShooterDied: number;
  /** Registered hits that visibly touch / all registered; of those, on a target already down (damage 0). */
  registeredTouching: number;
  registered: number;
  registeredDown: number;
  /** Our shots unconfirmed at our death, expected as trades / of those never fired by the server. */
  tradesExpected: number;
  tradesNeverFired: number;
  maxJumpPx: number;
  hardSnapsInPlay: number;
  /** Hard snaps within 1.5 s after a server stall (STALL_SETTLE_MS). */
  afterStallHardSnaps: number;
  /** Per fps (60 / 30 / 20). */
  correctionsPerSec: number[];
  extrapolatedPct: number[];
  fireToDrawnP50Frames: (number | null)[];
  fireToDrawnP50Ms: (number | null)[];
}

const sum = (xs: readonly number[]) => xs.reduce((a, b) => a + b, 0);
const round2 = (x: number) => Math.round(x * 100) / 100;

export function summarizeNetcodeRun(r: NetcodeRunResult): NetcodeSummary {
  const all: FeelFigures[] = r.byFps.flatMap((b) => b.figures);
  const total = (pick: (f: FeelFigures) => number) => sum(all.map(pick));
  return {
    onScreenRegistered: total((f) => f.visibleTouchesRegistered),
    onScreenTouches: total((f) => f.visibleTouches),
    unregisteredTargetDied: total((f) => f.visibleTouchesTargetDied),
    unregisteredShooterDied: total((f) => f.visibleTouchesShooterDied),
    registeredTouching: total((f) => f.registeredHitsTouching),
    registered: total((f) => f.registeredHits),
    registeredDown: total((f) => f.registeredHitsDown),
    tradesExpected: total((f) => f.tradesExpected),
    tradesNeverFired: total((f) => f.tradesNeverFired),
    maxJumpPx: round2(Math.max(0, ...all.map((f) => f.maxJumpPx))),
    hardSnapsInPlay: total((f) => f.hardSnapsInPlay),
    afterStallHardSnaps: total((f) => f.afterStallHardSnaps),
    correctionsPerSec: r.byFps.map((b) => round2(sum(b.figures.map((f) => f.corrections)) / Math.max(1e-9, sum(b.figures.map((f) => f.inPlaySec))))),
    extrapolatedPct: r.byFps.map((b) => round2((100 * sum(b.figures.map((f) => f.extrapolatedFrames))) / Math.max(1, sum(b.figures.map((f) => f.inPlayFrames))))),
    fireToDrawnP50Frames: r.byFps.map((b) => {
      const frames = b.figures.flatMap((f) => f.fireToDrawnFrames);
      return frames.length === 0 ? null : percentile(frames, 0.5);
    }),
    fireToDrawnP50Ms: r.byFps.map((b) => {
      const ms = b.figures.flatMap((f) => f.fireToDrawnMs);
      return ms.length === 0 ? null : Math.round(percentile(ms, 0.5));
    }),
  };
}
