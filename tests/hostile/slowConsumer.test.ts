/**
 * Slow consumers: clients that stop reading while asking for more. The server
 * skips their snapshots once their send buffer passes --backpressure-skip,
 * closes them with 4004 after --slow-consumer-close, and its memory stays
 * bounded (uWS holds at most --max-backpressure per socket). The players who
 * do read are unaffected: no snapshot gaps, none closed; their Ping RTT is
 * reported (and bounded to within 10% in slowConsumer.soak.test.ts).
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { CloseCode } from '../../shared/protocol/constants';
import type { ServerHandle } from '../../server/startServer';
import { describeEnding } from '../support/rawWebSocket';
import { BotSwarm } from './botSwarm';
import { HeapWatch } from './heapWatch';
import { createRoom, sleep, startLineServer } from './hostileKit';
import { SlowConsumer } from './slowConsumer';

let server: ServerHandle;
const HEAP_CEILING_BYTES = 192 * 1024 * 1024;
const RSS_GROWTH_CEILING_BYTES = 256 * 1024 * 1024;

beforeAll(async () => {
  server = await startLineServer({
    backpressureSkipBytes: 16 * 1024,
    maxBackpressureBytes: 256 * 1024,
    slowConsumerCloseMs: 1000,
    maxMessageRate: 100_000,
    sessionGraceMs: 0,
  });
});

afterAll(async () => {
  await server.stop();
});

it('skips, then closes with 4004, clients that stop reading; memory stays bounded; readers are unaffected', { timeout: 60_000 }, async () => {
  const room = await createRoom(server.url, { name: 'Slow', maxPlayers: 32 });
  const swarm = new BotSwarm(server.url);
  const slow: SlowConsumer[] = [];
  try {
    await swarm.join(16, { query: `room=${room.id}` });
    swarm.play(1000 / 30, 50);
    await sleep(1500);
    const rttBefore = swarm.rttPercentile(99);
    const mark = swarm.rttMark();
    const heap = new HeapWatch();
    const rss0 = process.memoryUsage().rss;
    let rssMax = rss0;
    const rssTimer = setInterval(() => (rssMax = Math.max(rssMax, process.memoryUsage().rss)), 100);
    const skipped0 = server.stats.snapshotsSkipped;

    for (let i = 0; i < 4; i++) slow.push(await SlowConsumer.join(server.port, room.id, `slow${i}`));
    const t0 = performance.now();
    for (const s of slow) s.stall();
    await expect.poll(() => server.stats.closesByCode.get(CloseCode.SlowConsumer) ?? 0, { timeout: 20_000, interval: 100 }).toBe(slow.length);
    const closedAfterMs = performance.now() - t0;
    const endings = await Promise.all(slow.map((s) => s.ending()));
    clearInterval(rssTimer);
    heap.stop();
    await sleep(500);
    swarm.stop();

    const skipped = server.stats.snapshotsSkipped - skipped0;
    const rttDuring = swarm.rttPercentile(99, mark);
    console.log(
      `slow consumers: ${slow.length} stalled; all closed 4004 within ${closedAfterMs.toFixed(0)} ms (limit ${server.config.slowConsumerCloseMs} ms); ` +
        `${skipped} snapshots skipped; requested ${(slow.reduce((n, s) => n + s.bytesRequested, 0) / 1e6).toFixed(1)} MB downstream; ` +
        `endings: ${endings.map(describeEnding).join(', ')}; heap ${heap.describe()}; RSS +${((rssMax - rss0) / 1024 / 1024).toFixed(1)} MiB peak; ` +
        `readers' ping p99 ${rttBefore.toFixed(2)} ms before, ${rttDuring.toFixed(2)} ms during`,
    );
    // The server closed each with 4004 (counted above). Whether the client ever sees that close
    // frame depends on room in its full buffer: uWS drops it past --max-backpressure, and the
    // client then sees the TCP close alone (1006). Either way the client reconnects and resumes.
    for (const e of endings) expect(e.kind === 'abrupt' || (e.kind === 'close-frame' && e.code === CloseCode.SlowConsumer)).toBe(true);
    expect(skipped).toBeGreaterThan(0);
    expect(heap.maxBytes).toBeLessThan(HEAP_CEILING_BYTES);
    expect(rssMax - rss0).toBeLessThan(RSS_GROWTH_CEILING_BYTES);
    expect(swarm.closedCount).toBe(0);
    expect(swarm.totalGaps).toBe(0);
  } finally {
    for (const s of slow) s.destroy();
    swarm.close();
  }
});
