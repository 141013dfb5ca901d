/**
 * Token bucket with injected time: `capacity` tokens, refilled at `ratePerSec`.
 * take() spends one token and returns false when empty (the caller decides
 * what exceeding means: drop, close with 1008, or refuse with an Error message).
 */
export class TokenBucket {
  private tokens: number;
  private lastMs: number;

  constructor(
    readonly ratePerSec: number,
    readonly capacity: number,
    nowMs: number,
  ) {
    this.tokens = capacity;
    this.lastMs = nowMs;
  }

  take(nowMs: number, cost = 1): boolean {
    this.refill(nowMs);
    if (this.tokens < cost) return false;
    this.tokens -= cost;
    return true;
  }

  /** Tokens spent and not yet refilled at `nowMs` (0 = full). */
  spent(nowMs: number): number {
    this.refill(nowMs);
    return this.capacity - this.tokens;
  }

  private refill(nowMs: number): void {
    const elapsed = nowMs - this.lastMs;
    if (elapsed > 0) {
      this.tokens = Math.min(this.capacity, this.tokens + (elapsed * this.ratePerSec) / 1000);
      this.lastMs = nowMs;
    }
  }
}
