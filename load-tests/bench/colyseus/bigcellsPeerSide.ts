/**
 * One side of the big-world peer comparison, in its own process so that its
 * CPU is its own (the orchestrator, bigcellsPeerBench.ts, runs the two sides
 * one after the other, pinned to the same core):
 *
 *   node22 --import tsx load-tests/bench/colyseus/bigcellsPeerSide.ts --side colyseus --players 250 --seconds 5
 *   node20 --import tsx load-tests/bench/colyseus/bigcellsPeerSide.ts --side tickwire --players 250 --seconds 5
 *
 * Prints one JSON line (BigPeerSideResult). tickwire's side is
 * `npm run bench:bigworld`'s own step (runBigWorldStep: the real
 * InterestBroadcaster, standings streams, counting links), unchanged.
 */
import { availableParallelism, loadavg } from 'node:os';
import { runBigWorldStep } from '../../bigworld/bigWorldBench';
import { busyShare, readCpuTotals } from '../../target/machineLoad';
import type { BigPeerSideResult } from './bigcellsSideResult';

const WARMUP_SECONDS = 2;

export class BigPeerArgsError extends Error {
  readonly code = 'BIGPEER_ARGS';
}

export function parseSideArgs(argv: readonly string[]): { side: 'colyseus' | 'tickwire'; players: number; seconds: number } {
  const at = (flag: string) => {
    const i = argv.indexOf(flag);
    return i >= 0 ? argv[i + 1] : undefined;
  };
  const side = at('--side');
  const players = Number(at('--players'));
  const seconds = Number(at('--seconds') ?? 5);
  const problems: string[] = [];
  if (side !== 'colyseus' && side !== 'tickwire') problems.push(`--side must be colyseus or tickwire (got ${JSON.stringify(side)})`);
  if (!Number.isInteger(players) || players < 1 || players > 2000) problems.push('--players must be an integer 1..2000');
  if (!Number.isInteger(seconds) || seconds < 1 || seconds > 600) problems.push('--seconds must be an integer 1..600');
  if (problems.length > 0) throw new BigPeerArgsError(`bigcellsPeerSide: ${problems.join('; ')}`);
  return { side: side as 'colyseus' | 'tickwire', players, seconds };
}

function runTickwire(players: number, seconds: number): BigPeerSideResult {
  const loadBefore = loadavg()[0];
  const machine0 = readCpuTotals();
  const cpu0 = process.cpuUsage();
  const wall0 = performance.now();
  const s = runBigWorldStep(players, seconds, 0, true, WARMUP_SECONDS);
  const wallSeconds = (performance.now() - wall0) / 1000;
  const cpu = process.cpuUsage(cpu0);
  const machine1 = readCpuTotals();
  const ownCores = (cpu.user + cpu.system) / 1e6 / wallSeconds;
  const machineCores = machine0 && machine1 ? busyShare(machine0, machine1) * availableParallelism() : null;
  const snapshotsPerSec = 30;
  return {
    server: 'tickwire',
    node: process.version,
    versions: '',
    players,
    worldSizeU: s.worldSizeU,
    seconds,
    cpuMsPerSecPerPlayer: s.cpuMsPerSecPerPlayer,
    downBytesPerClientPerSec: s.downBytesPerClientPerSec,
    standingsBytesPerClientPerSec: s.standingsBytesPerClientPerSec,
    entitiesPerView: s.entitiesPerView,
    // Sampled over the whole step (warm-up included): runBigWorldStep keeps its window inside.
    otherCores: machineCores === null ? null : Math.max(0, machineCores - ownCores),
    loadBefore,
    loadAfter: loadavg()[0],
    split: {
      'sim+bots': (s.simMsPerTick * 60) / players,
      'interest broadcast + standings': (s.broadcastUsPerViewer * snapshotsPerSec) / 1000,
    },
    joinSeconds: 0,
  };
}

async function main(): Promise<void> {
  const o = parseSideArgs(process.argv.slice(2));
  let result: BigPeerSideResult;
  if (o.side === 'tickwire') result = runTickwire(o.players, o.seconds);
  else {
    // Loaded only on the Colyseus side: Colyseus 0.18 needs Node ≥ 22.
    const { runColyseusBigcells } = await import('./bigcellsInProcess');
    result = await runColyseusBigcells(o.players, o.seconds, WARMUP_SECONDS);
  }
  process.stdout.write(`${JSON.stringify(result)}\n`);
}

if (process.argv[1]?.endsWith('bigcellsPeerSide.ts')) {
  main().then(
    () => process.exit(0),
    (err: unknown) => {
      process.stderr.write(`bigcellsPeerSide: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
      process.exit(1);
    },
  );
}
