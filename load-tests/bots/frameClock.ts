/**
 * The bots' input clock: one frame per simulation tick, produced when due.
 * After a generator stall at most MAX_CATCH_UP_TICKS are caught up at once:
 * a burst would sit in the server's input queue (one frame applied per
 * tick) and inflate every later RTT.
 */
const MAX_CATCH_UP_TICKS = 2;

export interface FrameClock {
  /** When the next frame is due (ms, the bot's clock); Infinity when not playing. */
  nextInputAt: number;
  readonly tickMs: number;
}

/** Call `frame` for every frame due by `now`, advancing the clock; returns how many. */
export function produceDueFrames(clock: FrameClock, now: number, frame: (now: number) => void): number {
  if (now - clock.nextInputAt > MAX_CATCH_UP_TICKS * clock.tickMs) clock.nextInputAt = now - MAX_CATCH_UP_TICKS * clock.tickMs;
  let produced = 0;
  while (clock.nextInputAt <= now) {
    frame(now);
    clock.nextInputAt += clock.tickMs;
    produced++;
  }
  return produced;
}
