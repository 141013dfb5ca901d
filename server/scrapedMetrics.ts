/**
 * Gauges and counters whose value is read at scrape time from plain counters
 * (ServerStats, ClusterStats, the replay service's): the hot path only bumps a
 * number, and prom-client asks for it when /metrics is read.
 */
import { Counter, Gauge, type Registry } from 'prom-client';

export function scrapedGauge(registry: Registry, name: string, help: string, read: () => number): Gauge {
  return new Gauge({ name, help, registers: [registry], collect() { this.set(read()); } });
}

export function scrapedCounter(registry: Registry, name: string, help: string, read: () => number): Counter {
  return new Counter({
    name,
    help,
    registers: [registry],
    collect() {
      this.reset();
      this.inc(read());
    },
  });
}
