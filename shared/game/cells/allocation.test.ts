/**
 * step() and writeView() allocate nothing in steady play: cells steering,
 * boosting (ejected pellets come from the pool), eating food that grows back
 * and some of their ejected mass (createSteadyPlay). Events are the documented
 * exception (eaten, respawned), so that scenario keeps the cells apart.
 *
 * Measured in a child process under tsx with --expose-gc (as the server runs;
 * inside vitest, module bindings and the runner's own heap get in the way):
 * after a warm-up that lets the JIT optimize every path (its feedback and
 * deoptimizations allocate while it does), a full GC, then N ticks run
 * synchronously. No young-generation collection may happen during them (it
 * would hide allocations by freeing them), and the used heap may grow by less
 * than one byte per cell per tick: a single object per cell per tick would be
 * ≥ 16 bytes.
 */
import { execFileSync } from 'node:child_process';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';

const PLAYERS = 100;
const WARM_UP_TICKS = 6000;
const TICKS = 2000;

interface Probe {
  grewBytes: number;
  scavenges: number;
  ejected: number;
  foodIdsMoved: boolean;
  events: number;
}

describe('allocation', () => {
  it(`step + writeView allocate < 1 B per cell-tick over ${TICKS} ticks × ${PLAYERS} cells in steady play`, () => {
    const bots = pathToFileURL(fileURLToPath(new URL('./testBots.ts', import.meta.url))).href;
    const script = `
      import { createSteadyPlay } from ${JSON.stringify(bots)};
      import { PerformanceObserver, constants } from 'node:perf_hooks';
      const play = createSteadyPlay(${PLAYERS});
      for (let i = 0; i < ${WARM_UP_TICKS}; i++) play.tick();
      let scavenges = 0;
      const observer = new PerformanceObserver((list) => {
        for (const e of list.getEntries()) if (e.detail.kind === constants.NODE_PERFORMANCE_GC_MINOR) scavenges++;
      });
      globalThis.gc();
      observer.observe({ entryTypes: ['gc'] });
      const ejectedBefore = play.state.pellets.ejectedCount;
      const nextIdBefore = play.state.pelletIds.next;
      const before = process.memoryUsage().heapUsed;
      for (let i = 0; i < ${TICKS}; i++) play.tick();
      const grewBytes = process.memoryUsage().heapUsed - before;
      setTimeout(() => {
        observer.disconnect();
        process.stdout.write(JSON.stringify({
          grewBytes, scavenges,
          ejected: ejectedBefore + play.state.pellets.ejectedCount,
          foodIdsMoved: play.state.pelletIds.next !== nextIdBefore,
          events: play.events.length,
        }));
      }, 50);`;
    const out = execFileSync(process.execPath, ['--expose-gc', '--import', 'tsx', '--input-type=module', '-e', script], {
      encoding: 'utf8',
      timeout: 120_000,
    });
    const probe = JSON.parse(out) as Probe;
    console.log(`[cells allocation] ${TICKS} ticks × ${PLAYERS} cells after a ${WARM_UP_TICKS}-tick warm-up: heap grew ${probe.grewBytes} B, ${probe.scavenges} scavenges`);
    // The scenario did exercise boosting and food regrowth, and stayed event-free:
    expect(probe.ejected).toBeGreaterThan(0);
    expect(probe.foodIdsMoved).toBe(true);
    expect(probe.events).toBe(0);
    expect(probe.scavenges).toBe(0);
    expect(probe.grewBytes).toBeLessThan(TICKS * PLAYERS);
  });
});
