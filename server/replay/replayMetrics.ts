/** The replay service's counters on /metrics (read at scrape time, like ServerStats). */
import type { Registry } from 'prom-client';
import { scrapedCounter, scrapedGauge } from '../scrapedMetrics';
import type { ReplayService } from './replayService';

export function registerReplayMetrics(registry: Registry, replays: ReplayService): void {
  const c = replays.counters;
  const counter = (name: string, help: string, read: () => number) => scrapedCounter(registry, name, help, read);
  scrapedGauge(registry, 'tickwire_replays_recording', 'Rooms being recorded now', () => c.recording);
  scrapedGauge(registry, 'tickwire_replays_stored', 'Replay files kept (after retention)', () => replays.store?.count ?? 0);
  counter('tickwire_replays_written_total', 'Replay files finished', () => c.written);
  counter('tickwire_replays_failed_total', 'Recordings lost (disk error, write backlog, recorder error)', () => c.failed);
  counter('tickwire_replays_discarded_total', 'Recordings of rooms nobody joined (no file kept)', () => c.discarded);
  counter('tickwire_replay_bytes_written_total', 'Bytes of replay files finished', () => c.bytesWritten);
}
