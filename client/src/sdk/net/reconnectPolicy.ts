/**
 * When to try again after an unexpected close. A restart (1012) is the common
 * case and usually lasts a few seconds, so the player should be back within a
 * fraction of a second of the server: retry at once, then poll at a short
 * jittered interval for a while, and only then back off exponentially.
 *
 *   outage:  0 ─ first ─ fast window (fastWindowMs) ─────────┬─ backoff ─────────────────▶ give up
 *   delay:   [0, firstDelayMs)   [fast/2, fast) each          │ [c/2, c), c = time waited past
 *                                                             │ the window, 2·fast ≤ c ≤ maxDelayMs
 *
 * Every delay is jittered ("full" for the first, "equal" after), so a restart
 * does not see every client come back in the same millisecond. A wait after
 * the server is back is at most one delay: < fastDelayMs inside the window.
 * (The old policy doubled from 250 ms on every attempt: 1–2 s waits by the
 * time a restart finished.)
 */
export interface ReconnectOptions {
  /** The first retry waits uniform [0, firstDelayMs), ms. */
  firstDelayMs: number;
  /** Inside the fast window each retry waits [fastDelayMs/2, fastDelayMs), ms. */
  fastDelayMs: number;
  /** How long (sum of the delays so far) the fast interval lasts, ms: a restart's expected downtime. */
  fastWindowMs: number;
  /** Largest backoff ceiling after the fast window, ms. */
  maxDelayMs: number;
  /** Give up once the delays so far add up to this, ms. */
  giveUpAfterMs: number;
}

export const DEFAULT_RECONNECT: ReconnectOptions = {
  firstDelayMs: 100,
  fastDelayMs: 500,
  fastWindowMs: 10_000,
  maxDelayMs: 8000,
  // The server's session grace is 15 s; past it we still rejoin the room afresh, so keep at it for a minute.
  giveUpAfterMs: 60_000,
};

export class ReconnectPolicy {
  private attempt = 0;
  private waitedMs = 0;

  constructor(
    private readonly opts: ReconnectOptions = DEFAULT_RECONNECT,
    private readonly random: () => number = Math.random,
  ) {}

  /** Attempts made since the last success. */
  get attempts(): number {
    return this.attempt;
  }

  /** Sum of the delays handed out since the last success, ms. */
  get outageMs(): number {
    return this.waitedMs;
  }

  get exhausted(): boolean {
    return this.waitedMs >= this.opts.giveUpAfterMs;
  }

  /** The delay before the next attempt (and counts it), or null when it is time to give up. */
  nextDelayMs(): number | null {
    if (this.exhausted) return null;
    const delay = reconnectDelayMs(this.attempt, this.waitedMs, this.opts, this.random());
    this.attempt++;
    this.waitedMs += delay;
    return delay;
  }

  /** A connection succeeded: the next failure starts from an immediate retry again. */
  reset(): void {
    this.attempt = 0;
    this.waitedMs = 0;
  }
}

/** Delay for `attempt` (0-based) after `waitedMs` of delays, given a uniform random number in [0, 1). */
export function reconnectDelayMs(attempt: number, waitedMs: number, opts: ReconnectOptions, random01: number): number {
  const r = Math.min(Math.max(random01, 0), 1);
  if (attempt === 0) return opts.firstDelayMs * r;
  const beyondMs = waitedMs - opts.fastWindowMs;
  if (beyondMs < 0) return opts.fastDelayMs / 2 + (opts.fastDelayMs / 2) * r;
  // Past the window the ceiling is as long as we have already waited beyond it: geometric growth (×1.5–2 per attempt).
  const ceiling = Math.min(opts.maxDelayMs, Math.max(2 * opts.fastDelayMs, beyondMs));
  return ceiling / 2 + (ceiling / 2) * r;
}
