/**
 * Child processes of the big-world peer comparison: each side of the bench
 * (bigcellsPeerSide.ts; Colyseus under the Node 22 binary, tickwire under the
 * Node that runs the bench) and the real-time Colyseus bigcells server for the
 * test (bigcellsColyseusMain.ts). Pinned and prioritized like every bench
 * server (target/spawnProcess.ts): taskset and nice exec their command, so the
 * PID is the process itself.
 */
import { spawnListening, spawnPinned } from '../../target/spawnProcess';
import { node22Binary } from './node22Binary';
import type { BigPeerSideResult } from './bigcellsSideResult';

const LISTENING = /bigcells colyseus listening on (ws:\/\/\S+) node (\S+) core (\S+)/;

export class BigPeerChildError extends Error {
  readonly code = 'BIGPEER_CHILD';
}

/**
 * Run one side for one player count and return its JSON report (throws BigPeerChildError with the child's stderr).
 * Colyseus always runs on Node 22; tickwire on the bench's Node (its own, 20) or, with `onNode22`, on the
 * same Node 22 binary as Colyseus (its in-process bench loads no uWS, so it runs there too).
 */
export async function runSide(side: 'colyseus' | 'tickwire', players: number, seconds: number, cpu: number, timeoutMs: number, onNode22 = side === 'colyseus'): Promise<BigPeerSideResult> {
  const node = onNode22 ? node22Binary().path : process.execPath;
  const args = ['--import', 'tsx', 'load-tests/bench/colyseus/bigcellsPeerSide.ts', '--side', side, '--players', String(players), '--seconds', String(seconds)];
  const { child } = spawnPinned(node, args, { cpu, raisePriority: true });
  let out = '';
  let err = '';
  child.stdout!.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr!.on('data', (d: Buffer) => (err = (err + d.toString()).slice(-4000)));
  const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
  const code = await new Promise<number | null>((r) => child.once('exit', (c) => r(c)));
  clearTimeout(timer);
  const line = out
    .split('\n')
    .reverse()
    .find((l) => l.startsWith('{'));
  if (code !== 0 || !line) throw new BigPeerChildError(`${side} ${players} players: exited ${code ?? 'by signal (timeout?)'}\n${err}`);
  return JSON.parse(line) as BigPeerSideResult;
}

export interface SpawnedBigcellsColyseus {
  wsUrl: string;
  nodeVersion: string;
  coreVersion: string;
  stop(): Promise<void>;
}

/** The real-time Colyseus bigcells server (for tests), its world sized for `worldPlayers`. */
export async function spawnBigcellsColyseus(worldPlayers: number, cpu = 0): Promise<SpawnedBigcellsColyseus> {
  const args = ['--import', 'tsx', 'load-tests/bench/colyseus/bigcellsColyseusMain.ts', '--world-players', String(worldPlayers)];
  const server = await spawnListening(node22Binary().path, args, LISTENING, { cpu, raisePriority: true, label: 'bigcellsColyseusMain.ts' });
  const m = server.listening;
  return { wsUrl: m[1], nodeVersion: m[2], coreVersion: m[3], stop: () => server.stop() };
}
