/**
 * A rate limit that judges sustained abuse, not the burst a pause created.
 *
 * Any pause between an honest client and the server (a GC or VM pause, a
 * SIGSTOP, a network stall) delivers everything the client sent meanwhile at
 * once: after a 10 s stall, ~600 Inputs (60/s) arrive in one read. A plain
 * token bucket closes that client; this one does not:
 *
 *   service bucket   rate R/s, burst 1 s      take → admit (process the message)
 *        │ empty
 *        ▼
 *   surplus allowance   R × toleranceSec     take → drop (counted, never fatal)
 *        │ empty                              refills over ALLOWANCE_REFILL_SEC
 *        ▼
 *   abuse → close 1008
 *
 * A stall of S ≤ toleranceSec seconds costs an honest client at most S × R of
 * allowance, refilled within a minute. A flood at 100 × R exhausts it in
 * toleranceSec / 99 seconds (0.15 s at the default 15 s). A sustained excess
 * below R × (1 + toleranceSec / ALLOWANCE_REFILL_SEC) is only ever dropped:
 * its cost is one cheap check per message.
 */
import { TokenBucket } from './tokenBucket';

/** Seconds for an exhausted surplus allowance to refill completely. */
export const ALLOWANCE_REFILL_SEC = 60;

export const RateVerdict = {
  /** Within the rate: process it. */
  Admit: 0,
  /** Surplus within the allowance: drop it, count it, keep the connection. */
  Drop: 1,
  /** Surplus beyond the allowance: sustained abuse, close 1008. */
  Abuse: 2,
} as const;
export type RateVerdict = (typeof RateVerdict)[keyof typeof RateVerdict];

export class StallTolerantLimiter {
  private readonly allowance: TokenBucket;
  /** The most surplus this connection has had outstanding at once (messages). */
  peakSurplus = 0;

  /** `service`: the per-connection bucket of the plain rate (R/s, burst 1 s). */
  constructor(
    private readonly service: TokenBucket,
    toleranceSec: number,
    nowMs: number,
  ) {
    const capacity = Math.max(1, service.ratePerSec * toleranceSec);
    this.allowance = new TokenBucket(capacity / ALLOWANCE_REFILL_SEC, capacity, nowMs);
  }

  judge(nowMs: number): RateVerdict {
    if (this.service.take(nowMs)) return RateVerdict.Admit;
    if (!this.allowance.take(nowMs)) return RateVerdict.Abuse;
    const surplus = this.allowance.spent(nowMs);
    if (surplus > this.peakSurplus) this.peakSurplus = surplus;
    return RateVerdict.Drop;
  }
}
