/** The replay service's counters on /metrics (read at scrape time, like ServerStats). */
import { Counter, Gauge, type Registry } from 'prom-client';
import type { ReplayService } from './replayService';

export function registerReplayMetrics(registry: Registry, replays: ReplayService): void {
  const c = replays.counters;
  const counter = (name: string, help: string, read: () => number) =>
    new Counter({
      name,
      help,
      registers: [registry],
      collect() {
        this.reset();
        this.inc(read());
      },
    });
  new Gauge({ name: 'tickwire_replays_recording', help: 'Rooms being recorded now', registers: [registry], collect() { this.set(c.recording); } });
  new Gauge({ name: 'tickwire_replays_stored', help: 'Replay files kept (after retention)', registers: [registry], collect() { this.set(replays.store?.count ?? 0); } });
  counter('tickwire_replays_written_total', 'Replay files finished', () => c.written);
  counter('tickwire_replays_failed_total', 'Recordings lost (disk error, write backlog, recorder error)', () => c.failed);
  counter('tickwire_replays_discarded_total', 'Recordings of rooms nobody joined (no file kept)', () => c.discarded);
  counter('tickwire_replay_bytes_written_total', 'Bytes of replay files finished', () => c.bytesWritten);
}
