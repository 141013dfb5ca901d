/** The end-of-run text report: latency table, figures table, failures. */
import type { RunResult } from './runResult';
import { boxTable, fmt } from './boxTable';

const mb = (bytes: number | null) => (bytes === null ? null : bytes / 1e6);

export function renderSummary(r: RunResult): string {
  const out: string[] = [];
  out.push(
    `tickwire load: ${r.scenario} against ${r.target.url} (${r.target.spawned ? `spawned, ${r.target.pinning}` : 'external'}), ` +
      `${r.clients} clients, ${r.generator.workers} worker(s), ${fmt(r.elapsedSec)} s; ${r.generator.pinning}`,
  );
  const lat = Object.entries(r.latency);
  if (lat.length > 0) {
    out.push(
      boxTable(
        ['Latency (ms)', 'p50', 'p90', 'p99', 'p99.9', 'Max', 'Mean', 'Samples'],
        lat.map(([name, s]) => [name, fmt(s.p50Ms), fmt(s.p90Ms), fmt(s.p99Ms), fmt(s.p999Ms), fmt(s.maxMs), fmt(s.meanMs), fmt(s.count)]),
      ),
    );
  }
  const figures = Object.entries(r.figures);
  if (r.server) {
    const s = r.server;
    figures.push(
      ['server tick p50 / p99 / p99.9 (ms)', `${fmt(s.tickP50Ms)} / ${fmt(s.tickP99Ms)} / ${fmt(s.tickP999Ms)}`],
      ['server tick overruns', s.tickOverruns],
      ['server snapshots skipped (backpressure)', s.snapshotsSkipped],
      ['server event-loop lag p99 (ms)', s.eventLoopLagP99Ms],
      ['server send pass busy p50 / p99, wall p99 (ms)', `${fmt(s.sendPassBusyP50Ms)} / ${fmt(s.sendPassBusyP99Ms)}, ${fmt(s.sendPassWallP99Ms)}`],
      ['server RSS / heap used at the end (MB)', `${fmt(mb(s.rssBytes))} / ${fmt(mb(s.heapUsedBytes))}`],
    );
  }
  if (figures.length > 0) out.push(boxTable(['Stat', 'Value'], figures.map(([k, v]) => [k, fmt(v)])));
  const fam = (title: string, m: Record<string, number>) =>
    Object.keys(m).length === 0 ? `${title}: none` : `${title}: ` + Object.entries(m).map(([k, v]) => `${k} ×${v}`).join(', ');
  out.push(fam('disconnects by close code', r.disconnects));
  out.push(fam('connection failures by reason', r.failures));
  for (const n of r.notes) out.push(`note: ${n}`);
  return out.join('\n');
}
