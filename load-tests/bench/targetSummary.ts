/**
 * The performance targets (docs/PERFORMANCE.md, "Targets") against what this
 * bench run measured, one row each, so that one `npm run bench` says which
 * hold. A row whose part did not run says which part or command measures it;
 * a figure taken while the generator saturated is labelled, never judged.
 */
import { boxTable, fmt } from '../report/boxTable';
import type { CodecRow } from './codecBench';
import type { JoinPathResult } from './joinPathBench';
import type { MemoryStep } from './memoryBench';
import type { NetcodeBenchResult } from './netcodeBench';
import { netcodeRows } from './netcodeTargets';
import type { PeerResult, PeerStep } from './peerBench';
import { judged, notRun, type TargetRow, type Verdict } from './targetRow';

export interface BenchFigures {
  codec?: CodecRow[];
  peer?: PeerResult;
  memory?: MemoryStep[];
  join?: JoinPathResult;
  netcode?: NetcodeBenchResult;
}


/** p99 tick (simulate + encode; sends are timed apart) that the directly measured player count must keep. */
export const DIRECT_TICK_P99_MS = 4;

function healthyTickwireSteps(p: PeerResult): PeerStep[] {
  return p.steps.filter((s) => s.server === 'tickwire' && s.welcomed === s.players && !s.generatorBound);
}

function peerRows(p: PeerResult | undefined): TargetRow[] {
  const t1 = 'server CPU per player ≥ 3× lower than Colyseus 0.18';
  const t2 = 'players held within the 16.7 ms budget ≥ 3× Colyseus';
  const t3 = '≥ 2,000 players per server core (projection at 80 % CPU)';
  const t4 = `≥ 1,500 players measured with p99 tick ≤ ${DIRECT_TICK_P99_MS} ms`;
  const t5 = 'input→applied ack p99 ≤ 50 ms at 100 players';
  if (!p) return [t1, t2, t3, t4, t5].map((t) => notRun(t, '--parts peer'));
  const rows: TargetRow[] = [];
  const cpu = p.ratios?.cpuPerPlayer ?? null;
  rows.push(cpu === null ? notRun(t1, 'no count ran fully on both servers') : judged(t1, `${fmt(cpu)}× at ${p.ratios!.players} players`, cpu >= 3));
  const tw = p.held.tickwire;
  const cy = p.held.colyseus;
  const held = `${tw.generatorBound ? '≥ ' : ''}${tw.players} vs ${cy.generatorBound ? '≥ ' : ''}${cy.players}`;
  rows.push(cy.players > 0 ? judged(t2, `${held} (${fmt(tw.players / cy.players)}×)${tw.generatorBound ? ', generator-bound' : ''}`, tw.players >= 3 * cy.players && !tw.generatorBound) : notRun(t2, 'Colyseus held no step'));
  const proj = p.projectedAt80.tickwire;
  rows.push(proj === null ? notRun(t3, 'no healthy tickwire step') : judged(t3, `${fmt(proj)} (projection)`, proj >= 2000));
  const healthy = healthyTickwireSteps(p);
  const direct = healthy.filter((s) => s.tickP99Ms !== null && s.tickP99Ms <= DIRECT_TICK_P99_MS).reduce((n, s) => Math.max(n, s.players), 0);
  const largest = healthy[healthy.length - 1];
  rows.push(
    judged(
      t4,
      `${fmt(direct)} players` + (largest ? ` (largest healthy step ${largest.players}: p99 ${fmt(largest.tickP99Ms ?? NaN)} ms)` : ' (no healthy step)'),
      direct >= 1500,
    ),
  );
  const at100 = healthy.find((s) => s.players === 100);
  rows.push(at100 ? judged(t5, `${fmt(at100.inputRttP99Ms)} ms`, at100.inputRttP99Ms <= 50) : notRun(t5, 'the peer part ran no healthy 100-player step'));
  return rows;
}

function bytesRows(f: BenchFigures): TargetRow[] {
  const t1 = '≤ 6 B per moving entity in delta snapshots';
  const t2 = 'downlink per client ≤ 6 kB/s (10-player arena)';
  const tw = f.codec?.find((r) => r.codec.startsWith('tickwire'));
  const rows = [tw ? judged(t1, `${fmt(tw.bytesPerMovingEntity)} B`, tw.bytesPerMovingEntity <= 6) : notRun(t1, '--parts codec')];
  const step = f.peer ? healthyTickwireSteps(f.peer)[0] : undefined;
  rows.push(step ? judged(t2, `${fmt(step.downBytesPerClientPerSec)} B/s at ${step.players} players`, step.downBytesPerClientPerSec <= 6000) : notRun(t2, '--parts peer'));
  return rows;
}

function joinAndMemoryRows(f: BenchFigures): TargetRow[] {
  const t1 = 'handshake + join + welcome ≤ 60 µs of server CPU';
  const t2 = 'memory per connected player reported';
  const inProcess = f.join ? `in process ${fmt(f.join.joinCpuUs)} µs without the handshake; ` : '';
  const rows = [notRun(t1, `${inProcess}whole path: npm run load -- connect`)];
  const last = f.memory?.[f.memory.length - 1];
  rows.push(
    last && last.rssBytesPerPlayer !== null
      ? { target: t2, measured: `${fmt(last.rssBytesPerPlayer / 1e3)} kB RSS, ${fmt((last.heapBytesPerPlayer ?? NaN) / 1e3)} kB heap per player at ${last.players}`, verdict: 'met' }
      : notRun(t2, '--parts memory'),
  );
  return rows;
}

export function targetRows(f: BenchFigures): TargetRow[] {
  return [...peerRows(f.peer), ...bytesRows(f), ...joinAndMemoryRows(f), ...netcodeRows(f.netcode)];
}

export function targetTable(f: BenchFigures): string {
  const rows = targetRows(f);
  const count = (v: Verdict) => rows.filter((r) => r.verdict === v).length;
  return [
    boxTable(['target', 'this run', 'verdict'], rows.map((r) => [r.target, r.measured, r.verdict])),
    `targets: ${count('met')} met, ${count('missed')} missed, ${count('not run')} not run (the handshake storm: npm run load -- connect --spawn-server --clients 10000 --rate 10000 --fast-client)`,
  ].join('\n');
}
