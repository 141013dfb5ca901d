/**
 * Child processes of the big-world peer comparison: each side of the bench
 * (bigcellsPeerSide.ts; Colyseus under the Node 22 binary, tickwire under the
 * Node that runs the bench) and the real-time Colyseus bigcells server for the
 * test (bigcellsColyseusMain.ts). Pinned and prioritized like every bench
 * server (spawnColyseus.ts): taskset and nice exec their command, so the PID
 * is the process itself.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { BENCH_NICENESS, canPin, canRaisePriority, findTaskset } from '../../target/cpuPinning';
import { REPO_ROOT } from '../../target/spawnProcess';
import { node22Binary } from './node22Binary';
import type { BigPeerSideResult } from './bigcellsSideResult';

const START_TIMEOUT_MS = 30_000;
const LISTENING = /bigcells colyseus listening on (ws:\/\/\S+) node (\S+) core (\S+)/;

export class BigPeerChildError extends Error {
  readonly code = 'BIGPEER_CHILD';
}

/** Start `node args…` on `cpu` (when the machine can pin) at the bench's priority. */
export function spawnPinned(nodePath: string, args: readonly string[], cpu: number): { child: ChildProcess; pinning: string } {
  const taskset = canPin() ? findTaskset() : null;
  let [cmd, cmdArgs] = taskset ? [taskset, ['-c', String(cpu), nodePath, ...args]] : [nodePath, [...args]];
  const niced = canRaisePriority();
  if (niced) [cmd, cmdArgs] = ['nice', ['-n', String(BENCH_NICENESS), cmd, ...cmdArgs]];
  const child = spawn(cmd, cmdArgs, { cwd: REPO_ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
  const pinning = (taskset ? `pinned to core ${cpu}` : 'unpinned') + (niced ? `, nice ${BENCH_NICENESS}` : '');
  return { child, pinning };
}

/**
 * Run one side for one player count and return its JSON report (throws BigPeerChildError with the child's stderr).
 * Colyseus always runs on Node 22; tickwire on the bench's Node (its own, 20) or, with `onNode22`, on the
 * same Node 22 binary as Colyseus (its in-process bench loads no uWS, so it runs there too).
 */
export async function runSide(side: 'colyseus' | 'tickwire', players: number, seconds: number, cpu: number, timeoutMs: number, onNode22 = side === 'colyseus'): Promise<BigPeerSideResult> {
  const node = onNode22 ? node22Binary().path : process.execPath;
  const args = ['--import', 'tsx', 'load-tests/bench/colyseus/bigcellsPeerSide.ts', '--side', side, '--players', String(players), '--seconds', String(seconds)];
  const { child } = spawnPinned(node, args, cpu);
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
  const node = node22Binary();
  const { child } = spawnPinned(node.path, ['--import', 'tsx', 'load-tests/bench/colyseus/bigcellsColyseusMain.ts', '--world-players', String(worldPlayers)], cpu);
  let stderr = '';
  child.stderr!.on('data', (d: Buffer) => (stderr = (stderr + d.toString()).slice(-4000)));
  const exited = new Promise<void>((r) => child.once('exit', () => r()));
  const m = await new Promise<RegExpExecArray>((resolve, reject) => {
    let out = '';
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new BigPeerChildError(`bigcellsColyseusMain.ts did not report listening within ${START_TIMEOUT_MS} ms\n${stderr}`));
    }, START_TIMEOUT_MS);
    child.stdout!.on('data', (d: Buffer) => {
      out += d.toString();
      const found = LISTENING.exec(out);
      if (found) {
        clearTimeout(timer);
        resolve(found);
      }
    });
    child.once('exit', (code, signal) => {
      clearTimeout(timer);
      reject(new BigPeerChildError(`bigcellsColyseusMain.ts exited (${signal ?? code}) before listening\n${stderr}`));
    });
  });
  child.stdout!.resume();
  return {
    wsUrl: m[1],
    nodeVersion: m[2],
    coreVersion: m[3],
    stop: async () => {
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 5000);
      await exited;
      clearTimeout(timer);
    },
  };
}
