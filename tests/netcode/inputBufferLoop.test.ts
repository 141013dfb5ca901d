/**
 * The server's input buffer (InputQueue + InputLead) and the client's input
 * clock (InputClock) in a closed loop, in simulated time: a client sending 3
 * frames per message over a link with lag, jitter and loss, its clock a little
 * off the server's, and the InputTiming advice travelling back the same way.
 * Checks that the loop settles (no late frame repeated, none skipped, in
 * steady play), stays bounded, and does not oscillate.
 */
import { describe, expect, it } from 'vitest';
import { InputClock } from '../../client/src/sdk/netcode/inputClock';
import { seededRandom } from '../../shared/engine/prng';
import { InputCoder } from '../../shared/protocol/inputCodec';
import { InputQueue } from '../../server/rooms/inputQueue';
import { lineInput } from '../support/lineGame';

const TICK_MS = 1000 / 60;
const coder = new InputCoder(lineInput);

interface LoopOptions {
  lagMs: number;
  jitterMs: number;
  lossPct: number;
  /** The client's clock runs this much fast (+) or slow (−), as a fraction. */
  skew: number;
  seconds: number;
  /** With the input clock off (no dilation), the baseline. */
  dilation?: boolean;
  seed?: number;
}

interface LoopResult {
  /** Per second of simulated time: ticks the due frame was late (repeated), frames skipped, advice received. */
  late: number[];
  skipped: number[];
  advice: number[];
  /** Largest |rate| the client clock ran at. */
  maxRate: number;
  /** The window minimum (frames waiting at the worst moment) per second, last seen. */
  windowMin: number[];
}

/** Run the loop: events in time order (client ticks, server ticks, deliveries both ways). */
function runLoop(o: LoopOptions): LoopResult {
  const random = seededRandom(o.seed ?? 7);
  const q = new InputQueue(coder);
  const clock = new InputClock();
  const up: { dueMs: number; frames: number[] }[] = [];
  const down: { dueMs: number; ticks: number }[] = [];
  let lastUpDue = 0;
  let lastDownDue = 0;
  const delay = (last: number, now: number) => Math.max(last, now + o.lagMs + o.jitterMs * random());
  let seq = 0;
  let unsent: number[] = [];
  let nextClientMs = 5 + 10 * random();
  let nextServerMs = TICK_MS;
  const r: LoopResult = { late: [], skipped: [], advice: [], maxRate: 0, windowMin: [] };
  const bump = (xs: number[], atMs: number, by = 1) => {
    const s = Math.floor(atMs / 1000);
    while (xs.length <= s) xs.push(0);
    xs[s] += by;
  };
  const end = o.seconds * 1000;
  while (Math.min(nextClientMs, nextServerMs) < end) {
    if (nextClientMs <= nextServerMs) {
      const now = nextClientMs;
      while (down.length > 0 && down[0].dueMs <= now) {
        const a = down.shift()!;
        if (o.dilation !== false) clock.advise(a.ticks);
        bump(r.advice, now);
      }
      unsent.push(++seq);
      if (unsent.length >= 3) {
        // Redundancy: a lost message's frames ride in the next one.
        if (random() * 100 >= o.lossPct) {
          up.push({ dueMs: (lastUpDue = delay(lastUpDue, now)), frames: unsent });
          unsent = [];
        }
        else unsent = [...unsent];
      }
      clock.onTick();
      r.maxRate = Math.max(r.maxRate, Math.abs(clock.rate));
      nextClientMs += clock.tickMs(TICK_MS) * (1 - o.skew);
    } else {
      const now = nextServerMs;
      while (up.length > 0 && up[0].dueMs <= now) for (const s of up.shift()!.frames) q.offer(s, [0, 0], 0, 0);
      const late = q.lead.late;
      const skipped = q.skipped;
      q.next();
      bump(r.late, now, q.lead.late - late);
      bump(r.skipped, now, q.skipped - skipped);
      bump(r.windowMin, now, 0);
      r.windowMin[Math.floor(now / 1000)] = q.lead.lastWindowMin;
      if (q.advice !== 0) {
        down.push({ dueMs: (lastDownDue = delay(lastDownDue, now)), ticks: q.advice });
        q.advice = 0;
      }
      nextServerMs += TICK_MS;
    }
  }
  return r;
}

const total = (xs: number[], fromSec: number) => xs.slice(fromSec).reduce((a, b) => a + b, 0);

describe('input buffer with client time dilation (closed loop, simulated time)', () => {
  it('settles at 150 ± 20 ms RTT with the client clock 0.2 % slow: no frame repeated or skipped in steady play', () => {
    const r = runLoop({ lagMs: 65, jitterMs: 20, lossPct: 0, skew: -0.002, seconds: 90 });
    expect(total(r.late, 15)).toBe(0);
    expect(total(r.skipped, 0)).toBe(0);
    // No oscillation: after settling, advice is rare (a drift of 0.2 % is 0.12 tick/s to make up).
    expect(total(r.advice, 15)).toBeLessThanOrEqual(10);
    expect(r.maxRate).toBeLessThanOrEqual(0.04);
    // Bounded: the buffer at its worst moment stays within 1–2 spare frames (+ one for jitter).
    for (const m of r.windowMin.slice(15)) expect(m).toBeLessThanOrEqual(5);
  });

  it('the same link without dilation repeats late frames (the baseline the loop fixes)', () => {
    const r = runLoop({ lagMs: 65, jitterMs: 20, lossPct: 0, skew: -0.002, seconds: 90, dilation: false });
    expect(total(r.late, 15)).toBeGreaterThan(0);
  });

  it('follows a fast client clock back (it would otherwise pile up a backlog)', () => {
    const r = runLoop({ lagMs: 65, jitterMs: 20, lossPct: 0, skew: 0.003, seconds: 90 });
    expect(total(r.late, 15)).toBe(0);
    expect(total(r.skipped, 0)).toBe(0);
    for (const m of r.windowMin.slice(15)) expect(m).toBeLessThanOrEqual(5);
  });

  it('under 2 % loss and 250 ± 40 ms the buffer grows to cover most losses, and stays bounded', () => {
    const r = runLoop({ lagMs: 105, jitterMs: 40, lossPct: 2, skew: 0, seconds: 120, seed: 11 });
    const ticks = 105 * 60;
    expect(total(r.late, 15) / ticks).toBeLessThan(0.005);
    expect(total(r.skipped, 0)).toBe(0);
    for (const m of r.windowMin.slice(15)) expect(m).toBeLessThanOrEqual(8);
    expect(r.maxRate).toBeLessThanOrEqual(0.04);
  });
});
