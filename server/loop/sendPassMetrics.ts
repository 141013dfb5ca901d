/**
 * The send pass's own figures, beside the tick's (metrics.ts): the tick budget
 * is judged on simulation + encoding, and the writes are measured here.
 */
import { Summary, type Registry } from 'prom-client';
import { scrapedCounter } from '../scrapedMetrics';
import type { ServerStats } from '../serverStats';

export class SendPassMetrics {
  private readonly passSummary: Summary<'measure'>;

  constructor(registry: Registry, stats: ServerStats) {
    this.passSummary = new Summary({
      name: 'tickwire_send_pass_quantiles_seconds',
      help: 'Send pass after the ticks, sliding 60 s: busy = time writing to sockets, wall = end of the ticks to the last write',
      labelNames: ['measure'],
      percentiles: [0.5, 0.9, 0.99],
      maxAgeSeconds: 60,
      ageBuckets: 6,
      registers: [registry],
    });
    scrapedCounter(registry, 'tickwire_send_passes_total', 'Send passes completed', () => stats.sendPasses);
    scrapedCounter(registry, 'tickwire_send_pass_dropped_total', 'Queued frames the socket refused in the send pass', () => stats.sendPassDropped);
  }

  observe(busyMs: number, wallMs: number): void {
    this.passSummary.observe({ measure: 'busy' }, busyMs / 1000);
    this.passSummary.observe({ measure: 'wall' }, wallMs / 1000);
  }
}
