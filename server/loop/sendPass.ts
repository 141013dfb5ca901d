/**
 * The send pass that follows the ticks: the frames rooms wrote during a tick
 * (held by the transport, `DeferredSends`) are written in slices of at most
 * `sliceMs`, yielding to I/O between slices (accepts, inbound messages), so the
 * sockets' cost neither lengthens the tick nor blocks the event loop for long.
 *
 *   timer ─▶ finish previous pass (if any) ─▶ tick(s) ─▶ slice ─ yield ─ slice ─ yield ─ … done
 *            └ so no frame waits past the next tick: a frame is delayed by less than one tick interval
 *
 * Timed apart from the tick: `onPass(busyMs, wallMs, slices)` when a pass ends,
 * busy = the time spent writing, wall = from the end of the ticks to the last write.
 */

/** What the transport offers the loop (OutboundQueue in server/ws). */
export interface DeferredSends {
  /** Queue every send until `release` (a tick is running). */
  hold(): void;
  release(): void;
  readonly pending: boolean;
  /** Write until done (true) or until the clock passes `untilMs` (false). */
  flush(untilMs: number): boolean;
}

export interface SendPassOptions {
  sends: DeferredSends;
  now: () => number;
  /** Longest a slice writes before yielding to I/O. */
  sliceMs: number;
  /** Run `fn` after pending I/O (setImmediate in production). */
  yieldThen: (fn: () => void) => void;
  onPass: (busyMs: number, wallMs: number, slices: number) => void;
}

export class SendPass {
  private startedMs = 0;
  private busyMs = 0;
  private slices = 0;
  private scheduled = false;
  private active = false;
  private stopped = false;
  private readonly continueSlice = (): void => {
    this.scheduled = false;
    if (this.active && !this.stopped) this.slice();
  };

  constructor(private readonly opts: SendPassOptions) {}

  /** Before a tick: finish the previous pass (its frames may wait no longer) and start holding. */
  beforeTicks(): void {
    if (this.active) this.finish();
    this.opts.sends.hold();
  }

  /** After the ticks: stop holding and write the first slice at once; the rest after yields. */
  afterTicks(): void {
    this.opts.sends.release();
    if (!this.opts.sends.pending) return;
    this.active = true;
    this.startedMs = this.opts.now();
    this.busyMs = 0;
    this.slices = 0;
    this.slice();
  }

  stop(): void {
    this.stopped = true;
    if (this.active) this.finish();
  }

  private slice(): void {
    const t0 = this.opts.now();
    const done = this.opts.sends.flush(t0 + this.opts.sliceMs);
    this.account(t0, done);
    if (!done && !this.scheduled) {
      this.scheduled = true;
      this.opts.yieldThen(this.continueSlice);
    }
  }

  private finish(): void {
    const t0 = this.opts.now();
    this.opts.sends.flush(Infinity);
    this.account(t0, true);
  }

  private account(t0: number, done: boolean): void {
    const t1 = this.opts.now();
    this.busyMs += t1 - t0;
    this.slices++;
    if (!done) return;
    this.active = false;
    this.opts.onPass(this.busyMs, t1 - this.startedMs, this.slices);
  }
}
