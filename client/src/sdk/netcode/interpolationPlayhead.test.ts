/**
 * The render playhead at any frame rate (issue 13 item 1).
 *
 * A server ticks at 60 Hz and sends a snapshot every 2 ticks; each snapshot
 * arrives after a one-way latency plus uniform jitter, in order (TCP), a few
 * lost. The client draws frames every `frameMs` (± 10 %, as a real browser's
 * rAF wanders) and samples the buffer each frame. We check two things:
 *
 * - the playhead settles on its own target (now + offset − delay) within a
 *   small tolerance, whatever the frame interval (4–100 ms). Before the fix it
 *   settled one frame interval ahead (error computed before advancing).
 * - in steady conditions (150 ± 20 ms RTT, 2 % loss) frames drawn past the
 *   newest snapshot (extrapolated) stay ≤ 1 % at 60, 30 and 20 fps.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { EntityTable } from '../../../../shared/protocol/entityTable';
import { defaultInterpolationOptions, InterpolationBuffer } from './interpolationBuffer';
import { seededRandom } from '../../../../shared/engine/prng';

const TICK_RATE = 60;
const SNAPSHOT_RATE = 30;
const TICK_MS = 1000 / TICK_RATE;
const TICKS_PER_SNAPSHOT = TICK_RATE / SNAPSHOT_RATE;
/** Frames before this are warm-up (offset and jitter estimates converge), ms. */
const WARMUP_MS = 4000;
const RUN_MS = 20_000;

interface Link {
  latencyMs: number;
  jitterMs: number;
  lossPct: number;
}

interface PlayheadRun {
  /** Mean (target − playhead) over steady frames, ms: where the playhead settles (< 0: ahead of its target). */
  biasMs: number;
  /** 95th percentile of |playhead − target| over steady frames, ms. */
  p95ErrorMs: number;
  /** Steady frames drawn past the newest snapshot, percent. */
  extrapolatedPct: number;
  frames: number;
}

const rng = seededRandom;

function arrivalsOf(link: Link, random: () => number): { atMs: number; tick: number }[] {
  const out: { atMs: number; tick: number }[] = [];
  let lastMs = 0;
  for (let tick = TICKS_PER_SNAPSHOT; tick * TICK_MS <= RUN_MS; tick += TICKS_PER_SNAPSHOT) {
    if (random() * 100 < link.lossPct) continue;
    const atMs = Math.max(lastMs, tick * TICK_MS + link.latencyMs + random() * link.jitterMs);
    lastMs = atMs;
    out.push({ atMs, tick });
  }
  return out;
}

/**
 * Plays one run. Snapshots are pushed at their arrival time (a message event
 * between frames) or, with `atFrame`, at the next frame (a main thread too busy
 * to run message events between frames); then each frame samples the buffer.
 */
function play(seed: number, frameMs: number, link: Link, atFrame = false): PlayheadRun {
  const random = rng(seed);
  const arrivals = arrivalsOf(link, random);
  const buf = new InterpolationBuffer(defaultInterpolationOptions(TICK_RATE, SNAPSHOT_RATE));
  let next = 0;
  let frames = 0;
  let extrapolated = 0;
  const errorsMs: number[] = [];
  let biasSumMs = 0;
  for (let nowMs = 0; nowMs < RUN_MS; nowMs += frameMs * (0.9 + 0.2 * random())) {
    while (next < arrivals.length && arrivals[next].atMs <= nowMs) {
      buf.push(EntityTable.from(0, arrivals[next].tick, []), atFrame ? nowMs : arrivals[next].atMs);
      next++;
    }
    const s = buf.sample(nowMs);
    if (!s || nowMs < WARMUP_MS) continue;
    const errorMs = (buf.targetTick(nowMs) - s.renderTick) * TICK_MS;
    frames++;
    biasSumMs += errorMs;
    errorsMs.push(Math.abs(errorMs));
    if (s.extrapolating) extrapolated++;
  }
  errorsMs.sort((a, b) => a - b);
  return { biasMs: biasSumMs / frames, p95ErrorMs: errorsMs[Math.floor(0.95 * frames)], extrapolatedPct: (100 * extrapolated) / frames, frames };
}

/** `?lag=65&jitter=20&loss=2`: the 150 ± 20 ms, 2 % condition, one way down. */
const STEADY: Link = { latencyMs: 65, jitterMs: 20, lossPct: 2 };
const SEEDS = [1, 2, 3, 4, 5, 6, 7, 8];

describe('InterpolationBuffer playhead at any frame rate', () => {
  it('settles on its target delay for frame intervals 4–100 ms under jitter and loss', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 2 ** 31 - 1 }),
        fc.double({ min: 4, max: 100, noNaN: true }),
        fc.record({
          latencyMs: fc.integer({ min: 0, max: 200 }),
          jitterMs: fc.integer({ min: 0, max: 60 }),
          lossPct: fc.double({ min: 0, max: 5, noNaN: true }),
        }),
        fc.boolean(),
        (seed, frameMs, link, atFrame) => {
          const r = play(seed, frameMs, link, atFrame);
          // The target moves with the offset and jitter estimates; the eased playhead follows within a few ms
          // (before the fix it sat one frame interval, 4–100 ms, ahead of it).
          expect(Math.abs(r.biasMs)).toBeLessThan(1.5);
          expect(r.p95ErrorMs).toBeLessThan(12);
        },
      ),
      { numRuns: Number(process.env.PLAYHEAD_RUNS ?? 100), seed: Number(process.env.PLAYHEAD_SEED ?? 13) },
    );
  });

  it('extrapolates ≤ 1 % of frames at 60, 30 and 20 fps at 150 ± 20 ms RTT with 2 % loss', () => {
    const lines: string[] = [];
    for (const atFrame of [false, true]) {
      for (const fps of [60, 30, 20]) {
        let frames = 0;
        let extrapolatedFrames = 0;
        let worstPct = 0;
        for (const seed of SEEDS) {
          const r = play(seed, 1000 / fps, STEADY, atFrame);
          frames += r.frames;
          extrapolatedFrames += (r.extrapolatedPct / 100) * r.frames;
          worstPct = Math.max(worstPct, r.extrapolatedPct);
        }
        const pct = (100 * extrapolatedFrames) / frames;
        const stamp = atFrame ? 'snapshots stamped at the next frame' : 'snapshots stamped on arrival';
        lines.push(`${fps} fps, ${stamp}: ${pct.toFixed(2)} % extrapolated (worst seed ${worstPct.toFixed(2)} %, ${frames} frames)`);
        expect.soft(pct).toBeLessThanOrEqual(1);
      }
    }
    // The figure the issue tracks; printed so a run reports it.
    process.stdout.write(`interpolation playhead, 65 ms + 0–20 ms jitter one way, 2 % loss:\n  ${lines.join('\n  ')}\n`);
  });
});
