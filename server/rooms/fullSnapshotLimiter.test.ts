import { describe, expect, it } from 'vitest';
import { chooseBaseline, WITHHELD, type AckState } from './fullSnapshotLimiter';

const ring = new Set([90, 92, 94, 96, 98]);
const held = (t: number) => ring.has(t);
const state = (ackTick: number, lastAckedTick = ackTick): AckState => ({ ackTick, lastAckedTick, lastFullAtMs: -Infinity, lastFullTick: 0 });

describe('chooseBaseline', () => {
  it('deltas against a held ack, full snapshot for a first join', () => {
    expect(chooseBaseline(state(96), 100, held, 0, 1000)).toBe(96);
    const fresh = state(0);
    expect(chooseBaseline(fresh, 100, held, 5, 1000)).toBe(0);
    expect(fresh.lastFullAtMs).toBe(5);
  });

  it('sends a client that acks 0 on every Input at most one full snapshot per interval, deltas against it between', () => {
    const r = state(0);
    const sent = [];
    let tick = 100;
    const ring: number[] = [];
    for (let ms = 0; ms < 3000; ms += 33) {
      tick += 2;
      ring.push(tick);
      if (ring.length > 32) ring.shift();
      sent.push(chooseBaseline(r, tick, (t) => ring.includes(t) && t !== tick, ms, 1000));
    }
    expect(sent.filter((b) => b === 0)).toHaveLength(3);
    expect(sent.filter((b) => b === WITHHELD)).toHaveLength(0);
    // Each delta is against the most recent full snapshot.
    let lastFull = 0;
    let tick2 = 100;
    for (const b of sent) {
      tick2 += 2;
      if (b === 0) lastFull = tick2;
      else expect(b).toBe(lastFull);
    }
  });

  it('between full snapshots, falls back to the last acknowledged baseline, then the last full, if the ring holds them', () => {
    const r = { ackTick: 0, lastAckedTick: 94, lastFullAtMs: 500, lastFullTick: 92 };
    expect(chooseBaseline(r, 100, held, 800, 1000)).toBe(94);
    expect(chooseBaseline({ ...r, lastAckedTick: 0 }, 100, held, 800, 1000)).toBe(92);
    // An ack that has left the ring is no baseline: a full once the interval has passed.
    const stale = { ackTick: 10, lastAckedTick: 10, lastFullAtMs: 500, lastFullTick: 12 };
    expect(chooseBaseline(stale, 100, held, 800, 1000)).toBe(WITHHELD);
    expect(chooseBaseline(stale, 100, held, 1500, 1000)).toBe(0);
  });

  it('never uses the current tick or a future one as a baseline', () => {
    expect(chooseBaseline(state(100), 100, () => true, 0, 1000)).toBe(0);
  });
});
