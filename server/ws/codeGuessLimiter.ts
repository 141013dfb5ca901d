/**
 * Failed join-code guesses per client address in a fixed one-minute window.
 * With 50-bit codes and 10 guesses a minute, finding one room by guessing
 * takes ~10^14 minutes per address. Time is injected.
 */
export class CodeGuessLimiter {
  private readonly windows = new Map<string, { startMs: number; failures: number }>();

  constructor(
    readonly maxPerMinute: number,
    private readonly windowMs = 60_000,
  ) {}

  isBlocked(address: string, nowMs: number): boolean {
    const w = this.windows.get(address);
    return w !== undefined && nowMs - w.startMs < this.windowMs && w.failures >= this.maxPerMinute;
  }

  recordFailure(address: string, nowMs: number): void {
    const w = this.windows.get(address);
    if (!w || nowMs - w.startMs >= this.windowMs) this.windows.set(address, { startMs: nowMs, failures: 1 });
    else w.failures++;
  }

  /** Forget windows that have ended (call periodically so the map stays bounded). */
  prune(nowMs: number): void {
    for (const [address, w] of this.windows) if (nowMs - w.startMs >= this.windowMs) this.windows.delete(address);
  }
}
