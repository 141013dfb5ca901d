/**
 * Start the Colyseus 0.18 bench server (colyseusMain.ts) under the Node 22
 * binary, pinned and prioritized like every bench server
 * (target/spawnProcess.ts does the same for servers on the bench's own Node).
 * taskset and nice exec their command, so the PID we hold is the server
 * itself (CPU accounting).
 */
import { spawn } from 'node:child_process';
import { BENCH_NICENESS, canPin, canRaisePriority, findTaskset } from '../../target/cpuPinning';
import { REPO_ROOT, type SpawnedServer } from '../../target/spawnProcess';
import { node22Binary } from './node22Binary';

const START_TIMEOUT_MS = 30_000;
const LISTENING = /colyseus listening on (ws:\/\/\S+) stats (http:\/\/\S+) node (\S+) core (\S+)/;

export interface SpawnedColyseus extends SpawnedServer {
  /** "ws://HOST:PORT". */
  wsUrl: string;
  statsUrl: string;
  nodeVersion: string;
  coreVersion: string;
}

export async function spawnColyseus(roomSize: number, cpu: number): Promise<SpawnedColyseus> {
  const node = node22Binary();
  const nodeArgs = ['--import', 'tsx', 'load-tests/bench/colyseus/colyseusMain.ts', '--room-size', String(roomSize)];
  const taskset = canPin() ? findTaskset() : null;
  let [cmd, args] = taskset ? [taskset, ['-c', String(cpu), node.path, ...nodeArgs]] : [node.path, nodeArgs];
  const niced = canRaisePriority();
  if (niced) [cmd, args] = ['nice', ['-n', String(BENCH_NICENESS), cmd, ...args]];
  const child = spawn(cmd, args, { cwd: REPO_ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
  let stderr = '';
  child.stderr.on('data', (d: Buffer) => {
    stderr = (stderr + d.toString()).slice(-4000);
  });
  const exited = new Promise<void>((r) => child.once('exit', () => r()));
  const m = await new Promise<RegExpExecArray>((resolve, reject) => {
    let out = '';
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`colyseusMain.ts (${node.version}) did not report listening within ${START_TIMEOUT_MS} ms\n${stderr}`));
    }, START_TIMEOUT_MS);
    child.stdout.on('data', (d: Buffer) => {
      out += d.toString();
      const found = LISTENING.exec(out);
      if (found) {
        clearTimeout(timer);
        resolve(found);
      }
    });
    child.once('exit', (code, signal) => {
      clearTimeout(timer);
      reject(new Error(`colyseusMain.ts (${node.version}) exited (${signal ?? code}) before listening\n${stderr}`));
    });
  });
  child.stdout.resume();
  return {
    pid: child.pid!,
    url: `${m[1]} stats ${m[2]}`,
    wsUrl: m[1],
    statsUrl: m[2],
    nodeVersion: m[3],
    coreVersion: m[4],
    child,
    pinning: (taskset ? `pinned to core ${cpu} (taskset -c ${cpu})` : 'unpinned') + (niced ? `, nice ${BENCH_NICENESS}` : ''),
    stderrTail: () => stderr,
    stop: async (graceMs = 5000) => {
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
      await exited;
      clearTimeout(timer);
    },
  };
}
