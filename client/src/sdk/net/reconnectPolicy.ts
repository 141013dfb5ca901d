/**
 * When to try again after an unexpected close: exponential backoff with "equal
 * jitter" (half the delay fixed, half random), so a server restart does not see
 * every client come back in the same millisecond.
 *
 *   attempt:   0      1      2      3      4 ...
 *   ceiling:   base   2b     4b     8b     ... capped at maxDelayMs
 *   delay:     [ceiling/2, ceiling)
 */
export interface ReconnectOptions {
  /** First ceiling, ms. */
  baseDelayMs: number;
  /** Largest ceiling, ms. */
  maxDelayMs: number;
  /** Give up after this many failed attempts in a row. */
  maxAttempts: number;
}

export const DEFAULT_RECONNECT: ReconnectOptions = { baseDelayMs: 250, maxDelayMs: 8000, maxAttempts: 12 };

export class ReconnectPolicy {
  private attempt = 0;

  constructor(
    private readonly opts: ReconnectOptions = DEFAULT_RECONNECT,
    private readonly random: () => number = Math.random,
  ) {}

  /** Attempts made since the last success. */
  get attempts(): number {
    return this.attempt;
  }

  get exhausted(): boolean {
    return this.attempt >= this.opts.maxAttempts;
  }

  /** The delay before the next attempt (and counts it), or null when out of attempts. */
  nextDelayMs(): number | null {
    if (this.exhausted) return null;
    const delay = backoffDelayMs(this.attempt, this.opts, this.random());
    this.attempt++;
    return delay;
  }

  /** A connection succeeded: the next failure starts from the base delay again. */
  reset(): void {
    this.attempt = 0;
  }
}

/** Delay for `attempt` (0-based) given a uniform random number in [0, 1). */
export function backoffDelayMs(attempt: number, opts: ReconnectOptions, random01: number): number {
  const ceiling = Math.min(opts.maxDelayMs, opts.baseDelayMs * 2 ** Math.min(attempt, 30));
  const r = Math.min(Math.max(random01, 0), 1);
  return ceiling / 2 + (ceiling / 2) * r;
}
