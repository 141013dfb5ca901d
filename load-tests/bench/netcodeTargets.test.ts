import { describe, expect, it } from 'vitest';
import type { FeelFigures } from '../netcode/feelRecorder';
import { NETCODE_CONDITIONS, type NetcodeRunResult } from '../netcode/netcodeRun';
import { NETCODE_GOAL_CONDITION, netcodeRows } from './netcodeTargets';

/** One player's figures meeting every goal, with `over` applied. */
const feel = (over: Partial<FeelFigures> = {}): FeelFigures => ({
  frames: 3000,
  inPlayFrames: 2800,
  inPlaySec: 50,
  maxJumpPx: 0.9,
  p99JumpPx: 0.2,
  corrections: 2,
  hardSnapsInPlay: 0,
  extrapolatedFrames: 3,
  afterStallFrames: 100,
  afterStallMaxJumpPx: 4,
  afterStallHardSnaps: 0,
  fireToDrawnFrames: [1, 1, 1],
  fireToDrawnMs: [8, 9, 10],
  pressesUnfired: 0,
  hitches: 0,
  registeredHits: 50,
  registeredHitsDown: 1,
  registeredHitsTouching: 49,
  visibleTouches: 100,
  visibleTouchesRegistered: 100,
  visibleTouchesTargetDied: 0,
  visibleTouchesShooterDied: 0,
  tradesExpected: 2,
  tradesNeverFired: 0,
  ...over,
});

function run(label: string, at20: Partial<FeelFigures> = {}): NetcodeRunResult {
  const condition = NETCODE_CONDITIONS.find((c) => c.label === label)!;
  const byFps = [60, 30, 20].map((fps) => ({ fps, figures: [feel(), fps === 20 ? feel(at20) : feel()] }));
  return { condition, byFps, stallWindows: [[0, 200]], serverInputsSkipped: 0, serverInputsLate: 0, serverInputTimingSent: 0, serverTicksDropped: 0, elapsedMs: 1 };
}

const verdicts = (runs: NetcodeRunResult[]) => netcodeRows({ runs, measureMs: 1, stallMs: 200 }).map((r) => r.verdict);

describe('netcode targets', () => {
  it('judges the 150 ms condition: every goal met', () => {
    expect(NETCODE_CONDITIONS.map((c) => c.label)).toContain(NETCODE_GOAL_CONDITION);
    expect(verdicts([run('clean', { maxJumpPx: 50 }), run(NETCODE_GOAL_CONDITION)])).toEqual(Array(7).fill('met'));
  });

  it('misses each goal when one player at one frame rate misses it', () => {
    const missed = (over: Partial<FeelFigures>) => verdicts([run(NETCODE_GOAL_CONDITION, over)]).indexOf('missed');
    expect(missed({ maxJumpPx: 1.2 })).toBe(0);
    expect(missed({ afterStallHardSnaps: 1 })).toBe(1);
    expect(missed({ corrections: 11, inPlaySec: 25 })).toBe(-1); // 20 fps: (2 + 11) / 75 s = 0.17/s
    expect(missed({ corrections: 20, inPlaySec: 25 })).toBe(2); // (2 + 20) / 75 s = 0.29/s
    expect(missed({ extrapolatedFrames: 60 })).toBe(3);
    expect(missed({ fireToDrawnFrames: [2, 2, 2, 2] })).toBe(4);
    expect(missed({ registeredHitsTouching: 20 })).toBe(5); // 265 / 300
    expect(missed({ visibleTouchesRegistered: 95 })).toBe(-1); // 595 / 600 = 99.2 %
    expect(missed({ visibleTouchesRegistered: 90 })).toBe(6); // 590 / 600 = 98.3 %
  });

  it('says which part measures them when the netcode part did not run', () => {
    expect(netcodeRows(undefined).every((r) => r.verdict === 'not run' && r.measured.includes('--parts netcode'))).toBe(true);
  });
});
