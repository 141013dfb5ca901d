/**
 * Prometheus metrics (text format at GET /metrics). Hot paths bump plain
 * counters in ServerStats; they are read here at scrape time. Tick durations
 * go to a histogram (for dashboards) and a sliding-window summary (p50–p99.9
 * for the load tool).
 */
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { Counter, Gauge, Histogram, Registry, Summary, collectDefaultMetrics } from 'prom-client';
import type { RoomHost } from './rooms/roomHost';
import { registerClusterMetrics } from './cluster/clusterMetrics';
import type { ClusterParts } from './cluster/clusterSetup';
import type { ServerStats } from './serverStats';
import { scrapedCounter, scrapedGauge } from './scrapedMetrics';

export class Metrics {
  readonly registry = new Registry();
  private readonly tickHistogram: Histogram;
  private readonly tickSummary: Summary;
  private readonly phaseSummary: Summary<'phase'>;
  private readonly loopDelay = monitorEventLoopDelay({ resolution: 10 });

  constructor(stats: ServerStats, host: RoomHost, cluster: ClusterParts | null = null) {
    const r = this.registry;
    if (cluster) registerClusterMetrics(r, cluster);
    collectDefaultMetrics({ register: r, prefix: 'tickwire_process_' });
    this.loopDelay.enable();

    const gauge = (name: string, help: string, read: () => number) => scrapedGauge(r, name, help, read);
    const counter = (name: string, help: string, read: () => number) => scrapedCounter(r, name, help, read);

    gauge('tickwire_rooms', 'Rooms in this process', () => host.directory.size);
    gauge('tickwire_players', 'Players in rooms, connected or within their resume grace', () => host.playerCount);
    gauge('tickwire_connections', 'Open WebSocket connections', () => stats.connections);
    gauge('tickwire_sessions', 'Resumable sessions', () => host.sessions.size);
    gauge('tickwire_spectators', 'Spectators watching rooms (issue 15: no seat, not in tickwire_players)', () => stats.spectators);
    counter('tickwire_ticks_total', 'Scheduler ticks run', () => stats.ticks);
    counter('tickwire_tick_overruns_total', 'Ticks that took longer than the tick interval', () => stats.tickOverruns);
    counter('tickwire_ticks_dropped_total', 'Ticks dropped by the catch-up clamp after a stall', () => stats.droppedTicks);
    counter('tickwire_messages_in_total', 'WebSocket messages received', () => stats.messagesIn);
    counter('tickwire_messages_out_total', 'WebSocket messages sent', () => stats.messagesOut);
    counter('tickwire_bytes_in_total', 'WebSocket payload bytes received', () => stats.bytesIn);
    counter('tickwire_bytes_out_total', 'WebSocket payload bytes sent', () => stats.bytesOut);
    counter('tickwire_snapshots_sent_total', 'Snapshot frames sent (per client)', () => stats.snapshotsSent);
    counter('tickwire_snapshots_encoded_total', 'Snapshot frames encoded (per baseline group)', () => stats.snapshotsEncoded);
    counter('tickwire_snapshots_full_total', 'Full (non-delta) snapshots encoded', () => stats.fullSnapshots);
    counter('tickwire_snapshots_skipped_total', 'Snapshots skipped for backpressure', () => stats.snapshotsSkipped);
    counter('tickwire_inputs_skipped_total', 'Inputs skipped to bound input latency (standing queue or overflow)', () => stats.inputsSkipped);
    counter('tickwire_inputs_late_total', 'Ticks on which a player\'s due input had not arrived (the last one was repeated)', () => stats.inputsLate);
    counter('tickwire_input_timing_sent_total', 'InputTiming advice sent (client input clock ahead/behind)', () => stats.inputTimingSent);
    counter('tickwire_inputs_dropped_total', 'Surplus Inputs dropped within the stall allowance (a burst after a pause)', () => stats.inputsDropped);
    counter('tickwire_messages_dropped_total', 'Surplus messages dropped within the stall allowance (pings included)', () => stats.messagesDropped);
    gauge('tickwire_rate_surplus_peak', 'Largest surplus (messages) any one connection has had outstanding', () => stats.peakRateSurplus);
    counter('tickwire_sessions_evicted_total', 'Resumable sessions ended: their address held more than maxDetachedPerAddress', () => stats.detachedEvicted);
    counter('tickwire_upgrades_refused_total', 'WebSocket upgrades refused before the handshake', () => stats.upgradesRefused);
    new Counter({
      name: 'tickwire_closes_total',
      help: 'WebSocket closes by close code',
      labelNames: ['code'],
      registers: [r],
      collect() {
        this.reset();
        for (const [code, n] of stats.closesByCode) this.inc({ code: String(code) }, n);
      },
    });
    const loopDelay = this.loopDelay;
    new Gauge({
      name: 'tickwire_event_loop_lag_seconds',
      help: 'Event loop delay over the last scrape interval',
      labelNames: ['stat'],
      registers: [r],
      collect() {
        this.set({ stat: 'mean' }, loopDelay.mean / 1e9 || 0);
        this.set({ stat: 'p99' }, loopDelay.percentile(99) / 1e9 || 0);
        this.set({ stat: 'max' }, loopDelay.max / 1e9 || 0);
        loopDelay.reset();
      },
    });
    this.tickHistogram = new Histogram({
      name: 'tickwire_tick_duration_seconds',
      help: 'Time to simulate one tick of every room (and send due snapshots)',
      buckets: [0.0001, 0.00025, 0.0005, 0.001, 0.002, 0.004, 0.006, 0.008, 0.012, 0.016, 0.033, 0.1],
      registers: [r],
    });
    this.tickSummary = new Summary({
      name: 'tickwire_tick_duration_quantiles_seconds',
      help: 'Tick duration quantiles over a sliding 60 s window',
      percentiles: [0.5, 0.9, 0.99, 0.999],
      maxAgeSeconds: 60,
      ageBuckets: 6,
      registers: [r],
    });
    this.phaseSummary = new Summary({
      name: 'tickwire_tick_phase_quantiles_seconds',
      help: 'Tick time split: simulate (inputs, game step, capture) vs broadcast (snapshot encode + send), sliding 60 s',
      labelNames: ['phase'],
      percentiles: [0.5, 0.9, 0.99],
      maxAgeSeconds: 60,
      ageBuckets: 6,
      registers: [r],
    });
  }

  /** One tick took `seconds`, of which `broadcastSeconds` encoding and sending snapshots. */
  observeTick(seconds: number, broadcastSeconds: number): void {
    this.tickHistogram.observe(seconds);
    this.tickSummary.observe(seconds);
    this.phaseSummary.observe({ phase: 'simulate' }, Math.max(0, seconds - broadcastSeconds));
    this.phaseSummary.observe({ phase: 'broadcast' }, broadcastSeconds);
  }

  async render(): Promise<string> {
    return this.registry.metrics();
  }

  close(): void {
    this.loopDelay.disable();
  }
}
