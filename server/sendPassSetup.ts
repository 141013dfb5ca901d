/**
 * The send pass as the server runs it: the transport's OutboundQueue holds what
 * rooms write during a tick, and the loop's SendPass writes it after every room
 * stepped, in slices of `sliceMs` yielding to I/O, timed on /metrics.
 * `sliceMs` 0: no queue, rooms write to their sockets inside the tick.
 */
import type { Registry } from 'prom-client';
import { SendPass } from './loop/sendPass';
import { SendPassMetrics } from './loop/sendPassMetrics';
import type { ServerStats } from './serverStats';
import { OutboundQueue } from './ws/outboundQueue';

export function createSendPass(
  sliceMs: number,
  stats: ServerStats,
  registry: Registry,
  now: () => number,
): { outbound: OutboundQueue | null; sendPass: SendPass | undefined } {
  const metrics = new SendPassMetrics(registry, stats);
  if (sliceMs <= 0) return { outbound: null, sendPass: undefined };
  const outbound = new OutboundQueue(stats, now);
  const sendPass = new SendPass({
    sends: outbound,
    now,
    sliceMs,
    yieldThen: (fn) => setImmediate(fn),
    onPass: (busyMs, wallMs) => {
      stats.sendPasses++;
      metrics.observe(busyMs, wallMs);
    },
  });
  return { outbound, sendPass };
}
