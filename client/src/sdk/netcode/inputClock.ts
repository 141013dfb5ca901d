/**
 * The client's input clock with time dilation (the Overwatch model): the
 * server measures how much its input buffer for us holds at the worst moment
 * and, when that is too little or too much, tells us by how many ticks to move
 * (InputTiming, PROTOCOL.md §8.7). We do not jump: the clock runs a few
 * percent fast or slow until it has gained or given back that many ticks.
 *
 *   advice +2 ─▶ owed 2 ─▶ ticks of 16.67 / 1.04 ms … owed shrinks by `rate` each tick ─▶ 0: back to 60 Hz
 *
 * Each advice replaces what is still owed (the server judged a window in
 * which part of the earlier correction already showed), so an advice that
 * arrives while a correction is under way does not add up to an overshoot.
 * Pure and clock-free: the session asks `tickMs` and reports each `onTick`.
 */
export interface InputClockOptions {
  /** Fastest / slowest the clock runs, as a fraction of the tick rate (0.04 = ±4 %). */
  maxRate: number;
  /** Rate per tick still owed (0.03: owing 1 tick runs 3 % fast). */
  gainPerTick: number;
  /** Largest debt kept, ticks (larger advice is clamped). */
  maxOwedTicks: number;
}

export const DEFAULT_INPUT_CLOCK: InputClockOptions = { maxRate: 0.04, gainPerTick: 0.03, maxOwedTicks: 30 };

export class InputClock {
  /** Ticks still to gain (+) or give back (−). */
  owedTicks = 0;
  /** Current dilation: + runs fast, − slow. */
  rate = 0;
  /** Advice received (for the debug overlay and the harness). */
  advised = 0;

  constructor(readonly opts: InputClockOptions = DEFAULT_INPUT_CLOCK) {}

  /** The server asks us to move our input clock by `ticks` (+ ahead, − back). */
  advise(ticks: number): void {
    if (!Number.isFinite(ticks)) return;
    const max = this.opts.maxOwedTicks;
    this.owedTicks = Math.max(-max, Math.min(max, ticks));
    this.advised++;
    this.updateRate();
  }

  /** Length of the next input tick, ms, for a nominal `baseTickMs`. */
  tickMs(baseTickMs: number): number {
    return baseTickMs / (1 + this.rate);
  }

  /** One input tick ran at the current rate: it gained `rate` of a tick. */
  onTick(): void {
    if (this.rate === 0) return;
    const before = this.owedTicks;
    this.owedTicks -= this.rate;
    if (Math.sign(this.owedTicks) !== Math.sign(before)) this.owedTicks = 0;
    this.updateRate();
  }

  /** A new session: nothing owed. */
  reset(): void {
    this.owedTicks = 0;
    this.rate = 0;
  }

  private updateRate(): void {
    const o = this.opts;
    // A twentieth of a tick is below anything the server can measure: settled.
    if (Math.abs(this.owedTicks) < 0.05) this.owedTicks = 0;
    this.rate = Math.max(-o.maxRate, Math.min(o.maxRate, this.owedTicks * o.gainPerTick));
  }
}
