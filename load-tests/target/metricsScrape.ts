/**
 * Reads the server's own figures from GET /metrics (Prometheus text): tick
 * duration quantiles, overruns, skipped snapshots, bytes, closes. Two scrapes
 * (before, after) give the run's deltas for the counters.
 */
export type MetricSamples = Map<string, number>;

/** Parse Prometheus text into `name{labels}` → value (labels as written). */
export function parsePrometheus(text: string): MetricSamples {
  const out: MetricSamples = new Map();
  for (const line of text.split('\n')) {
    if (line === '' || line.startsWith('#')) continue;
    const m = /^([a-zA-Z_:][\w:]*(?:\{[^}]*\})?)\s+(\S+)/.exec(line);
    if (m) out.set(m[1], Number(m[2]));
  }
  return out;
}

export async function scrapeMetrics(baseUrl: string): Promise<MetricSamples | null> {
  try {
    const res = await fetch(new URL('/metrics', baseUrl), { signal: AbortSignal.timeout(3000) });
    if (!res.ok) return null;
    return parsePrometheus(await res.text());
  } catch (err) {
    if (err instanceof Error) return null;
    throw err;
  }
}

export interface ServerFigures {
  tickP50Ms: number | null;
  tickP90Ms: number | null;
  tickP99Ms: number | null;
  tickP999Ms: number | null;
  tickOverruns: number | null;
  ticks: number | null;
  snapshotsSkipped: number | null;
  bytesOut: number | null;
  bytesIn: number | null;
  messagesIn: number | null;
  messagesOut: number | null;
  players: number | null;
  rooms: number | null;
  connections: number | null;
  eventLoopLagP99Ms: number | null;
  /** The send pass after the ticks (issue 14): time writing to sockets, and from the ticks' end to its last write. */
  sendPassBusyP50Ms: number | null;
  sendPassBusyP99Ms: number | null;
  sendPassWallP99Ms: number | null;
  /** Resident set and V8 heap in use at the last scrape. */
  rssBytes: number | null;
  heapUsedBytes: number | null;
  closes: Record<string, number>;
}

/** Server-side figures for the run: quantiles from `after`, counters as after − before. */
export function serverFigures(before: MetricSamples | null, after: MetricSamples | null): ServerFigures {
  const get = (m: MetricSamples | null, k: string) => (m && m.has(k) ? m.get(k)! : null);
  const delta = (k: string) => {
    const a = get(after, k);
    return a === null ? null : a - (get(before, k) ?? 0);
  };
  const q = (p: string) => {
    const v = get(after, `tickwire_tick_duration_quantiles_seconds{quantile="${p}"}`);
    return v === null || Number.isNaN(v) ? null : v * 1000;
  };
  const closes: Record<string, number> = {};
  for (const [k, v] of after ?? []) {
    const m = /^tickwire_closes_total\{code="(\d+)"\}$/.exec(k);
    if (m) {
      const d = v - (get(before, k) ?? 0);
      if (d !== 0) closes[m[1]] = d;
    }
  }
  const lag = get(after, 'tickwire_event_loop_lag_seconds{stat="p99"}');
  const pass = (measure: string, p: string) => {
    const v = get(after, `tickwire_send_pass_quantiles_seconds{quantile="${p}",measure="${measure}"}`);
    return v === null || Number.isNaN(v) ? null : v * 1000;
  };
  return {
    tickP50Ms: q('0.5'),
    tickP90Ms: q('0.9'),
    tickP99Ms: q('0.99'),
    tickP999Ms: q('0.999'),
    tickOverruns: delta('tickwire_tick_overruns_total'),
    ticks: delta('tickwire_ticks_total'),
    snapshotsSkipped: delta('tickwire_snapshots_skipped_total'),
    bytesOut: delta('tickwire_bytes_out_total'),
    bytesIn: delta('tickwire_bytes_in_total'),
    messagesIn: delta('tickwire_messages_in_total'),
    messagesOut: delta('tickwire_messages_out_total'),
    players: get(after, 'tickwire_players'),
    rooms: get(after, 'tickwire_rooms'),
    connections: get(after, 'tickwire_connections'),
    eventLoopLagP99Ms: lag === null ? null : lag * 1000,
    sendPassBusyP50Ms: pass('busy', '0.5'),
    sendPassBusyP99Ms: pass('busy', '0.99'),
    sendPassWallP99Ms: pass('wall', '0.99'),
    rssBytes: get(after, 'tickwire_process_process_resident_memory_bytes'),
    heapUsedBytes: get(after, 'tickwire_process_nodejs_heap_size_used_bytes'),
    closes,
  };
}

/**
 * The q-quantile (0..1) of a Prometheus histogram over the interval between
 * two scrapes, from the bucket count deltas, interpolating linearly inside the
 * bucket (what histogram_quantile() does). Null when nothing was observed.
 */
export function histogramQuantileDelta(before: MetricSamples | null, after: MetricSamples, name: string, q: number): number | null {
  const buckets: { le: number; count: number }[] = [];
  for (const [k, v] of after) {
    const m = new RegExp(`^${name}_bucket\\{le="([^"]+)"\\}$`).exec(k);
    if (!m) continue;
    buckets.push({ le: m[1] === '+Inf' ? Infinity : Number(m[1]), count: v - (before?.get(k) ?? 0) });
  }
  buckets.sort((a, b) => a.le - b.le);
  const total = buckets.length > 0 ? buckets[buckets.length - 1].count : 0;
  if (total <= 0) return null;
  const rank = q * total;
  let prevLe = 0;
  let prevCount = 0;
  for (const b of buckets) {
    if (b.count >= rank) {
      if (b.le === Infinity) return prevLe;
      const inBucket = b.count - prevCount;
      return inBucket <= 0 ? b.le : prevLe + ((b.le - prevLe) * (rank - prevCount)) / inBucket;
    }
    prevLe = b.le;
    prevCount = b.count;
  }
  return prevLe;
}
