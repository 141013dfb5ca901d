/**
 * The global connection cap checked against the open-file limit. Each
 * WebSocket is a file descriptor; at RLIMIT_NOFILE accept() fails, uWS
 * retries it in a loop (35–86 % CPU), /healthz hangs and nobody can connect,
 * while the app's own 503 at `maxConnections` never fires (issue 9, finding 5).
 *
 * At startup: read the limit (/proc/self/limits); if the soft limit is below
 * the hard one, raise it (`prlimit` from util-linux on our own PID: Node has
 * no setrlimit; Node itself already raises it at startup on Linux, measured:
 * `prlimit --nofile=1024:20000 node` starts with 20000); then lower the cap
 * to leave `headroom` descriptors for everything else (listen socket, HTTP
 * probes and API requests, upgrades in progress, log files, Redis).
 */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';

export interface FileLimit {
  soft: number;
  hard: number;
}

/** Descriptors kept free for everything that is not a WebSocket. */
export function fdHeadroom(soft: number): number {
  return Math.max(64, Math.ceil(soft * 0.1));
}

/** RLIMIT_NOFILE of this process, or null where /proc is not available (not Linux). */
export function readFileLimit(limitsText?: string): FileLimit | null {
  let text = limitsText;
  if (text === undefined) {
    try {
      text = readFileSync('/proc/self/limits', 'utf8');
    } catch (err) {
      void err; // no /proc (macOS): the caller keeps the configured cap and says so
      return null;
    }
  }
  const m = /^Max open files\s+(\S+)\s+(\S+)/m.exec(text);
  if (!m) return null;
  const num = (s: string) => (s === 'unlimited' ? Number.POSITIVE_INFINITY : Number(s));
  return { soft: num(m[1]), hard: num(m[2]) };
}

/** Try to raise the soft limit to the hard one; returns the limit afterwards and what happened. */
export function raiseFileLimit(current: FileLimit): { limit: FileLimit; error: string | null } {
  if (current.soft >= current.hard) return { limit: current, error: null };
  const hard = Number.isFinite(current.hard) ? String(current.hard) : 'unlimited';
  try {
    execFileSync('prlimit', ['--pid', String(process.pid), `--nofile=${hard}:${hard}`], { stdio: 'pipe', timeout: 5000 });
  } catch (err) {
    return { limit: current, error: (err as Error).message.split('\n')[0] };
  }
  return { limit: readFileLimit() ?? current, error: null };
}

/** The connection cap this process can honour: `configured`, or lower if the file limit is too small. */
export function fitConnectionCap(configured: number, limit: FileLimit): number {
  const usable = limit.soft - fdHeadroom(limit.soft);
  return Math.max(1, Math.min(configured, usable));
}

/**
 * Check `configured` against the file limit at startup (raising the soft
 * limit first); warn and return a lower cap if it does not fit.
 */
export function connectionCapForFileLimit(configured: number, log: { warn: (o: object, msg: string) => void }): number {
  const found = readFileLimit();
  if (!found) {
    log.warn({ maxConnections: configured }, 'cannot read the open-file limit here; keeping the configured connection cap');
    return configured;
  }
  const { limit, error } = raiseFileLimit(found);
  if (error) log.warn({ soft: limit.soft, hard: limit.hard, error }, 'could not raise the open-file soft limit to the hard limit');
  const cap = fitConnectionCap(configured, limit);
  if (cap < configured) {
    log.warn(
      { configured, cap, softLimit: limit.soft, headroom: fdHeadroom(limit.soft) },
      'maxConnections exceeds what the open-file limit allows; lowering it (raise `ulimit -n` / LimitNOFILE to keep it)',
    );
  }
  return cap;
}
