/**
 * `npx tsx load-tests/netcode/main.ts [lagMs jitterMs lossPct [seconds [stalls]]]`: one condition of the
 * netcode harness on its own (the bench part `netcode` runs all three), printed as JSON: per fps and
 * player (`brief`), then the table's columns summed over the players (`summary`), with the machine's
 * load average before and after (the figures are noisy on a busy machine).
 */
import { loadavg } from 'node:os';
import { NETCODE_SERVER_ARGS } from '../bench/netcodeBench';
import { summarizeNetcodeRun } from './netcodeSummary';
import { runNetcodeCondition } from './netcodeRun';

const [lag = 65, jitter = 20, loss = 2, seconds = 20, stalls = 0] = process.argv.slice(2).map(Number);
const label = `${2 * lag + jitter} ± ${jitter} ms, ${loss} %`;
const load = () => loadavg().map((x) => x.toFixed(2)).join(' ');
const loadBefore = load();
runNetcodeCondition({ label, lagMs: lag, jitterMs: jitter, lossPct: loss }, { measureMs: seconds * 1000, warmupMs: 3000, playersPerFps: 2, stallMs: 200, stalls, serverArgs: NETCODE_SERVER_ARGS }).then(
  (r) => {
    const brief = r.byFps.map((b) => ({
      fps: b.fps,
      corrections: b.figures.map((f) => f.corrections),
      inPlaySec: b.figures.map((f) => Math.round(f.inPlaySec)),
      maxJumpPx: b.figures.map((f) => f.maxJumpPx.toFixed(2)),
      extrapolated: b.figures.map((f) => `${f.extrapolatedFrames}/${f.inPlayFrames}`),
      hitches: b.figures.map((f) => f.hitches),
      hits: b.figures.map((f) => `${f.registeredHitsTouching}/${f.registeredHits} ${f.visibleTouchesRegistered}/${f.visibleTouches} died ${f.visibleTouchesTargetDied}/${f.visibleTouchesShooterDied}`),
    }));
    const summary = summarizeNetcodeRun(r);
    const out = { label, loadBefore, loadAfter: load(), stalls: r.stallWindows.map(([a, b]) => [Math.round(a), Math.round(b)]), summary, brief, late: r.serverInputsLate, skipped: r.serverInputsSkipped, timing: r.serverInputTimingSent, dropped: r.serverTicksDropped };
    process.stdout.write(`${JSON.stringify(out, null, 1)}\n`);
    process.exit(0);
  },
  (err: unknown) => {
    process.stderr.write(`netcode: ${(err as Error).stack ?? String(err)}\n`);
    process.exit(1);
  },
);
