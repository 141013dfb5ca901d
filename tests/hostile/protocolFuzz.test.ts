/**
 * Protocol fuzz against a live in-process server: 100,000 random and mutated
 * tickwire frames (fixed seed) over a pool of raw connections. Every frame the
 * shared decoder rejects must close its connection with exactly the decoder's
 * closeCode; valid frames must get their documented outcome; the server's heap
 * stays under a ceiling and every connection is cleaned up afterwards.
 * (`npm run soak` runs 1,000,000 with a random seed: protocolFuzz.soak.test.ts.)
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { ServerHandle } from '../../server/startServer';
import { runFrameFuzz } from './fuzz/frameFuzzer';
import { startLineServer } from './hostileKit';
import { HeapWatch } from './heapWatch';

const SEED = 0x7ee1_f022;
const FRAMES = 100_000;
/** Server + fuzz client share this process: the ceiling covers both. */
const HEAP_CEILING_BYTES = 256 * 1024 * 1024;

let server: ServerHandle;

beforeAll(async () => {
  // Grace 0: the fuzz joins thousands of players; their seats come back at once.
  server = await startLineServer({ sessionGraceMs: 0, roomEmptyGraceMs: 0 });
});

afterAll(async () => {
  await server.stop();
});

it(`${FRAMES} fuzzed frames: each rejected frame closes with its decoder code, the heap stays bounded`, { timeout: 300_000 }, async () => {
  const heap = new HeapWatch();
  const t0 = performance.now();
  const report = await runFrameFuzz({ port: server.port, seed: SEED, frames: FRAMES, lanes: 24, joinedShare: 0.15, maxFramesPerConnection: 64 });
  const seconds = (performance.now() - t0) / 1000;
  heap.stop();
  console.log(
    `protocol fuzz: seed 0x${SEED.toString(16)}, ${report.frames} frames (${report.rejected} rejected by the decoder) over ` +
      `${report.connections} connections in ${seconds.toFixed(1)} s; closes ${JSON.stringify(Object.fromEntries(report.closesByCode))}; ` +
      `${report.pongs} pongs, ${report.welcomes} welcomes, ${report.connectFailures} connects without a handshake answer; heap ${heap.describe()}`,
  );
  expect(report.mismatches, `${report.mismatchCount} mismatches`).toEqual([]);
  expect(report.frames).toBe(FRAMES);
  expect(report.connectFailures, report.lastConnectError).toBeLessThan(report.connections / 1000);
  expect(report.rejected).toBeGreaterThan(FRAMES / 2);
  expect(heap.maxBytes).toBeLessThan(HEAP_CEILING_BYTES);
  // Nothing leaks: every fuzz connection is gone, and the server still answers.
  await expect.poll(() => server.stats.connections, { timeout: 5000 }).toBe(0);
  expect((await fetch(`${server.url}/healthz`)).status).toBe(200);
});
