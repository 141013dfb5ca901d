/**
 * Round-trip time and server clock offset from Ping/Pong.
 *
 *   client  t0 ──Ping{t:t0}──▶ server (s = server ms, k = tick)
 *   client  t1 ◀──Pong{t,s,k}──
 *   rtt = t1 − t0;  offset ≈ s + rtt/2 − t1   (server ms − client ms)
 *
 * The offset is taken from the lowest-RTT sample of the recent window (the one
 * least skewed by queueing); RTT is smoothed (EWMA) and jitter is the smoothed
 * mean deviation of RTT, as in TCP's RTO estimator (RFC 6298).
 */
export interface PongSample {
  /** The client's ping time, echoed. */
  t: number;
  /** Server wall clock, ms. */
  s: number;
  /** Server tick at the pong. */
  k: number;
}

interface Sample {
  rttMs: number;
  offsetMs: number;
  tick: number;
  atMs: number;
}

export class ClockSync {
  /** Smoothed RTT, ms (NaN until the first pong). */
  rttMs = Number.NaN;
  /** Smoothed |RTT − smoothed RTT|, ms. */
  jitterMs = 0;
  /** Latest raw RTT, ms. */
  lastRttMs = Number.NaN;
  private readonly window: Sample[] = [];

  constructor(
    private readonly tickMs: number,
    private readonly windowSize = 8,
  ) {}

  get hasSample(): boolean {
    return this.window.length > 0;
  }

  /** Feed one pong received at `nowMs` (client clock). Ignores impossible echoes. */
  onPong(pong: PongSample, nowMs: number): void {
    const rtt = nowMs - pong.t;
    if (!Number.isFinite(rtt) || rtt < 0) return;
    this.lastRttMs = rtt;
    if (Number.isNaN(this.rttMs)) {
      this.rttMs = rtt;
      this.jitterMs = 0;
    } else {
      this.jitterMs += (Math.abs(rtt - this.rttMs) - this.jitterMs) / 4;
      this.rttMs += (rtt - this.rttMs) / 8;
    }
    this.window.push({ rttMs: rtt, offsetMs: pong.s + rtt / 2 - nowMs, tick: pong.k + rtt / 2 / this.tickMs, atMs: nowMs });
    if (this.window.length > this.windowSize) this.window.shift();
  }

  private best(): Sample | null {
    let best: Sample | null = null;
    for (const s of this.window) if (!best || s.rttMs < best.rttMs) best = s;
    return best;
  }

  /** Server clock minus client clock, ms (0 until the first pong). */
  get offsetMs(): number {
    return this.best()?.offsetMs ?? 0;
  }

  /** Server wall-clock time now, ms. */
  serverTimeMs(nowMs: number): number {
    return nowMs + this.offsetMs;
  }

  /** Estimated (fractional) server tick at client time `nowMs`, or NaN before the first pong. */
  serverTick(nowMs: number): number {
    const b = this.best();
    if (!b) return Number.NaN;
    return b.tick + (nowMs - b.atMs) / this.tickMs;
  }
}
