/**
 * The one scheduler all rooms share: a timer that wakes at each tick boundary
 * and runs the ticks FixedStep says are due, timing each for metrics. Clock
 * and timer are injected; housekeeping (session expiry, room disposal) runs
 * every `sweepEveryMs`. With a `sendPass`, the frames the ticks wrote leave
 * after them (sendPass.ts), so a tick's duration is simulation + encoding.
 *
 * Woken more than a tick late (the process stalled: GC, a busy machine, a
 * debugger), it runs the catch-up ticks only after the event loop has read
 * what arrived meanwhile (setImmediate: after the poll phase). Timers come
 * first in Node's loop, so run at once those ticks would find no input for
 * the stalled time: each player's last frame repeated, then the real frames
 * skipped as a backlog — a correction on every screen.
 */
import { FixedStep } from './fixedStep';
import type { SendPass } from './sendPass';

export interface TickLoopOptions {
  tickRate: number;
  maxCatchUpTicks: number;
  sweepEveryMs: number;
  now: () => number;
  /** One tick of every room. */
  onTick: (nowMs: number) => void;
  /** Called with each tick's duration in ms and whether it overran the interval. */
  onTimed: (durationMs: number, overran: boolean) => void;
  onSweep: (nowMs: number) => void;
  onDropped: (ticks: number) => void;
  /** Writes what the ticks queued, after them (absent: rooms write during the tick). */
  sendPass?: SendPass;
}

export class TickLoop {
  private readonly step: FixedStep;
  private timer: ReturnType<typeof setTimeout> | null = null;
  private immediate: ReturnType<typeof setImmediate> | null = null;
  private lastSweepMs: number;
  private running = false;

  constructor(private readonly opts: TickLoopOptions) {
    const now = opts.now();
    this.step = new FixedStep(1000 / opts.tickRate, opts.maxCatchUpTicks, now);
    this.lastSweepMs = now;
  }

  start(): void {
    this.running = true;
    this.schedule();
  }

  stop(): void {
    this.running = false;
    this.opts.sendPass?.stop();
    if (this.timer) clearTimeout(this.timer);
    if (this.immediate) clearImmediate(this.immediate);
    this.timer = null;
    this.immediate = null;
  }

  /** Run whatever is due at `nowMs`. Public so tests can drive it with literal times. */
  runDue(nowMs: number): number {
    const dropped = this.step.droppedTicks;
    const due = this.step.advance(nowMs);
    if (this.step.droppedTicks !== dropped) this.opts.onDropped(this.step.droppedTicks - dropped);
    if (due > 0) this.opts.sendPass?.beforeTicks();
    try {
      for (let i = 0; i < due; i++) {
        const t0 = this.opts.now();
        this.opts.onTick(nowMs);
        const duration = this.opts.now() - t0;
        this.opts.onTimed(duration, duration > this.step.tickMs);
      }
    } finally {
      // Even when a tick throws, what it queued leaves and links stop queueing.
      if (due > 0) this.opts.sendPass?.afterTicks();
    }
    if (nowMs - this.lastSweepMs >= this.opts.sweepEveryMs) {
      this.lastSweepMs = nowMs;
      this.opts.onSweep(nowMs);
    }
    return due;
  }

  private schedule(): void {
    if (!this.running) return;
    const delay = this.step.msUntilNext(this.opts.now());
    this.timer = setTimeout(() => {
      this.timer = null;
      const nowMs = this.opts.now();
      if (this.step.dueAt(nowMs) > 1) this.immediate = setImmediate(() => this.wake(this.opts.now()));
      else this.wake(nowMs);
    }, Math.max(0, Math.floor(delay)));
  }

  private wake(nowMs: number): void {
    this.immediate = null;
    this.runDue(nowMs);
    this.schedule();
  }
}
