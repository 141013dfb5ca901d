/**
 * Fixed-timestep accounting ("Fix Your Timestep"), with time injected.
 * Ticks due are computed from the epoch, not by summing float intervals, so
 * there is no drift however long it runs. After a stall, at most
 * `maxCatchUpTicks` run at once; the rest is dropped by moving the epoch.
 *
 *   epoch                                   now
 *   |--tick--|--tick--|--tick--|--tick--|---|
 *    ran       ran      due      due      (accumulating)
 */
export class FixedStep {
  private epochMs: number;
  private ticksRun = 0;
  /** Ticks skipped by the catch-up clamp since start. */
  droppedTicks = 0;

  constructor(
    readonly tickMs: number,
    readonly maxCatchUpTicks: number,
    startMs: number,
  ) {
    if (!(tickMs > 0)) throw new RangeError(`FixedStep#tickMs must be > 0 (got ${tickMs})`);
    if (!(maxCatchUpTicks >= 1)) throw new RangeError(`FixedStep#maxCatchUpTicks must be ≥ 1 (got ${maxCatchUpTicks})`);
    this.epochMs = startMs;
  }

  /** How many ticks to run at `nowMs` (0 if the next is not due). */
  advance(nowMs: number): number {
    let due = Math.floor((nowMs - this.epochMs) / this.tickMs) - this.ticksRun;
    if (due <= 0) return 0;
    if (due > this.maxCatchUpTicks) {
      const drop = due - this.maxCatchUpTicks;
      this.droppedTicks += drop;
      this.epochMs += drop * this.tickMs;
      due = this.maxCatchUpTicks;
    }
    this.ticksRun += due;
    return due;
  }

  /** How many ticks are due at `nowMs` before the catch-up clamp (0 if none); advance() still runs them. */
  dueAt(nowMs: number): number {
    return Math.max(0, Math.floor((nowMs - this.epochMs) / this.tickMs) - this.ticksRun);
  }

  /** Milliseconds from `nowMs` until the next tick is due (≥ 0). */
  msUntilNext(nowMs: number): number {
    return Math.max(0, this.epochMs + (this.ticksRun + 1) * this.tickMs - nowMs);
  }

  get totalTicks(): number {
    return this.ticksRun;
  }
}
