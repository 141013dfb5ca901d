/**
 * Start a server as a child process, pinned to a core with taskset when
 * possible (and at the bench's priority when asked), and wait for the line
 * that says where it listens. taskset and nice exec their command and
 * `node --import tsx` keeps it one process, so the PID we hold is the server
 * itself (CPU accounting, SIGKILL in tests), not a wrapper. One path for every
 * bench server: tickwire and the raw servers on the bench's own Node
 * (spawnTsServer), Colyseus under the Node 22 binary (bench/colyseus/).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { BENCH_NICENESS, canPin, canRaisePriority, findTaskset } from './cpuPinning';

export interface SpawnedServer {
  pid: number;
  url: string;
  child: ChildProcess;
  /** e.g. "pinned to core 0" / "unpinned". */
  pinning: string;
  /** Everything the child wrote to stderr (for error messages). */
  stderrTail(): string;
  /** SIGTERM, then SIGKILL after `graceMs`; resolves when it has exited. */
  stop(graceMs?: number): Promise<void>;
}

/** A started server and its listening line's match: [1] the address it printed, further groups whatever else the line reports. */
export interface ListeningServer extends Omit<SpawnedServer, 'url'> {
  listening: RegExpExecArray;
}

export interface PinnedSpawnOptions {
  /** The core to pin to (when the machine can pin); none: unpinned. */
  cpu?: number;
  /** Run at BENCH_NICENESS (when the machine allows it). */
  raisePriority?: boolean;
  env?: NodeJS.ProcessEnv;
}

/** A server that exited or stayed silent before its listening line. */
export class ServerStartError extends Error {
  readonly code = 'SERVER_START';
}

export const REPO_ROOT = fileURLToPath(new URL('../../', import.meta.url));
const DEFAULT_START_TIMEOUT_MS = 30_000;
const STDERR_TAIL_CHARS = 4000;

/** Start `node nodeArgs…` in the repo root, stdout and stderr piped; `pinning` says how it runs. */
export function spawnPinned(nodePath: string, nodeArgs: readonly string[], opts: PinnedSpawnOptions = {}): { child: ChildProcess; pinning: string } {
  const taskset = opts.cpu !== undefined && canPin() ? findTaskset() : null;
  let [cmd, cmdArgs] = taskset ? [taskset, ['-c', String(opts.cpu), nodePath, ...nodeArgs]] : [nodePath, [...nodeArgs]];
  const niced = opts.raisePriority === true && canRaisePriority();
  if (niced) [cmd, cmdArgs] = ['nice', ['-n', String(BENCH_NICENESS), cmd, ...cmdArgs]];
  const child = spawn(cmd, cmdArgs, { cwd: REPO_ROOT, stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, ...opts.env } });
  const pinning = (taskset ? `pinned to core ${opts.cpu} (taskset -c ${opts.cpu})` : 'unpinned') + (niced ? `, nice ${BENCH_NICENESS}` : '');
  return { child, pinning };
}

/**
 * Start a server (spawnPinned) and resolve once its stdout matches `listeningLine`;
 * rejects with ServerStartError (`label` and the child's stderr) when it exits first
 * or stays silent for `startTimeoutMs` (then it is killed).
 */
export async function spawnListening(
  nodePath: string,
  nodeArgs: readonly string[],
  listeningLine: RegExp,
  opts: PinnedSpawnOptions & { label: string; startTimeoutMs?: number },
): Promise<ListeningServer> {
  const { child, pinning } = spawnPinned(nodePath, nodeArgs, opts);
  const startTimeoutMs = opts.startTimeoutMs ?? DEFAULT_START_TIMEOUT_MS;
  let stderr = '';
  child.stderr!.on('data', (d: Buffer) => {
    stderr = (stderr + d.toString()).slice(-STDERR_TAIL_CHARS);
  });
  const exited = new Promise<void>((r) => child.once('exit', () => r()));
  const listening = await new Promise<RegExpExecArray>((resolve, reject) => {
    let out = '';
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new ServerStartError(`${opts.label} did not report listening within ${startTimeoutMs} ms\n${stderr}`));
    }, startTimeoutMs);
    child.stdout!.on('data', (d: Buffer) => {
      out += d.toString();
      const m = listeningLine.exec(out);
      if (m) {
        clearTimeout(timer);
        resolve(m);
      }
    });
    child.once('exit', (code, signal) => {
      clearTimeout(timer);
      reject(new ServerStartError(`${opts.label} exited (${signal ?? code}) before listening\n${stderr}`));
    });
  });
  child.stdout!.resume();
  return {
    pid: child.pid!,
    listening,
    child,
    pinning,
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

/** A TypeScript entry on the bench's own Node, whose listening line's first group is its URL. */
export async function spawnTsServer(
  entry: string,
  args: readonly string[],
  listeningLine: RegExp,
  opts: PinnedSpawnOptions & { startTimeoutMs?: number } = {},
): Promise<SpawnedServer> {
  const { listening, ...server } = await spawnListening(process.execPath, ['--import', 'tsx', entry, ...args], listeningLine, { ...opts, label: entry });
  return { ...server, url: listening[1] };
}

/** The tickwire server: `node --import tsx server/main.ts --port 0 --host 127.0.0.1 ...`. */
export function spawnTickwire(extraArgs: readonly string[] = [], cpu?: number, raisePriority = false): Promise<SpawnedServer> {
  return spawnTsServer('server/main.ts', ['--port', '0', '--host', '127.0.0.1', '--log-level', 'warn', ...extraArgs], /tickwire listening on (http:\/\/[^\s]+)/, {
    cpu,
    raisePriority,
  });
}
