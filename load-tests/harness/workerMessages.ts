/**
 * What bot workers report to the main thread. Every report is a delta since the
 * worker's previous one, so the main thread only ever adds: counters are summed,
 * histograms (compressed HDR) merged.
 *
 * Counter naming: plain names (`inputsSent`), plus families with a suffix after
 * a colon: `close:<code>` for disconnects by close code, `fail:<reason>` for
 * connections that never got a welcome.
 */
export interface MetricsDelta {
  counters: Record<string, number>;
  histograms: Record<string, string>;
}

export interface IntervalReport extends MetricsDelta {
  type: 'interval';
  workerId: number;
  /** 0-based second of the run this delta belongs to. */
  second: number;
}

export interface DoneReport extends MetricsDelta {
  type: 'done';
  workerId: number;
  /** Point-in-time values at the end (summed across workers), e.g. inputsInFlight. */
  gauges: Record<string, number>;
}

export interface ErrorReport {
  type: 'error';
  workerId: number;
  message: string;
}

/** The worker's bots are starting: its own deadline runs from now. */
export interface StartedReport {
  type: 'started';
  workerId: number;
}

export type WorkerReport = StartedReport | IntervalReport | DoneReport | ErrorReport;
