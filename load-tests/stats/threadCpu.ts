/**
 * The generator's own CPU from /proc: user and system time of this process
 * (every thread: bot workers, the main thread, V8's GC helpers, libuv's pool)
 * and of its busiest thread — a bot worker, which is what saturates first,
 * since one worker runs on one core however idle the others are. Clock ticks
 * of 10 ms (USER_HZ 100), so windows of a few seconds and more.
 */
import { readdirSync, readFileSync } from 'node:fs';

const CLOCK_TICKS_PER_SEC = 100;

export interface ThreadCpuSample {
  /** Process user and system CPU ms (all threads). */
  userMs: number;
  systemMs: number;
  /** CPU ms (user + system) by thread id. */
  byThread: Map<number, number>;
}

export interface ThreadCpuUse {
  /** Shares of one core over the window. */
  user: number;
  system: number;
  busiestThread: number;
}

/** utime and stime (ms) from a /proc stat line; the command name may hold spaces. */
function userSystemMs(stat: string): [number, number] {
  const rest = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return [(Number(rest[11]) * 1000) / CLOCK_TICKS_PER_SEC, (Number(rest[12]) * 1000) / CLOCK_TICKS_PER_SEC];
}

/** This process's CPU now, or null without /proc. */
export function sampleThreadCpu(): ThreadCpuSample | null {
  try {
    const [userMs, systemMs] = userSystemMs(readFileSync('/proc/self/stat', 'utf8'));
    const byThread = new Map<number, number>();
    for (const tid of readdirSync('/proc/self/task')) {
      let stat: string;
      try {
        stat = readFileSync(`/proc/self/task/${tid}/stat`, 'utf8');
      } catch (err) {
        // A thread that ended between the listing and the read.
        if ((err as NodeJS.ErrnoException).code === 'ENOENT' || (err as NodeJS.ErrnoException).code === 'ESRCH') continue;
        throw err;
      }
      const [u, s] = userSystemMs(stat);
      byThread.set(Number(tid), u + s);
    }
    return { userMs, systemMs, byThread };
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code) return null;
    throw err;
  }
}

/** CPU used between two samples `wallMs` apart, as shares of one core. */
export function threadCpuBetween(a: ThreadCpuSample, b: ThreadCpuSample, wallMs: number): ThreadCpuUse {
  let busiest = 0;
  for (const [tid, ms] of b.byThread) busiest = Math.max(busiest, ms - (a.byThread.get(tid) ?? 0));
  return { user: (b.userMs - a.userMs) / wallMs, system: (b.systemMs - a.systemMs) / wallMs, busiestThread: busiest / wallMs };
}
