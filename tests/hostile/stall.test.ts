/**
 * Stall tolerance (issue 9, finding 2): a pause of the server or of the
 * network delivers everything the clients sent meanwhile in one burst. The
 * CLI server (default limits) with 8 playing bots — 60 Inputs/s each like the
 * browser, and 10 Pings/s — is stopped with SIGSTOP for 3 s and for 10 s, and
 * the bots' own sockets are corked for 10 s (a network stall: the server runs,
 * nothing arrives, then everything). No bot may be closed; the surplus is
 * dropped and counted. Prints the dropped counts and the biggest burst.
 */
import type { Socket } from 'node:net';
import { afterAll, expect, it } from 'vitest';
import { BotSwarm } from './botSwarm';
import { freePort, sleep, spawnServerCli, type CliServer } from './hostileKit';

const BOTS = 8;
let server: CliServer | null = null;
let swarm: BotSwarm | null = null;

afterAll(() => {
  swarm?.close();
  if (server && server.child.exitCode === null && server.child.signalCode === null) {
    server.child.kill('SIGCONT');
    server.child.kill('SIGKILL');
  }
});

/** The named series of a Prometheus text scrape. */
async function scrape(url: string, names: string[]): Promise<Record<string, number>> {
  const text = await (await fetch(`${url}/metrics`)).text();
  const out: Record<string, number> = {};
  for (const name of names) {
    const m = new RegExp(`^${name} (\\S+)$`, 'm').exec(text);
    out[name] = m ? Number(m[1]) : NaN;
  }
  return out;
}

const SERIES = ['tickwire_inputs_dropped_total', 'tickwire_messages_dropped_total', 'tickwire_rate_surplus_peak', 'tickwire_inputs_skipped_total'];

function socketOf(swarmBot: BotSwarm['bots'][number]): Socket {
  return (swarmBot.client.ws as unknown as { _socket: Socket })._socket;
}

/** After a stall: every bot still open, and each receiving snapshots again. */
async function expectAllPlaying(s: BotSwarm, label: string): Promise<void> {
  const marks = s.bots.map((b) => b.snapshots.length);
  const deadline = performance.now() + 5000;
  while (performance.now() < deadline && s.bots.some((b, i) => b.snapshots.length < marks[i] + 10)) {
    for (const b of s.bots) s.drain(b);
    await sleep(100);
  }
  const closed = s.bots.filter((b) => b.client.closed).map((b) => `${b.playerId}: ${b.client.closed!.code} ${b.client.closed!.reason}`);
  expect(closed, `${label}: bots closed`).toEqual([]);
  for (const [i, b] of s.bots.entries()) expect(b.snapshots.length, `${label}: bot ${b.playerId} snapshots after`).toBeGreaterThanOrEqual(marks[i] + 10);
}

it('SIGSTOP 3 s and 10 s, and a 10 s network stall: no player closed, the surplus dropped and counted', { timeout: 120_000 }, async () => {
  const port = await freePort();
  server = spawnServerCli(['--port', String(port), '--host', '127.0.0.1', '--log-level', 'warn']);
  const url = await server.url;
  swarm = new BotSwarm(url);
  await swarm.join(BOTS);
  swarm.play(1000 / 60, 100);
  await sleep(1000);

  const figures: string[] = [];
  for (const stallMs of [3000, 10_000]) {
    const before = await scrape(url, SERIES);
    server.child.kill('SIGSTOP');
    await sleep(stallMs);
    server.child.kill('SIGCONT');
    await expectAllPlaying(swarm, `SIGSTOP ${stallMs} ms`);
    const after = await scrape(url, SERIES);
    figures.push(
      `SIGSTOP ${stallMs / 1000} s: inputs dropped ${after.tickwire_inputs_dropped_total - before.tickwire_inputs_dropped_total}, ` +
        `messages dropped ${after.tickwire_messages_dropped_total - before.tickwire_messages_dropped_total}, ` +
        `inputs skipped by the queue ${after.tickwire_inputs_skipped_total - before.tickwire_inputs_skipped_total}, ` +
        `peak surplus so far ${Math.round(after.tickwire_rate_surplus_peak)} messages`,
    );
  }

  // A network stall: the server runs on, the bots' bytes wait in their own sockets, then all arrive at once.
  const before = await scrape(url, SERIES);
  for (const b of swarm.bots) socketOf(b).cork();
  await sleep(10_000);
  for (const b of swarm.bots) socketOf(b).uncork();
  await expectAllPlaying(swarm, 'network stall 10 s');
  const after = await scrape(url, SERIES);
  figures.push(
    `network stall 10 s: inputs dropped ${after.tickwire_inputs_dropped_total - before.tickwire_inputs_dropped_total}, ` +
      `messages dropped ${after.tickwire_messages_dropped_total - before.tickwire_messages_dropped_total}, ` +
      `peak surplus ${Math.round(after.tickwire_rate_surplus_peak)} messages (burst per bot ≈ 10 s × 70 = 700 messages)`,
  );
  console.log(`stall tolerance, ${BOTS} bots at 60 Inputs/s + 10 Pings/s:\n  ${figures.join('\n  ')}`);
  expect(after.tickwire_inputs_dropped_total + after.tickwire_messages_dropped_total).toBeGreaterThan(0);
  swarm.close();
  server.child.kill('SIGTERM');
  await server.exit;
});
