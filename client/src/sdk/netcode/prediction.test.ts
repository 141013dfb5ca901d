import { describe, expect, it } from 'vitest';
import type { InputValues } from '../../../../shared/protocol/inputSchema';
import { DEFAULT_PREDICTION, Predictor, type PredictionModel } from './prediction';

interface Body {
  x: number;
  y: number;
  speed: number;
}
const DT = 1 / 60;
/** Input `dir`: −1 left, 0 stop, +1 right; accelerates to 280 px/s. */
const model: PredictionModel<Body> = {
  step(s, { dir }: Readonly<InputValues>) {
    const target = dir * 280;
    const dv = 2400 * DT;
    s.speed = Math.abs(target - s.speed) <= dv ? target : s.speed + Math.sign(target - s.speed) * dv;
    s.x += s.speed * DT;
    return s;
  },
  clone: (s) => ({ ...s }),
  x: (s) => s.x,
  y: (s) => s.y,
};

const inputAt = (seq: number): InputValues => ({ dir: Math.floor(seq / 90) % 2 === 0 ? 1 : -1 });

/**
 * A client and a fake authoritative server, 60 Hz, with `oneWayTicks` of
 * latency each way; the server snapshots every 2 ticks. `push(tick)` lets the
 * server move the player in a way the client cannot predict.
 */
function simulate(oneWayTicks: number, push: (tick: number, s: Body) => void) {
  const predictor = new Predictor(model, DEFAULT_PREDICTION);
  const server: Body = { x: 100, y: 50, speed: 0 };
  predictor.reset(server);
  const inFlightUp: { at: number; seq: number }[] = [];
  const inFlightDown: { at: number; state: Body; ack: number }[] = [];
  let applied = 0;
  const drawn: { tick: number; x: number; y: number }[] = [];
  for (let tick = 1; tick <= 600; tick++) {
    // client: predict and send this tick's input
    predictor.applyInput(tick, inputAt(tick));
    inFlightUp.push({ at: tick + oneWayTicks, seq: tick });
    // server: apply the input that has arrived (one per tick), maybe get pushed, snapshot
    while (inFlightUp.length > 0 && inFlightUp[0].at <= tick) {
      const { seq } = inFlightUp.shift()!;
      model.step(server, inputAt(seq));
      applied = seq;
      push(tick, server);
    }
    if (tick % 2 === 0) inFlightDown.push({ at: tick + oneWayTicks, state: { ...server }, ack: applied });
    // client: reconcile with arrived snapshots, then draw (two frames per tick boundary)
    while (inFlightDown.length > 0 && inFlightDown[0].at <= tick) {
      const snap = inFlightDown.shift()!;
      predictor.reconcile(snap.state, snap.ack);
    }
    const p = predictor.drawPosition(tick * 1000 * DT);
    drawn.push({ tick, x: p.x, y: p.y });
  }
  return { predictor, drawn, server };
}

describe('Predictor', () => {
  it('agrees with the server exactly when nothing unpredictable happens', () => {
    const { predictor } = simulate(6, () => {});
    expect(predictor.corrections).toBe(0);
    expect(predictor.snaps).toBe(0);
    expect(predictor.offsetDistance).toBe(0);
  });

  it('turns a 20 px server correction into a smooth glide that converges', () => {
    const { predictor, drawn } = simulate(6, (tick, s) => {
      if (tick === 200) s.x += 20; // knockback the client did not predict
    });
    expect(predictor.corrections).toBe(1);
    expect(predictor.snaps).toBe(0);
    // Largest drawn step per tick: running speed is 280/60 = 4.7 px, the correction
    // adds at most maxStepPerFrame (0.9 px) per frame.
    let maxStep = 0;
    for (let i = 1; i < drawn.length; i++) maxStep = Math.max(maxStep, Math.abs(drawn[i].x - drawn[i - 1].x));
    expect(maxStep).toBeLessThan(4.7 + 0.91);
    // Converged within 0.5 s of the correction arriving.
    expect(predictor.offsetDistance).toBeLessThan(0.01);
  });

  it('snaps on a teleport-sized jump', () => {
    const { predictor, drawn } = simulate(6, (tick, s) => {
      if (tick === 300) s.x = 1200;
    });
    expect(predictor.snaps).toBe(1);
    const after = drawn.find((d) => d.tick === 320)!;
    const before = drawn.find((d) => d.tick === 300)!;
    expect(Math.abs(after.x - before.x)).toBeGreaterThan(500);
  });

  it('replays only unacknowledged inputs', () => {
    const p = new Predictor(model);
    p.reset({ x: 0, y: 0, speed: 0 });
    for (let seq = 1; seq <= 10; seq++) p.applyInput(seq, { dir: 1 });
    const server: Body = { x: 0, y: 0, speed: 0 };
    for (let seq = 1; seq <= 4; seq++) model.step(server, { dir: 1 });
    p.reconcile(server, 4);
    expect(p.pendingCount).toBe(6);
    expect(p.corrections).toBe(0);
  });

  describe('visual error decay at any frame rate', () => {
    /** A correction of `errorPx` (the server put us that far back), then frames every `frameMs` while standing. */
    function decay(errorPx: number, frameMs: number): { jumps: number[]; settledMs: number } {
      const p = new Predictor(model);
      p.reset({ x: 100, y: 0, speed: 0 });
      p.applyInput(1, { dir: 0 });
      p.drawPosition(0);
      p.reconcile({ x: 100 - errorPx, y: 0, speed: 0 }, 1);
      const jumps: number[] = [];
      let t = 0;
      let settledMs = Number.NaN;
      while (p.offsetDistance > 0 && t < 10_000) {
        t += frameMs;
        p.drawPosition(t);
        jumps.push(p.visibleJump);
        if (Number.isNaN(settledMs) && p.offsetDistance < 0.1) settledMs = t;
      }
      return { jumps, settledMs };
    }

    for (const frameMs of [4, 1000 / 60, 1000 / 30, 50]) {
      it(`a late frame's correction (4.7 px) moves no frame more than 0.9 px at ${frameMs.toFixed(1)} ms frames`, () => {
        const { jumps, settledMs } = decay(4.7, frameMs);
        expect(Math.max(...jumps)).toBeLessThanOrEqual(0.9 + 1e-9);
        expect(jumps.reduce((a, b) => a + b, 0)).toBeCloseTo(4.7, 6); // all of it is drawn, none lost
        // Under 0.1 px within half a second, or seven frames of 0.9 px at low frame rates.
        expect(settledMs).toBeLessThanOrEqual(Math.max(500, 7 * frameMs));
      });
    }

    for (const frameMs of [100, 500]) {
      it(`below 20 fps (${frameMs} ms frames) a correction still drains at 18 px/s at least: it settles`, () => {
        const { jumps, settledMs } = decay(20, frameMs);
        expect(Math.max(...jumps)).toBeLessThanOrEqual((18 * frameMs) / 1000 + 1e-9);
        expect(jumps.reduce((a, b) => a + b, 0)).toBeCloseTo(20, 6);
        expect(settledMs).toBeLessThanOrEqual(1500);
      });
    }

    it('a large correction (after a server stall) still decays exponentially, not at 0.9 px per frame', () => {
      const { jumps, settledMs } = decay(60, 1000 / 60);
      expect(jumps[0]).toBeGreaterThan(5); // 60 × (1 − e^(−16.7/100))
      expect(settledMs).toBeLessThan(1000);
    });
  });
});
