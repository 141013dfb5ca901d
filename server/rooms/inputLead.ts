/**
 * How far ahead of the server one client's input runs, judged at the moment
 * it matters: each tick, just before the queue takes the frame that tick
 * consumes, the frames waiting (the due one included) are counted. The
 * smallest count over a window is the client's lead at its worst moment —
 * CoDel-style, so the bursts of a batched sender (3 frames per message) do not
 * read as a standing queue:
 *
 *   frames waiting  3 2 1 4 3 2 1 4 3 2 1 …      window minimum = 1
 *                   ▲ a message of 3 arrives every 3 ticks
 *
 *   minimum 0          a frame was late: the last input was repeated   → run ahead (+)
 *   minimum < low      no spare frame at the worst moment              → run ahead (+)
 *   low … high         1–2 spare frames: the buffer we want            → nothing
 *   minimum > high for `slowAfterWindows` windows in a row             → fall back (−)
 *
 * The advice (ticks, signed) goes to the client (InputTiming, PROTOCOL.md
 * §8.7), whose input clock runs a few percent fast or slow until it has moved
 * by that much (client/src/sdk/netcode/inputClock.ts). After advising, one
 * window is not judged: it was measured before the client could react.
 * Speeding up is quick (one window), slowing down slow (a late frame costs a
 * correction; a spare one only a tick of latency), so losses and jitter
 * settle the buffer where they are covered.
 */
export interface InputLeadOptions {
  /** Ticks per judged window. */
  windowTicks: number;
  /** Fewest frames waiting (the due one included) wanted at the worst moment of a window. */
  lowDepth: number;
  /** Most frames waiting at the worst moment before the client is told to fall back. */
  highDepth: number;
  /** Windows above highDepth in a row before advising to fall back. */
  slowAfterWindows: number;
  /** A window whose minimum is above this skips the excess at once (a backlog after a server stall). */
  skipAboveDepth: number;
  /** Largest advice, ticks. */
  maxAdviceTicks: number;
}

export const DEFAULT_INPUT_LEAD: InputLeadOptions = {
  windowTicks: 30,
  lowDepth: 2,
  highDepth: 3,
  slowAfterWindows: 10,
  skipAboveDepth: 10,
  maxAdviceTicks: 30,
};

/** What the end of a window asks for. */
export interface LeadVerdict {
  /** Ticks the client should move its input clock (+ ahead, − back); 0: nothing to say. */
  adviceTicks: number;
  /** Frames waiting to skip now (a standing backlog beyond skipAboveDepth); 0: none. */
  skipTo: number;
}

export class InputLead {
  private windowMin = Infinity;
  private ticks = 0;
  private excessWindows = 0;
  private excessMin = Infinity;
  private settling = false;
  /** Ticks on which the due frame had not arrived (the last input was repeated). */
  late = 0;
  /** The last judged window's minimum (−1 before the first). */
  lastWindowMin = -1;

  constructor(readonly opts: InputLeadOptions = DEFAULT_INPUT_LEAD) {}

  /**
   * One tick: `waiting` frames were there before the queue took this tick's
   * one. Returns the verdict at the end of a window, else null.
   */
  observe(waiting: number): LeadVerdict | null {
    if (waiting <= 0) this.late++;
    if (waiting < this.windowMin) this.windowMin = waiting;
    if (++this.ticks < this.opts.windowTicks) return null;
    const min = this.windowMin;
    this.ticks = 0;
    this.windowMin = Infinity;
    this.lastWindowMin = min;
    if (this.settling) {
      this.settling = false;
      return null;
    }
    return this.judge(min);
  }

  private judge(min: number): LeadVerdict | null {
    const o = this.opts;
    if (min > o.skipAboveDepth) {
      // A backlog that stood a whole window (ticks the server dropped after a stall): drop it now.
      this.excessWindows = 0;
      this.excessMin = Infinity;
      return { adviceTicks: 0, skipTo: o.highDepth };
    }
    if (min < o.lowDepth) {
      this.excessWindows = 0;
      this.excessMin = Infinity;
      return this.advise(o.lowDepth - min);
    }
    if (min <= o.highDepth) {
      this.excessWindows = 0;
      this.excessMin = Infinity;
      return null;
    }
    this.excessMin = Math.min(this.excessMin, min);
    if (++this.excessWindows < o.slowAfterWindows) return null;
    const excess = this.excessMin - o.highDepth;
    this.excessWindows = 0;
    this.excessMin = Infinity;
    return this.advise(-excess);
  }

  private advise(ticks: number): LeadVerdict {
    this.settling = true;
    const max = this.opts.maxAdviceTicks;
    return { adviceTicks: Math.max(-max, Math.min(max, ticks)), skipTo: 0 };
  }

  reset(): void {
    this.windowMin = Infinity;
    this.ticks = 0;
    this.excessWindows = 0;
    this.excessMin = Infinity;
    this.settling = false;
    this.lastWindowMin = -1;
  }
}
