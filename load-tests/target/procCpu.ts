/**
 * CPU time of another process from /proc/<pid>/stat (utime + stime, in clock
 * ticks of 10 ms on Linux), the pidusage approach without the dependency.
 */
import { readFileSync } from 'node:fs';

/** Assumed USER_HZ; Linux has used 100 on every mainstream architecture for decades. */
const CLOCK_TICKS_PER_SEC = 100;

/** CPU ms used so far by `pid`, or null when /proc is unavailable or the process is gone. */
export function processCpuMs(pid: number): number | null {
  let stat: string;
  try {
    stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code) return null;
    throw err;
  }
  // The command name (field 2) may contain spaces; fields after the closing paren are fixed.
  const rest = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  const utime = Number(rest[11]);
  const stime = Number(rest[12]);
  return ((utime + stime) * 1000) / CLOCK_TICKS_PER_SEC;
}
