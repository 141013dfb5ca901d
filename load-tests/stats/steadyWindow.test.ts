/**
 * The steady window of a play run: it opens on the report that shows every
 * bot welcomed, counts only what came after, and ends at the last report in
 * which bots still produced frames (the closing second is left out).
 */
import { describe, expect, it } from 'vitest';
import { RunCollector } from './runCollector';
import { SteadyWindow } from './steadyWindow';

function interval(second: number, counters: Record<string, number>) {
  return { type: 'interval' as const, workerId: 0, second, counters, histograms: {} };
}

describe('SteadyWindow', () => {
  it('opens when every bot is welcomed, measures per bot per second, and leaves out the closing report', () => {
    const c = new RunCollector();
    const w = new SteadyWindow(10);
    // Second 0: 6 of 10 welcomed (not steady yet); second 1: all welcomed, the window opens at t = 2,000 ms.
    c.add(interval(0, { welcomed: 6, inputsSent: 100 }));
    w.onReport(c, 1000);
    expect(w.figures()).toBeNull();
    c.add(interval(1, { welcomed: 4, inputsSent: 400, snapshots: 100 }));
    w.onReport(c, 2000);
    // Two steady seconds: 600 frames, 200 messages, 300 snapshots for 10 bots.
    c.add(interval(2, { inputsSent: 300, inputMessages: 100, snapshots: 150 }));
    w.onReport(c, 3000);
    c.add(interval(3, { inputsSent: 300, inputMessages: 100, snapshots: 150 }));
    w.onReport(c, 4000);
    // The closing report: bots gone, no frames. Not part of the window.
    c.add(interval(4, { snapshots: 5 }));
    w.onReport(c, 4500);
    const f = w.figures()!;
    expect(f.seconds).toBe(2);
    expect(f.framesPerBotPerSec).toBe(30);
    expect(f.messagesPerBotPerSec).toBe(10);
    expect(f.snapshotsPerBotPerSec).toBe(15);
    expect(f.serverCores).toBeNull(); // no server PID given
  });

  it('reports nothing when the bots were never all welcomed', () => {
    const c = new RunCollector();
    const w = new SteadyWindow(3);
    c.add(interval(0, { welcomed: 2, inputsSent: 50 }));
    w.onReport(c, 1000);
    c.add(interval(1, { inputsSent: 50 }));
    w.onReport(c, 2000);
    expect(w.figures()).toBeNull();
  });
});
