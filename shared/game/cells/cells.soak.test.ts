/**
 * Cells throughput (excluded from `npm test`; run with `npm run soak`, or
 * `npx vitest run --config vitest.soak.config.ts shared/game/cells`): one room
 * of 10, 50 and 100 bots in the standard world, 60 s of play each at 60 Hz.
 * Runs throughput.bench.ts in a child process under tsx, as the server runs,
 * and prints the figures: wall-clock quantiles per tick (p50 is the robust
 * one on a shared machine) and the child's CPU time per tick (which waiting
 * for a core does not inflate). Asserts correctness only (the bots eat each other,
 * every tick completes), never speed.
 */
import { execFileSync } from 'node:child_process';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import type { CellsThroughputFigures, Quantiles } from './throughput.bench';

const TICKS = Number(process.env.CELLS_SOAK_TICKS ?? 3600);

describe('cells throughput: one room, 10 / 50 / 100 players', () => {
  it.each([10, 50, 100])(`%i players: ${TICKS} ticks, step + writeView per tick`, (players) => {
    const bench = pathToFileURL(fileURLToPath(new URL('./throughput.bench.ts', import.meta.url))).href;
    const script =
      `import { runCellsThroughput, WARM_UP_TICKS } from ${JSON.stringify(bench)};` +
      `const cpu0 = process.cpuUsage();` +
      `const f = runCellsThroughput(${players}, ${TICKS});` +
      `const cpu = process.cpuUsage(cpu0);` +
      `process.stdout.write(JSON.stringify({ ...f, cpuMsPerTick: (cpu.user + cpu.system) / 1000 / (${TICKS} + WARM_UP_TICKS) }));`;
    const out = execFileSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], {
      encoding: 'utf8',
      timeout: 300_000,
    });
    const f = JSON.parse(out) as CellsThroughputFigures & { cpuMsPerTick: number };
    const q = (x: Quantiles) => `mean ${x.mean.toFixed(3)}, p50 ${x.p50.toFixed(3)}, p99 ${x.p99.toFixed(3)}, max ${x.max.toFixed(3)} ms`;
    console.log(
      `[cells bench] ${f.players} players, ${f.ticks} ticks at 60 Hz under tsx: step ${q(f.stepMs)}; ` +
        `writeView ${q(f.viewMs)}; ${f.meanViewEntities} entities in view (mean), up to ${f.maxEjected} ejected, ` +
        `${f.eaten} cells eaten, best mass ${f.maxMass}; process CPU ${f.cpuMsPerTick.toFixed(3)} ms per tick ` +
        `(step + writeView + bots, warm-up included)`,
    );
    expect(f.ticks).toBe(TICKS);
    expect(f.meanViewEntities).toBeGreaterThan(1600);
    if (players >= 50) expect(f.eaten).toBeGreaterThan(0);
  });
});
