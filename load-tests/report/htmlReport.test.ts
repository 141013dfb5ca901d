import { describe, expect, it } from 'vitest';
import type { RunResult } from './runResult';
import { renderHtml } from './htmlReport';
import { renderSummary } from './summaryTable';

const lat = (p50: number) => ({ count: 10, minMs: 1, meanMs: p50, p50Ms: p50, p90Ms: p50 * 2, p99Ms: p50 * 3, p999Ms: p50 * 4, maxMs: p50 * 5 });

const result: RunResult = {
  scenario: 'play',
  target: { url: 'http://127.0.0.1:1234', spawned: true, pinning: 'pinned to core 0' },
  generator: { workers: 2, pinning: 'generator pinned to core 1' },
  durationSec: 3,
  elapsedSec: 3.5,
  clients: 20,
  latency: { 'input→ack RTT': lat(10) },
  figures: { 'inputs sent': 3600, 'downlink bytes/s per client': 2048.5 },
  counters: {},
  disconnects: { '1006': 2 },
  failures: {},
  server: null,
  timeline: [0, 1, 2].map((second) => ({ second, counters: { inputsAcked: 1200, bytesIn: 40_000 }, latency: { inputRtt: lat(10 + second) } })),
  notes: ['a <note>'],
};

describe('reports', () => {
  it('the text summary has the latency table, the figures and disconnects by code', () => {
    const text = renderSummary(result);
    expect(text).toMatch(/│ input→ack RTT │\s+10 │\s+20 │\s+30 │\s+40 │\s+50 │\s+10 │\s+10 │/);
    expect(text).toMatch(/inputs sent\s+│\s+3,600/);
    expect(text).toContain('disconnects by close code: 1006 ×2');
  });

  it('the HTML report is self-contained with inline SVG charts', () => {
    const html = renderHtml(result);
    expect(html).toContain('<svg');
    expect(html.match(/<figure>/g)?.length).toBe(3); // latency, rates, bytes
    expect(html).not.toMatch(/<script|<link|src=|url\(/);
    expect(html).toContain('a &lt;note&gt;');
  });
});
