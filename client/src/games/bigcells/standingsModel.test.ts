import { describe, expect, it } from 'vitest';
import { StandingsModel } from './standingsModel';

const nameOf = (id: number): string => `p${id}`;

describe('bigcells standings model', () => {
  it('lists the top entries and appends our own place when we are further down', () => {
    const m = new StandingsModel({ width: 16384, height: 16384 });
    m.onLeaderboard({ t: 60, n: 500, top: [[4, 900], [9, 800]] });
    m.onRank({ r: 37, s: 120 });
    expect(m.rows(12, nameOf)).toEqual([
      { rank: 1, id: 4, name: 'p4', mass: 900, isMe: false },
      { rank: 2, id: 9, name: 'p9', mass: 800, isMe: false },
      { rank: 37, id: 12, name: 'p12', mass: 120, isMe: true },
    ]);
    m.onRank({ r: 2, s: 800 });
    expect(m.rows(9, nameOf).map((r) => r.isMe)).toEqual([false, true]);
    expect(m.ranked).toBe(500);
  });

  it('places the minimap in u and ignores a density list that does not match its side', () => {
    const m = new StandingsModel({ width: 256, height: 512 });
    m.onMinimap({ t: 1, s: 2, d: [0, 3, 15, 1], p: [[4, 0, 255]] });
    expect(m.minimap).toEqual({ side: 2, density: Uint8Array.from([0, 3, 15, 1]), top: [{ id: 4, x: 0.5, y: 511 }] });
    m.onMinimap({ t: 2, s: 3, d: [1], p: [] });
    expect(m.minimap!.side).toBe(2);
  });
});
