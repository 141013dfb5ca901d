/** One load run's outcome: what the table, --json and --html are all made from. */
import type { LatencySummary } from '../stats/latencyHistogram';
import type { TimelinePoint } from '../stats/runCollector';
import type { ServerFigures } from '../target/metricsScrape';

export interface RunResult {
  scenario: string;
  target: { url: string; spawned: boolean; pinning: string };
  generator: { workers: number; pinning: string };
  durationSec: number;
  elapsedSec: number;
  clients: number;
  /** Labelled latency distributions, e.g. "input→ack RTT". */
  latency: Record<string, LatencySummary>;
  /** Key figures in display order: label → value (numbers are shown rounded). */
  figures: Record<string, number | string | null>;
  counters: Record<string, number>;
  disconnects: Record<string, number>;
  failures: Record<string, number>;
  server: ServerFigures | null;
  timeline: TimelinePoint[];
  notes: string[];
}
