/**
 * Soak: 200 playing bots, then a connection storm from two other processes
 * (TICKWIRE_STORM_S, default 20 s). Reports the storm's connection rate and
 * the bots' snapshot rate before and during it; the rate during the storm
 * must stay within 10% of the rate before it, with no snapshot gaps.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { ServerHandle } from '../../server/startServer';
import { BotSwarm } from './botSwarm';
import { spawnStorm } from './connectionStorm';
import { sleep, startLineServer } from './hostileKit';

const STORM_MS = Number(process.env.TICKWIRE_STORM_S ?? 20) * 1000;
const BOTS = 200;

let server: ServerHandle;

beforeAll(async () => {
  server = await startLineServer({ maxConnections: 20_000 });
});

afterAll(async () => {
  await server.stop();
});

it(`a connection storm does not starve ${BOTS} playing bots`, { timeout: STORM_MS * 3 + 120_000 }, async () => {
  const swarm = new BotSwarm(server.url);
  try {
    await swarm.join(BOTS);
    swarm.play();
    await sleep(2000);
    const b0 = performance.now();
    await sleep(Math.min(10_000, STORM_MS));
    const b1 = performance.now();
    const rttBefore = swarm.rttMark();
    const storms = await Promise.all([spawnStorm(server.port, STORM_MS, 48), spawnStorm(server.port, STORM_MS, 48)]);
    const s1 = performance.now();
    await sleep(500);
    swarm.stop();
    const before = swarm.snapshotRate(b0, b1);
    const during = swarm.snapshotRate(b1, s1);
    const connections = storms.reduce((n, s) => n + s.connections, 0);
    const errors = storms.reduce((n, s) => n + s.errors, 0);
    console.log(
      `storm soak: ${connections} connections in ${(STORM_MS / 1000).toFixed(0)} s (${((connections / (s1 - b1)) * 1000).toFixed(0)}/s, ${errors} client errors); ` +
        `${BOTS} bots: ${before.toFixed(2)} snapshots/s before, ${during.toFixed(2)} during (${(((during - before) / before) * 100).toFixed(1)}%); ` +
        `ping p99 ${swarm.rttPercentile(99, new Map()).toFixed(1)} ms overall, ${swarm.rttPercentile(99, rttBefore).toFixed(1)} ms during; gaps ${swarm.totalGaps}`,
    );
    expect(swarm.closedCount).toBe(0);
    expect(swarm.totalGaps).toBe(0);
    expect(Math.abs(during - before) / before).toBeLessThan(0.1);
  } finally {
    swarm.close();
  }
});
