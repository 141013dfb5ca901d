/**
 * Who may use the operator console: a request bearing the configured token
 * (`Authorization: Bearer <token>`). Compared in constant time (SHA-256 of
 * both sides, then timingSafeEqual: equal lengths whatever was offered).
 * Failed attempts are counted per address; past MAX_FAILURES in a window the
 * address is refused (429) until the window ends, even with the right token,
 * so guessing costs a minute per handful of tries.
 */
import { createHash, timingSafeEqual } from 'node:crypto';

export type AuthResult = 'ok' | 'refused' | 'limited';

const MAX_FAILURES = 5;
const WINDOW_MS = 60_000;
/** Addresses tracked at most (a flood of addresses must not grow memory without bound). */
const MAX_TRACKED = 10_000;

export class AdminAuth {
  private readonly digest: Buffer;
  private readonly failures = new Map<string, { count: number; sinceMs: number }>();
  /** Refused attempts, for the console and tests. */
  refusedTotal = 0;

  constructor(token: string) {
    this.digest = sha256(token);
  }

  check(address: string, authorization: string, nowMs: number): AuthResult {
    const f = this.failures.get(address);
    if (f && nowMs - f.sinceMs >= WINDOW_MS) this.failures.delete(address);
    const current = this.failures.get(address);
    if (current && current.count >= MAX_FAILURES) return 'limited';
    const m = /^Bearer ([\x21-\x7e]{1,1024})$/.exec(authorization.trim());
    const offered = sha256(m ? m[1] : '\0');
    if (m && timingSafeEqual(offered, this.digest)) return 'ok';
    this.refusedTotal++;
    if (!current && this.failures.size >= MAX_TRACKED) this.prune(nowMs);
    if (current) current.count++;
    else if (this.failures.size < MAX_TRACKED) this.failures.set(address, { count: 1, sinceMs: nowMs });
    return 'refused';
  }

  private prune(nowMs: number): void {
    for (const [a, f] of this.failures) if (nowMs - f.sinceMs >= WINDOW_MS) this.failures.delete(a);
  }
}

function sha256(text: string): Buffer {
  return createHash('sha256').update(text).digest();
}
