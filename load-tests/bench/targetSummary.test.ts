import { describe, expect, it } from 'vitest';
import type { PeerResult, PeerStep } from './peerBench';
import { targetRows } from './targetSummary';

const step = (server: PeerStep['server'], players: number, over: Partial<PeerStep> = {}): PeerStep => ({
  server,
  players,
  welcomed: players,
  tickP99Ms: 3,
  patchP99Ms: null,
  loopLagP99Ms: null,
  snapshotsPerClientPerSec: 30,
  inputRttP99Ms: 40,
  serverCpu: players / 2000,
  cpuMsPerSecPerPlayer: 0.5,
  downBytesPerClientPerSec: 2100,
  upBytesPerClientPerSec: 130,
  generatorCpu: 0.5,
  otherCores: 0,
  holds: true,
  generatorBound: false,
  why: 'holds',
  ...over,
});

function peer(steps: PeerStep[], cpuRatio: number, projected: number): PeerResult {
  return {
    steps,
    held: { tickwire: { players: 1500, generatorBound: false }, colyseus: { players: 250, generatorBound: false } },
    projectedAt80: { tickwire: projected, colyseus: 400 },
    runtimes: { tickwire: 'tickwire', colyseus: 'colyseus' },
    ratios: { players: 100, cpuPerPlayer: cpuRatio, downBytes: 2, upBytes: 1 },
  };
}

const verdict = (rows: ReturnType<typeof targetRows>, prefix: string) => rows.find((r) => r.target.startsWith(prefix))?.verdict;

describe('targetRows', () => {
  it('judges the peer figures against the targets', () => {
    const rows = targetRows({ peer: peer([step('tickwire', 100), step('tickwire', 1500), step('colyseus', 100)], 3.2, 2100) });
    expect(verdict(rows, 'server CPU per player')).toBe('met');
    expect(verdict(rows, 'players held')).toBe('met');
    expect(verdict(rows, '≥ 2,000 players per server core')).toBe('met');
    expect(verdict(rows, '≥ 1,500 players measured')).toBe('met');
    expect(verdict(rows, 'input→applied ack')).toBe('met');
  });

  it('a slow tick, a generator-bound step or a low ratio is missed, not met', () => {
    const steps = [step('tickwire', 100, { inputRttP99Ms: 80 }), step('tickwire', 1500, { tickP99Ms: 6 }), step('tickwire', 2000, { generatorBound: true })];
    const rows = targetRows({ peer: peer(steps, 1.6, 966) });
    expect(verdict(rows, 'server CPU per player')).toBe('missed');
    expect(verdict(rows, '≥ 2,000 players per server core')).toBe('missed');
    expect(rows.find((r) => r.target.startsWith('≥ 1,500'))?.measured).toMatch(/^100 players/);
    expect(verdict(rows, '≥ 1,500 players measured')).toBe('missed');
    expect(verdict(rows, 'input→applied ack')).toBe('missed');
  });

  it('says which part measures a target that did not run', () => {
    const rows = targetRows({});
    expect(rows.every((r) => r.verdict === 'not run')).toBe(true);
    expect(rows.find((r) => r.target.startsWith('≤ 6 B'))?.measured).toContain('--parts codec');
  });
});
