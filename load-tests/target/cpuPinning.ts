/**
 * Core pinning with taskset: the server on core 0, the load generator on core 1,
 * so neither steals the other's CPU. Only when the machine has ≥ 2 cores and
 * taskset exists; otherwise everything runs unpinned and the output says so.
 */
import { execFileSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { availableParallelism } from 'node:os';

export const SERVER_CPU = 0;
export const GENERATOR_CPU = 1;

let tasksetPath: string | null | undefined;

export function findTaskset(): string | null {
  if (tasksetPath !== undefined) return tasksetPath;
  tasksetPath = null;
  for (const p of ['/usr/bin/taskset', '/bin/taskset', '/usr/local/bin/taskset']) {
    try {
      execFileSync(p, ['--version'], { stdio: 'ignore' });
      tasksetPath = p;
      break;
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'ENOENT') tasksetPath = null;
    }
  }
  return tasksetPath;
}

export function canPin(): boolean {
  return availableParallelism() >= 2 && findTaskset() !== null;
}

/** Pin every thread of this process (and threads it starts later) to `cpu`. Returns a description. */
export function pinSelf(cpu: number): string {
  const taskset = findTaskset();
  if (!canPin() || !taskset) return `generator unpinned (${availableParallelism()} core(s), taskset ${taskset ? 'found' : 'missing'})`;
  execFileSync(taskset, ['-a', '-cp', String(cpu), String(process.pid)], { stdio: 'ignore' });
  return `generator pinned to core ${cpu} (taskset -a -cp ${cpu} ${process.pid})`;
}

/** Nice value for benchmark processes: the highest; the machine this was written on runs Chromium at -8 and test runs beside it. */
export const BENCH_NICENESS = -20;

/** Can we raise priority (root)? Then bench servers and the generator run at BENCH_NICENESS. */
export function canRaisePriority(): boolean {
  return typeof process.getuid === 'function' && process.getuid() === 0;
}

/** Raise this process's priority (all threads) when allowed; returns a description. */
export function raiseOwnPriority(): string {
  if (!canRaisePriority()) return 'default priority';
  try {
    execFileSync('renice', ['-n', String(BENCH_NICENESS), '-p', String(process.pid)], { stdio: 'ignore' });
    for (const tid of readdirSync(`/proc/${process.pid}/task`)) {
      execFileSync('renice', ['-n', String(BENCH_NICENESS), '-p', tid], { stdio: 'ignore' });
    }
    return `nice ${BENCH_NICENESS}`;
  } catch (err) {
    return `default priority (renice failed: ${(err as Error).message.split('\n')[0]})`;
  }
}
