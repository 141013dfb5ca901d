/**
 * Soak: slow consumers vs. readers, each side in its own process. The server
 * runs as the CLI (arena) with small backpressure limits; 8 slow consumers
 * (a child process) stall in the same room as 8 readers (this process) and
 * are closed with 4004. Readers' Ping p99 RTT while the consumers sit stalled
 * must be within 10% of before (plus 1 ms: loopback RTTs are ~1 ms, below
 * timer resolution). To reach backpressure through loopback buffers the
 * consumers first request ~8 MB each; RTT including that flood is reported too.
 */
import { afterAll, expect, it } from 'vitest';
import { BotSwarm } from './botSwarm';
import { createRoom, sleep, spawnServerCli, type CliServer } from './hostileKit';
import { spawnSlowConsumers } from './slowConsumer';

let cli: CliServer | null = null;

afterAll(() => {
  if (cli && cli.child.exitCode === null) cli.child.kill('SIGKILL');
});

it('slow consumers are closed 4004 without hurting the readers’ p99 RTT', { timeout: 180_000 }, async () => {
  cli = spawnServerCli(['--port', '0', '--host', '127.0.0.1', '--log-level', 'warn', '--backpressure-skip', '16384', '--max-backpressure', '262144', '--slow-consumer-close', '1000', '--max-message-rate', '100000', '--session-grace', '0']);
  const url = await cli.url;
  const port = Number(new URL(url).port);
  const room = await createRoom(url, { name: 'Soak slow', maxPlayers: 32 });
  const swarm = new BotSwarm(url);
  try {
    await swarm.join(8, { query: `room=${room.id}` });
    swarm.play(1000 / 30, 20);
    await sleep(3000);
    const mark0 = swarm.rttMark();
    await sleep(10_000);
    const before = swarm.rttPercentile(99, mark0);
    const mark1 = swarm.rttMark();
    let mark2 = mark1;
    const slow = await spawnSlowConsumers(port, room.id, 8, 10_000, () => (mark2 = swarm.rttMark()));
    // "During": while the consumers sit stalled (skipped, then closed), after their request flood.
    const during = swarm.rttPercentile(99, mark2);
    const withFlood = swarm.rttPercentile(99, mark1);
    swarm.stop();
    const metrics = await (await fetch(`${url}/metrics`)).text();
    const heap = /^tickwire_process_heap_bytes\S* (\d+)/m.exec(metrics)?.[1] ?? /^tickwire_process_nodejs_heap_size_used_bytes (\d+)/m.exec(metrics)?.[1];
    console.log(
      `slow consumer soak: 8 stalled for 10 s → ${slow.endings.join(', ')}; readers' ping p99 ${before.toFixed(2)} ms before, ${during.toFixed(2)} ms while stalled ` +
        `(${(((during - before) / before) * 100).toFixed(1)}%), ${withFlood.toFixed(2)} ms including their request flood; server heap after ${heap ? `${(Number(heap) / 1024 / 1024).toFixed(1)} MiB` : 'n/a'}; reader gaps ${swarm.totalGaps}`,
    );
    expect(swarm.closedCount).toBe(0);
    expect(swarm.totalGaps).toBe(0);
    expect(during).toBeLessThanOrEqual(before * 1.1 + 1);
  } finally {
    swarm.close();
    cli.child.kill('SIGTERM');
    await cli.exit;
  }
});
