/**
 * The part of a play run when every bot is playing: from the report that
 * shows them all welcomed to the last report in which they still produced
 * frames (the closing second, when bots leave, is left out). Over it: what
 * the bots did per second each, and what that cost the generator by /proc
 * (threadCpu.ts) — so that "one core drives N bots" is a measured figure,
 * and a saturated worker thread is named even when the process as a whole
 * looks half idle.
 *
 *   ramp + joins ─▶ [all welcomed ─── steady window ─── last frames] ─▶ closing
 */
import { loadavg } from 'node:os';
import { processCpuMs } from '../target/procCpu';
import type { RunCollector } from './runCollector';
import { sampleThreadCpu, threadCpuBetween, type ThreadCpuSample, type ThreadCpuUse } from './threadCpu';

interface Mark {
  atMs: number;
  cpu: ThreadCpuSample | null;
  /** The server's CPU ms so far (null: external server or no /proc). */
  serverCpuMs: number | null;
  frames: number;
  snapshots: number;
  messages: number;
}

export interface SteadyFigures {
  seconds: number;
  framesPerBotPerSec: number;
  snapshotsPerBotPerSec: number;
  messagesPerBotPerSec: number;
  /** Null without /proc. */
  cpu: ThreadCpuUse | null;
  /** The server's share of a core over the window (null: unknown PID or no /proc). */
  serverCores: number | null;
}

export class SteadyWindow {
  private start: Mark | null = null;
  private last: Mark | null = null;
  /** 1-minute load average when the window opened and closed. */
  loadAtStart = 0;
  loadAtEnd = 0;

  /** `serverPid`: the spawned server's, to measure its CPU over the same window (null: external). */
  constructor(
    private readonly bots: number,
    private readonly serverPid: number | null = null,
  ) {}

  private serverCpu(): number | null {
    return this.serverPid === null ? null : processCpuMs(this.serverPid);
  }

  /** Feed every worker report (RunContext.onReport). */
  onReport(c: RunCollector, nowMs = performance.now()): void {
    if (this.start === null) {
      if (c.counter('welcomed') < this.bots) return;
      c.startWindow();
      this.start = { atMs: nowMs, cpu: sampleThreadCpu(), serverCpuMs: this.serverCpu(), frames: 0, snapshots: 0, messages: 0 };
      this.loadAtStart = loadavg()[0];
      return;
    }
    const frames = c.windowCounter('inputsSent');
    if (frames <= (this.last?.frames ?? 0)) return;
    this.last = { atMs: nowMs, cpu: sampleThreadCpu(), serverCpuMs: this.serverCpu(), frames, snapshots: c.windowCounter('snapshots'), messages: c.windowCounter('inputMessages') };
    this.loadAtEnd = loadavg()[0];
  }

  /** The window's figures, or null when the bots never all played for a report interval. */
  figures(): SteadyFigures | null {
    const a = this.start;
    const b = this.last;
    if (!a || !b || b.atMs <= a.atMs) return null;
    const secs = (b.atMs - a.atMs) / 1000;
    const per = (n: number) => n / secs / this.bots;
    return {
      seconds: secs,
      framesPerBotPerSec: per(b.frames),
      snapshotsPerBotPerSec: per(b.snapshots),
      messagesPerBotPerSec: per(b.messages),
      cpu: a.cpu && b.cpu ? threadCpuBetween(a.cpu, b.cpu, b.atMs - a.atMs) : null,
      serverCores: a.serverCpuMs !== null && b.serverCpuMs !== null ? (b.serverCpuMs - a.serverCpuMs) / (b.atMs - a.atMs) : null,
    };
  }
}
