import { describe, expect, it } from 'vitest';
import { chooseBaseline, type AckState } from './fullSnapshotLimiter';

const ring = new Set([90, 92, 94, 96, 98]);
const held = (t: number) => ring.has(t);
const state = (ackTick: number, extra: Partial<AckState> = {}): AckState => ({ ackTick, lastAckedTick: ackTick, lastFullAtMs: -Infinity, lastFullTick: 0, ...extra });

describe('chooseBaseline', () => {
  it('deltas against a held ack, full snapshot for a first join', () => {
    expect(chooseBaseline(state(96), 100, held, 0, 1000)).toBe(96);
    const fresh = state(0);
    expect(chooseBaseline(fresh, 100, held, 5, 1000)).toBe(0);
    expect(fresh).toMatchObject({ lastFullAtMs: 5, lastFullTick: 100 });
  });

  it('sends a client that acks 0 on every Input one full snapshot per interval, and deltas against it between', () => {
    const r = state(0);
    const ticks: number[] = [];
    const sent: [number, number][] = [];
    for (let ms = 0, tick = 100; ms < 3000; ms += 33, tick += 2) {
      ticks.push(tick);
      if (ticks.length > 32) ticks.shift();
      sent.push([tick, chooseBaseline(r, tick, (t) => ticks.includes(t), ms, 1000)]);
    }
    expect(sent.filter(([, b]) => b === 0)).toHaveLength(3);
    let lastFull = 0;
    for (const [tick, b] of sent) {
      if (b === 0) lastFull = tick;
      else expect(b).toBe(lastFull);
    }
  });

  it('within the interval, falls back to the last acknowledged baseline, then the last full, if the ring holds them', () => {
    expect(chooseBaseline(state(0, { lastAckedTick: 94, lastFullAtMs: 500, lastFullTick: 92 }), 100, held, 800, 1000)).toBe(94);
    expect(chooseBaseline(state(0, { lastAckedTick: 0, lastFullAtMs: 500, lastFullTick: 92 }), 100, held, 800, 1000)).toBe(92);
  });

  it('sends a full snapshot, even within the interval, when no baseline is held any more (the ring spans less time)', () => {
    const stale = state(10, { lastFullAtMs: 500, lastFullTick: 12 });
    expect(chooseBaseline(stale, 100, held, 800, 1000)).toBe(0);
    expect(stale).toMatchObject({ lastFullAtMs: 800, lastFullTick: 100 });
  });

  it('never uses the current tick or a future one as a baseline', () => {
    expect(chooseBaseline(state(100), 100, () => true, 0, 1000)).toBe(0);
  });
});
