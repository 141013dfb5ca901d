import { describe, expect, it } from 'vitest';
import { histogramQuantileDelta, parsePrometheus, serverFigures } from './metricsScrape';

const before = parsePrometheus(`# HELP tickwire_tick_duration_seconds x
# TYPE tickwire_tick_duration_seconds histogram
tickwire_tick_duration_seconds_bucket{le="0.001"} 100
tickwire_tick_duration_seconds_bucket{le="0.002"} 100
tickwire_tick_duration_seconds_bucket{le="0.004"} 100
tickwire_tick_duration_seconds_bucket{le="+Inf"} 100
tickwire_tick_overruns_total 3
tickwire_closes_total{code="1000"} 2
`);
const after = parsePrometheus(`tickwire_tick_duration_seconds_bucket{le="0.001"} 190
tickwire_tick_duration_seconds_bucket{le="0.002"} 198
tickwire_tick_duration_seconds_bucket{le="0.004"} 200
tickwire_tick_duration_seconds_bucket{le="+Inf"} 200
tickwire_tick_duration_quantiles_seconds{quantile="0.99"} 0.0031
tickwire_tick_overruns_total 5
tickwire_closes_total{code="1000"} 2
tickwire_closes_total{code="1006"} 4
tickwire_players 40
`);

describe('metricsScrape', () => {
  it('parses samples with and without labels', () => {
    expect(after.get('tickwire_players')).toBe(40);
    expect(after.get('tickwire_closes_total{code="1006"}')).toBe(4);
    expect(before.has('# HELP tickwire_tick_duration_seconds x')).toBe(false);
  });

  it('computes a quantile over the interval between two scrapes only', () => {
    // 100 new observations: 90 ≤ 1 ms, 8 in (1, 2] ms, 2 in (2, 4] ms.
    expect(histogramQuantileDelta(before, after, 'tickwire_tick_duration_seconds', 0.5)).toBeCloseTo(0.001 * (50 / 90), 9);
    expect(histogramQuantileDelta(before, after, 'tickwire_tick_duration_seconds', 0.99)).toBeCloseTo(0.002 + 0.002 * 0.5, 9);
    expect(histogramQuantileDelta(after, after, 'tickwire_tick_duration_seconds', 0.99)).toBeNull();
  });

  it('reports counters as deltas and quantiles in ms', () => {
    const f = serverFigures(before, after);
    expect(f.tickOverruns).toBe(2);
    expect(f.tickP99Ms).toBeCloseTo(3.1, 9);
    expect(f.closes).toEqual({ '1006': 4 });
    expect(f.players).toBe(40);
    expect(f.tickP50Ms).toBeNull();
  });
});
