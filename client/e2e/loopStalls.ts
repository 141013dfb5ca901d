/**
 * Stalls of this process's event loop, which also runs the server the browser
 * tests start in-process (startServer): a stall here is a server stall. The
 * server's tick loop catches up at most 15 ticks (250 ms) and drops the rest,
 * its input queues then skip the frames that piled up, and every page's
 * prediction is corrected — as in the harness's SIGSTOP stalls (feelRecorder.ts).
 *
 *   setInterval 10 ms ─▶ a gap > HITCH_MS ─▶ [start, end) epoch ms
 */
import { HITCH_MS } from '../../load-tests/netcode/feelRecorder';
import type { Stall } from './frameTimeline';

const WATCH_PERIOD_MS = 10;
/** Most stalls kept. */
const MAX_STALLS = 5000;

export interface LoopStallWatch {
  /** Stop watching; the stalls seen, oldest first. */
  stop(): Stall[];
}

export function watchLoopStalls(): LoopStallWatch {
  const stalls: Stall[] = [];
  const epochMs = () => performance.timeOrigin + performance.now();
  let lastMs = epochMs();
  const timer = setInterval(() => {
    const t = epochMs();
    if (t - lastMs > HITCH_MS && stalls.length < MAX_STALLS) stalls.push([lastMs, t]);
    lastMs = t;
  }, WATCH_PERIOD_MS);
  // A test that fails before stop() must not be kept alive by the watch.
  timer.unref();
  return {
    stop() {
      clearInterval(timer);
      return stalls;
    },
  };
}
