/**
 * A self-contained HTML report: the summary tables and latency-over-time and
 * rate-over-time charts as inline SVG. No scripts, fonts or external assets.
 */
import type { RunResult } from './runResult';
import { fmt } from './boxTable';

const esc = (s: string) => s.replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c]!);

interface Series {
  name: string;
  color: string;
  points: [number, number][];
}

/** A line chart: x = seconds, y from 0 to the largest value. */
export function lineChartSvg(title: string, unit: string, series: readonly Series[], width = 720, height = 260): string {
  const pad = { l: 60, r: 16, t: 28, b: 36 };
  const all = series.flatMap((s) => s.points);
  const maxX = Math.max(1, ...all.map((p) => p[0]));
  const maxY = Math.max(1e-9, ...all.map((p) => p[1])) * 1.1;
  const x = (v: number) => pad.l + (v / maxX) * (width - pad.l - pad.r);
  const y = (v: number) => height - pad.b - (v / maxY) * (height - pad.t - pad.b);
  const grid = [0, 0.25, 0.5, 0.75, 1]
    .map((f) => {
      const v = maxY * f;
      return `<line x1="${pad.l}" x2="${width - pad.r}" y1="${y(v)}" y2="${y(v)}" stroke="#ddd"/><text x="${pad.l - 6}" y="${y(v) + 4}" text-anchor="end" font-size="11">${esc(fmt(v))}</text>`;
    })
    .join('');
  const lines = series
    .map((s) => {
      if (s.points.length === 0) return '';
      const d = s.points.map((p, i) => `${i === 0 ? 'M' : 'L'}${x(p[0]).toFixed(1)},${y(p[1]).toFixed(1)}`).join(' ');
      return `<path d="${d}" fill="none" stroke="${s.color}" stroke-width="1.8"/>`;
    })
    .join('');
  const legend = series
    .map((s, i) => `<rect x="${pad.l + i * 130}" y="8" width="10" height="10" fill="${s.color}"/><text x="${pad.l + 14 + i * 130}" y="17" font-size="12">${esc(s.name)}</text>`)
    .join('');
  return (
    `<figure><figcaption>${esc(title)} (${esc(unit)})</figcaption>` +
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="sans-serif">` +
    `${grid}<line x1="${pad.l}" x2="${width - pad.r}" y1="${height - pad.b}" y2="${height - pad.b}" stroke="#888"/>` +
    `<text x="${width / 2}" y="${height - 6}" text-anchor="middle" font-size="11">seconds into the run</text>` +
    `${[0, 0.5, 1].map((f) => `<text x="${x(maxX * f)}" y="${height - pad.b + 14}" text-anchor="middle" font-size="11">${esc(fmt(maxX * f))}</text>`).join('')}` +
    `${lines}${legend}</svg></figure>`
  );
}

/** Display names for the histograms bots record. */
const SERIES_LABELS: Record<string, [string, string]> = {
  inputRtt: ['input→ack RTT', 'ms'],
  inputAppliedRtt: ['input→applied RTT', 'ms'],
  snapshotJitter: ['snapshot interval jitter', 'ms'],
  unackedAtSnapshot: ['inputs unacknowledged at each snapshot', 'count'],
  pingRtt: ['ping→pong RTT', 'ms'],
  timeToWelcome: ['time to welcome', 'ms'],
};

const table = (header: string[], rows: string[][]) =>
  `<table><tr>${header.map((h) => `<th>${esc(h)}</th>`).join('')}</tr>${rows
    .map((r) => `<tr>${r.map((c) => `<td>${esc(c)}</td>`).join('')}</tr>`)
    .join('')}</table>`;

export function renderHtml(r: RunResult): string {
  const charts: string[] = [];
  const latencyNames = [...new Set(r.timeline.flatMap((p) => Object.keys(p.latency)))];
  for (const name of latencyNames) {
    // A chart needs a few seconds of data (time to welcome is usually all in the first one).
    if (r.timeline.filter((p) => p.latency[name]).length < 3) continue;
    const [title, unit] = SERIES_LABELS[name] ?? [name, 'ms'];
    const pick = (k: 'p50Ms' | 'p99Ms' | 'maxMs') =>
      r.timeline.filter((p) => p.latency[name]).map((p) => [p.second + 1, p.latency[name][k]] as [number, number]);
    charts.push(
      lineChartSvg(`${title} over time`, unit, [
        { name: 'p50', color: '#2b7bb9', points: pick('p50Ms') },
        { name: 'p99', color: '#d9822b', points: pick('p99Ms') },
        { name: 'max', color: '#c23030', points: pick('maxMs') },
      ]),
    );
  }
  const rateNames = ['inputsAcked', 'snapshots', 'pongs', 'welcomed', 'bytesIn', 'bytesOut'].filter((k) => r.timeline.some((p) => p.counters[k]));
  const colors = ['#2b7bb9', '#d9822b', '#0f9960', '#8f398f', '#c23030', '#555'];
  const counts = rateNames.filter((k) => !k.startsWith('bytes'));
  if (counts.length > 0) {
    charts.push(
      lineChartSvg(
        'rates over time',
        'per second, all clients',
        counts.map((k, i) => ({ name: k, color: colors[i % colors.length], points: r.timeline.map((p) => [p.second + 1, p.counters[k] ?? 0] as [number, number]) })),
      ),
    );
  }
  const bytes = rateNames.filter((k) => k.startsWith('bytes'));
  if (bytes.length > 0) {
    charts.push(
      lineChartSvg(
        'bytes per client over time',
        'bytes/s per client',
        bytes.map((k, i) => ({
          name: k,
          color: colors[(i + 3) % colors.length],
          points: r.timeline.map((p) => [p.second + 1, (p.counters[k] ?? 0) / Math.max(1, r.clients)] as [number, number]),
        })),
      ),
    );
  }
  const lat = Object.entries(r.latency).map(([k, s]) => [k, fmt(s.p50Ms), fmt(s.p90Ms), fmt(s.p99Ms), fmt(s.p999Ms), fmt(s.maxMs), fmt(s.count)]);
  const figs = Object.entries(r.figures).map(([k, v]) => [k, fmt(v)]);
  if (r.server) {
    const s = r.server;
    figs.push(['server tick p50 / p99 / p99.9 (ms)', `${fmt(s.tickP50Ms)} / ${fmt(s.tickP99Ms)} / ${fmt(s.tickP999Ms)}`], ['server tick overruns', fmt(s.tickOverruns)]);
  }
  const kv = (m: Record<string, number>) => (Object.keys(m).length === 0 ? 'none' : Object.entries(m).map(([k, v]) => `${k} ×${v}`).join(', '));
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>tickwire load: ${esc(r.scenario)}</title>
<style>body{font-family:sans-serif;margin:2em;max-width:800px}table{border-collapse:collapse;margin:1em 0}td,th{border:1px solid #ccc;padding:3px 8px;text-align:right}td:first-child,th:first-child{text-align:left}figure{margin:1.5em 0}figcaption{font-weight:bold}</style>
</head><body>
<h1>tickwire load: ${esc(r.scenario)}</h1>
<p>Target ${esc(r.target.url)} (${r.target.spawned ? `spawned, ${esc(r.target.pinning)}` : 'external'}); ${r.clients} clients;
${r.generator.workers} worker(s), ${esc(r.generator.pinning)}; ${esc(fmt(r.elapsedSec))} s.</p>
<h2>Latency (ms)</h2>${table(['', 'p50', 'p90', 'p99', 'p99.9', 'max', 'samples'], lat)}
<h2>Figures</h2>${table(['', 'value'], figs)}
<p>Disconnects by close code: ${esc(kv(r.disconnects))}<br>Connection failures: ${esc(kv(r.failures))}</p>
${r.notes.map((n) => `<p>Note: ${esc(n)}</p>`).join('\n')}
<h2>Over time</h2>
${charts.join('\n')}
</body></html>
`;
}
