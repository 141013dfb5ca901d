/**
 * Throughput soak (excluded from `npm test`; run with `npm run soak`):
 * 200 rooms × 10 players at 60 Hz. Runs throughput.bench.ts in a child process
 * under tsx, as the server runs, and prints the figures. Asserts correctness
 * only (the bots fight, every tick completes), never speed.
 */
import { execFileSync } from 'node:child_process';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import type { ThroughputFigures } from './throughput.bench';

const TICKS = Number(process.env.ARENA_SOAK_TICKS ?? 3600);

describe('arena soak: 200 rooms × 10 players', () => {
  it(`runs ${TICKS} ticks and reports the per-tick cost`, () => {
    const bench = pathToFileURL(fileURLToPath(new URL('./throughput.bench.ts', import.meta.url))).href;
    const script =
      `import { runThroughput } from ${JSON.stringify(bench)};` +
      `process.stdout.write(JSON.stringify(runThroughput(200, 10, ${TICKS})));`;
    const out = execFileSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], {
      encoding: 'utf8',
      timeout: 300_000,
    });
    const f = JSON.parse(out) as ThroughputFigures;
    const ms = (v: number) => `${v.toFixed(3)} ms`;
    console.log(
      `[arena soak] ${f.rooms} rooms × ${f.players} players, ${f.ticks} ticks under tsx: one server tick ` +
        `(step + writeView, all rooms) mean ${ms(f.tickMs.mean)}, p50 ${ms(f.tickMs.p50)}, ` +
        `p90 ${ms(f.tickMs.p90)}, p99 ${ms(f.tickMs.p99)}, max ${ms(f.tickMs.max)}; step alone p50 ` +
        `${ms(f.stepMsP50)}; ${f.kills} kills, up to ${f.maxProjectilesPerRoom} projectiles per room`,
    );
    expect(f.ticks).toBe(TICKS);
    expect(f.kills).toBeGreaterThan(0);
    expect(f.maxProjectilesPerRoom).toBeGreaterThan(0);
  });
});
