/**
 * The tick loop after a stall of its own process: the catch-up ticks run after
 * the event loop has read what arrived during the stall (real timers, a real
 * loopback socket), so the players' frames are there for the ticks they belong to.
 */
import { createConnection, createServer, type Server, type Socket } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { TickLoop } from './tickLoop';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

function busyWait(ms: number): void {
  const end = performance.now() + ms;
  while (performance.now() < end) {
    /* the process is stalled */
  }
}

describe('TickLoop after a stall', () => {
  let server: Server | undefined;
  let client: Socket | undefined;
  let loop: TickLoop | undefined;
  afterEach(() => {
    loop?.stop();
    client?.destroy();
    server?.close();
  });

  it('reads the input that arrived during the stall before running the catch-up ticks', async () => {
    const events: { what: 'tick' | 'data'; atMs: number }[] = [];
    const accepted = new Promise<Socket>((resolve) => {
      server = createServer((s) => resolve(s));
    });
    await new Promise<void>((r) => server!.listen(0, '127.0.0.1', r));
    const port = (server!.address() as { port: number }).port;
    client = createConnection(port, '127.0.0.1');
    await new Promise<void>((r) => client!.once('connect', r));
    (await accepted).on('data', () => events.push({ what: 'data', atMs: performance.now() }));

    loop = new TickLoop({
      tickRate: 60,
      maxCatchUpTicks: 15,
      sweepEveryMs: 60_000,
      now: () => performance.now(),
      onTick: (nowMs) => events.push({ what: 'tick', atMs: nowMs }),
      onTimed: () => undefined,
      onSweep: () => undefined,
      onDropped: () => undefined,
    });
    loop.start();
    await sleep(60);
    client.write('frames sent during the stall'); // in the kernel's buffer at once (loopback)
    busyWait(150); // 9 ticks late
    const stallEnd = performance.now();
    await sleep(80);
    loop.stop();

    const after = events.filter((e) => e.atMs >= stallEnd);
    const firstTick = after.findIndex((e) => e.what === 'tick');
    const data = after.findIndex((e) => e.what === 'data');
    expect(after.filter((e) => e.what === 'tick').length).toBeGreaterThanOrEqual(9); // the catch-up ran
    expect(data).toBeGreaterThanOrEqual(0);
    expect(data).toBeLessThan(firstTick); // …after the socket was read
  });
});
