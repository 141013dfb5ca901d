/**
 * Start a TypeScript entry (a server) as a child process, pinned to a core
 * with taskset when possible, and wait for the line that says where it
 * listens. `node --import tsx` keeps it one process, so the PID we hold is
 * the server itself (CPU accounting, SIGKILL in tests), not a wrapper.
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

export const REPO_ROOT = fileURLToPath(new URL('../../', import.meta.url));

export async function spawnTsServer(
  entry: string,
  args: readonly string[],
  listeningLine: RegExp,
  opts: { cpu?: number; startTimeoutMs?: number; env?: NodeJS.ProcessEnv; raisePriority?: boolean } = {},
): Promise<SpawnedServer> {
  const nodeArgs = ['--import', 'tsx', entry, ...args];
  const taskset = opts.cpu !== undefined && canPin() ? findTaskset() : null;
  let [cmd, cmdArgs] = taskset ? [taskset, ['-c', String(opts.cpu), process.execPath, ...nodeArgs]] : [process.execPath, nodeArgs];
  // `nice` execs its command, like taskset: the PID stays the server's own.
  const niced = opts.raisePriority === true && canRaisePriority();
  if (niced) [cmd, cmdArgs] = ['nice', ['-n', String(BENCH_NICENESS), cmd, ...cmdArgs]];
  const child = spawn(cmd, cmdArgs, { cwd: REPO_ROOT, stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, ...opts.env } });
  let stderr = '';
  child.stderr!.on('data', (d: Buffer) => {
    stderr = (stderr + d.toString()).slice(-4000);
  });
  const exited = new Promise<void>((r) => child.once('exit', () => r()));
  const url = await new Promise<string>((resolve, reject) => {
    let out = '';
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`${entry} did not report listening within ${opts.startTimeoutMs ?? 30_000} ms\n${stderr}`));
    }, opts.startTimeoutMs ?? 30_000);
    child.stdout!.on('data', (d: Buffer) => {
      out += d.toString();
      const m = listeningLine.exec(out);
      if (m) {
        clearTimeout(timer);
        resolve(m[1]);
      }
    });
    child.once('exit', (code, signal) => {
      clearTimeout(timer);
      reject(new Error(`${entry} exited (${signal ?? code}) before listening\n${stderr}`));
    });
  });
  child.stdout!.resume();
  return {
    pid: child.pid!,
    url,
    child,
    pinning: (taskset ? `pinned to core ${opts.cpu} (taskset -c ${opts.cpu})` : 'unpinned') + (niced ? `, nice ${BENCH_NICENESS}` : ''),
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


/** The tickwire server: `node --import tsx server/main.ts --port 0 --host 127.0.0.1 ...`. */
export function spawnTickwire(extraArgs: readonly string[] = [], cpu?: number, raisePriority = false): Promise<SpawnedServer> {
  return spawnTsServer('server/main.ts', ['--port', '0', '--host', '127.0.0.1', '--log-level', 'warn', ...extraArgs], /tickwire listening on (http:\/\/[^\s]+)/, {
    cpu,
    raisePriority,
  });
}
