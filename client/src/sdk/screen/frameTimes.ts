/** Frame intervals and per-frame work time over the last `window` frames, for the HUD and the debug hook. */
export class FrameTimes {
  frames = 0;
  private lastFrameMs = Number.NaN;
  private readonly intervals: number[] = [];
  private readonly work: number[] = [];

  constructor(private readonly window: number) {}

  /** A frame started at `frameMs` (the rAF timestamp). */
  onFrame(frameMs: number): void {
    if (!Number.isNaN(this.lastFrameMs)) push(this.intervals, frameMs - this.lastFrameMs, this.window);
    this.lastFrameMs = frameMs;
    this.frames++;
  }

  /** Our own JS time in that frame, ms. */
  onWork(ms: number): void {
    push(this.work, ms, this.window);
  }

  get avgFrameMs(): number {
    return mean(this.intervals);
  }

  get avgWorkMs(): number {
    return mean(this.work);
  }
}

function push(list: number[], v: number, max: number): void {
  list.push(v);
  if (list.length > max) list.shift();
}

function mean(list: readonly number[]): number {
  return list.length === 0 ? Number.NaN : list.reduce((a, b) => a + b, 0) / list.length;
}
