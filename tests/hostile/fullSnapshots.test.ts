/**
 * Forced full snapshots (issue 9, finding 7): a client that acknowledges tick
 * 0 on every Input asks for a full snapshot every time. In an arena room with
 * 4 honest bots moving, the attacker's downlink is measured next to an
 * honest bot's, on a server with the full-snapshot limit off (interval 0: the
 * old behaviour) and with the default interval. Prints bytes/s and ratios.
 */
import { afterAll, expect, it } from 'vitest';
import { Opcode } from '../../shared/protocol/constants';
import { createLogger } from '../../server/logger';
import { startServer, type ServerHandle } from '../../server/startServer';
import { TestClient } from '../support/testClient';
import { sleep } from './hostileKit';

const HONEST = 4;
const MEASURE_MS = 4000;
const servers: ServerHandle[] = [];

afterAll(async () => {
  for (const s of servers) await s.stop();
});

interface Player {
  client: TestClient;
  bytes: number;
  newestTick: number;
}

async function player(url: string, name: string, query: string): Promise<Player> {
  const client = await TestClient.connect(url, { query });
  const p: Player = { client, bytes: 0, newestTick: 0 };
  client.ws.on('message', (data: Buffer) => {
    if (data[0] === Opcode.Snapshot) p.bytes += data.length;
  });
  await client.join(name);
  return p;
}

/** Snapshot bytes/s of an honest bot and of the ack-0 attacker, on a server with this interval. */
async function measure(fullSnapshotIntervalMs: number): Promise<{ honest: number; attacker: number; attackerFulls: number }> {
  const server = await startServer({ port: 0, host: '127.0.0.1', logLevel: 'silent', fullSnapshotIntervalMs }, { log: createLogger('silent') });
  servers.push(server);
  const honest: Player[] = [];
  for (let i = 0; i < HONEST; i++) honest.push(await player(server.url, `honest${i}`, 'quick=1'));
  const attacker = await player(server.url, 'attacker', 'quick=1');
  let seq = 0;
  const timer = setInterval(() => {
    seq++;
    for (const [i, p] of honest.entries()) {
      const buttons = (seq + i * 20) % 80 < 40 ? 8 : 4; // walk right, then left
      p.client.sendInput([buttons, 0]);
    }
    // The attacker never acknowledges anything: every Input says "no baseline".
    attacker.client.ackTick = 0;
    attacker.client.sendInput([8, 0]);
  }, 1000 / 60);
  await sleep(1000);
  for (const p of [...honest, attacker]) p.bytes = 0;
  const mark = attacker.client.messages.length;
  await sleep(MEASURE_MS);
  clearInterval(timer);
  const perSec = (b: number) => b / (MEASURE_MS / 1000);
  const result = {
    honest: perSec(honest.reduce((n, p) => n + p.bytes, 0) / HONEST),
    attacker: perSec(attacker.bytes),
    attackerFulls: attacker.client.messages.slice(mark).filter((m) => m.op === Opcode.Snapshot && m.body.delta.baseTick === 0).length,
  };
  expect(attacker.client.closed).toBeNull();
  for (const p of [...honest, attacker]) p.client.close();
  return result;
}

it('a client acking 0 on every Input gets at most one full snapshot per interval', { timeout: 60_000 }, async () => {
  const off = await measure(0);
  const on = await measure(1000);
  const line = (label: string, m: typeof off) =>
    `${label}: attacker ${(m.attacker / 1024).toFixed(1)} KiB/s, honest ${(m.honest / 1024).toFixed(1)} KiB/s (×${(m.attacker / m.honest).toFixed(2)}); attacker got ${m.attackerFulls} full snapshots in ${MEASURE_MS / 1000} s`;
  console.log(`forced full snapshots, arena, ${HONEST} honest bots moving:\n  ${line('limit off (before)', off)}\n  ${line('limit 1 s (after)', on)}`);
  expect(off.attacker / off.honest).toBeGreaterThan(2);
  expect(on.attackerFulls).toBeLessThanOrEqual(MEASURE_MS / 1000 + 1);
  expect(on.attacker / on.honest).toBeLessThan(2);
});
