/**
 * Soak: 1,000,000 fuzzed frames with a random seed (printed; replay with
 * TICKWIRE_FUZZ_SEED=<seed>), bounded by TICKWIRE_FUZZ_MAX_S (default 900 s):
 * the same checks as the quick fuzz, plus heap figures every 100,000 frames.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { ServerHandle } from '../../server/startServer';
import { runFrameFuzz } from './fuzz/frameFuzzer';
import { HeapWatch } from './heapWatch';
import { startLineServer } from './hostileKit';

const SEED = process.env.TICKWIRE_FUZZ_SEED ? Number(process.env.TICKWIRE_FUZZ_SEED) : Math.floor(Math.random() * 2 ** 32);
const FRAMES = Number(process.env.TICKWIRE_FUZZ_FRAMES ?? 1_000_000);
const MAX_S = Number(process.env.TICKWIRE_FUZZ_MAX_S ?? 900);
const HEAP_CEILING_BYTES = 256 * 1024 * 1024;

let server: ServerHandle;

beforeAll(async () => {
  server = await startLineServer({ sessionGraceMs: 0, roomEmptyGraceMs: 0 });
});

afterAll(async () => {
  await server.stop();
});

it('fuzzes a million frames with a random seed', { timeout: (MAX_S + 120) * 1000 }, async () => {
  console.log(`protocol fuzz soak: seed ${SEED} (replay: TICKWIRE_FUZZ_SEED=${SEED}), ${FRAMES} frames, at most ${MAX_S} s`);
  const heap = new HeapWatch();
  const t0 = performance.now();
  // Chunks of 100k, each with its own derived seed, so progress and heap are reported as it goes.
  const chunk = 100_000;
  let frames = 0;
  let rejected = 0;
  let connections = 0;
  const mismatches: string[] = [];
  for (let i = 0; frames < FRAMES && performance.now() - t0 < MAX_S * 1000; i++) {
    const r = await runFrameFuzz({ port: server.port, seed: (SEED + i * 0x2545f491) >>> 0, frames: Math.min(chunk, FRAMES - frames), lanes: 24, joinedShare: 0.15, maxFramesPerConnection: 64 });
    frames += r.frames;
    rejected += r.rejected;
    connections += r.connections;
    mismatches.push(...r.mismatches);
    if (r.connectFailures > r.connections / 1000) mismatches.push(`${r.connectFailures} connections got no handshake answer (${r.lastConnectError})`);
    console.log(`  ${frames} frames, ${rejected} rejected, ${connections} connections, ${((performance.now() - t0) / 1000).toFixed(0)} s, heap ${heap.describe()}`);
  }
  heap.stop();
  console.log(`protocol fuzz soak done: seed ${SEED}, ${frames} frames in ${((performance.now() - t0) / 1000).toFixed(0)} s, heap ${heap.describe()}`);
  expect(mismatches).toEqual([]);
  expect(heap.maxBytes).toBeLessThan(HEAP_CEILING_BYTES);
  await expect.poll(() => server.stats.connections, { timeout: 5000 }).toBe(0);
});
