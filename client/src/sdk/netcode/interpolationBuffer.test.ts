import { describe, expect, it } from 'vitest';
import { EntityLayout } from '../../../../shared/protocol/entitySchema';
import { EntityTable } from '../../../../shared/protocol/entityTable';
import { lerpTables, type DrawnTable, type LerpSpec } from './entityLerp';
import { defaultInterpolationOptions, InterpolationBuffer } from './interpolationBuffer';
import { seededRandom } from '../../../../shared/engine/prng';

// Positions quantized to 1/8 px, heading in 1/65536 turns.
const layout = new EntityLayout({
  kinds: [
    {
      kind: 1,
      name: 'runner',
      fields: [
        { name: 'x', scale: 8, min: 0, max: 2000 * 8 },
        { name: 'y', scale: 8, min: 0, max: 2000 * 8 },
        { name: 'heading', scale: 1, min: 0, max: 65535, wrap: 65536 },
      ],
    },
  ],
});
const spec: LerpSpec = { layout, kinds: { 1: { blended: [0, 1, 2], xField: 0, yField: 1, teleportDistance: 100 } } };
/** The first drawn row's values. */
const first = (t: DrawnTable) => t.row(0);

const rng = seededRandom;

const TICK_MS = 1000 / 60;
const SPEED = 250; // px/s, a running player
/** The true path of a remote player: a 300 px circle, one lap every ~7.5 s. */
const truth = (tick: number) => {
  const a = (tick * TICK_MS * SPEED) / 1000 / 300;
  return { x: 1000 + 300 * Math.cos(a), y: 1000 + 300 * Math.sin(a) };
};
const tableAt = (tick: number) => {
  const p = truth(tick);
  return EntityTable.from(3, tick, [{ id: 7, kind: 1, values: [Math.round(p.x * 8), Math.round(p.y * 8), (tick * 100) % 65536] }]);
};

interface Run {
  maxStepPx: number;
  maxLagErrorPx: number;
  extrapolatedFrames: number;
  delayMs: number;
}

/**
 * Server snapshots every 2 ticks; each arrives after latency + uniform jitter,
 * in order (TCP), with `lossPct` lost; the client renders at ~60 fps with
 * uneven frame times. Measures the largest per-frame movement of the drawn
 * entity (a snap shows up as a big step).
 */
function run(seed: number, latencyMs: number, jitterMs: number, lossPct: number): Run {
  const random = rng(seed);
  const buf = new InterpolationBuffer(defaultInterpolationOptions(60, 30));
  const arrivals: { at: number; tick: number }[] = [];
  let lastArrival = 0;
  for (let tick = 2; tick <= 60 * 20; tick += 2) {
    if (random() * 100 < lossPct) continue;
    const at = Math.max(lastArrival, tick * TICK_MS + latencyMs + random() * jitterMs);
    lastArrival = at;
    arrivals.push({ at, tick });
  }
  let next = 0;
  let prev: { x: number; y: number } | null = null;
  const out: Run = { maxStepPx: 0, maxLagErrorPx: 0, extrapolatedFrames: 0, delayMs: 0 };
  for (let now = 0; now < 60 * 20 * TICK_MS; now += 14 + random() * 5) {
    while (next < arrivals.length && arrivals[next].at <= now) buf.push(tableAt(arrivals[next++].tick), arrivals[next - 1].at);
    const s = buf.sample(now);
    if (!s) continue;
    const e = first(lerpTables(s.from, s.to, s.alpha, spec));
    const p = { x: e[0] / 8, y: e[1] / 8 };
    if (now > 2000) {
      // After a 2 s warm-up: no jumps, and the drawn position is where the player truly was at the render tick.
      if (prev) out.maxStepPx = Math.max(out.maxStepPx, Math.hypot(p.x - prev.x, p.y - prev.y));
      const t = truth(s.renderTick);
      out.maxLagErrorPx = Math.max(out.maxLagErrorPx, Math.hypot(p.x - t.x, p.y - t.y));
      if (s.extrapolating) out.extrapolatedFrames++;
    }
    prev = p;
  }
  out.delayMs = buf.delayMs;
  return out;
}

// At 250 px/s a 19 ms frame moves 4.75 px; the eased playhead can run 10 % fast.
const MAX_STEP_PX = 6;

describe('InterpolationBuffer', () => {
  it('draws remote entities without snaps under jitter and 5 % loss', () => {
    for (const seed of [1, 2, 3, 4, 5]) {
      const r = run(seed, 80, 40, 5);
      expect(r.maxStepPx).toBeLessThan(MAX_STEP_PX);
      expect(r.maxLagErrorPx).toBeLessThan(2);
    }
  });

  it('adapts its delay to jitter: more jitter, more delay, still no snaps', () => {
    const calm = run(9, 50, 0, 0);
    const rough = run(9, 50, 80, 0);
    expect(calm.delayMs).toBeLessThan(rough.delayMs);
    expect(calm.delayMs).toBeGreaterThanOrEqual(2 * (1000 / 30));
    expect(calm.extrapolatedFrames).toBe(0);
    expect(rough.maxStepPx).toBeLessThan(MAX_STEP_PX);
  });

  it('extrapolates at most 100 ms when snapshots stop, then holds', () => {
    const buf = new InterpolationBuffer(defaultInterpolationOptions(60, 30));
    for (let tick = 2; tick <= 120; tick += 2) buf.push(tableAt(tick), tick * TICK_MS + 50);
    let held: number | null = null;
    for (let now = 120 * TICK_MS + 50; now < 120 * TICK_MS + 1000; now += 16) {
      const s = buf.sample(now)!;
      const e = first(lerpTables(s.from, s.to, s.alpha, spec));
      if (now > 120 * TICK_MS + 700) {
        held ??= e[0];
        expect(e[0]).toBe(held);
        expect(s.extrapolating).toBe(true);
        // alpha capped at (newest + 100 ms) relative to the last interval
        expect(s.alpha).toBeCloseTo(1 + 100 / TICK_MS / 2, 6);
      }
    }
  });

  it('does not drag a teleported entity across the map, and blends angles the short way', () => {
    const a = EntityTable.from(3, 10, [{ id: 1, kind: 1, values: [0, 0, 65000] }]);
    const b = EntityTable.from(3, 12, [{ id: 1, kind: 1, values: [8000, 8000, 500] }]);
    const e = first(lerpTables(a, b, 0.5, spec));
    expect(e[0]).toBe(8000);
    const c = EntityTable.from(3, 12, [{ id: 1, kind: 1, values: [80, 0, 500] }]);
    const f = first(lerpTables(a, c, 0.5, spec));
    expect(f[0]).toBe(40);
    expect(f[2]).toBe((65000 + 518) % 65536);
  });
});
