/**
 * Zero-downtime deploy across real processes: a real redis-server, three
 * tickwire nodes; 200 players play on node a; SIGTERM a: every room is handed
 * to b or c, every player gets Moved + 4108, resumes there with its token,
 * and plays on. Checks 0 lost, every player's save identical across the move
 * (the checkpoint a handed over vs the one the target wrote right after
 * restoring, captured with MONITOR), and prints the gap each player saw.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { Opcode } from '../../shared/protocol/constants';
import type { RoomCheckpoint } from '../../server/cluster/mobility/roomCheckpoint';
import { MovingPlayer, type MoveRecord } from '../support/movingPlayer';
import { drivePlayers, percentile } from './support/playerDriver';
import { CheckpointMonitor } from './support/redisMonitor';
import { startRedis, type TestRedis } from './support/redisServer';
import { spawnNode, type NodeProcess } from './support/spawnNode';

const PLAYERS = Number(process.env.MOBILITY_PLAYERS ?? 200);
let redis: TestRedis;
let monitor: CheckpointMonitor;
const nodes: NodeProcess[] = [];
const players: MovingPlayer[] = [];

beforeAll(async () => {
  redis = await startRedis();
  monitor = new CheckpointMonitor(redis.url);
  await monitor.start();
  const flags = ['--games', 'arena', '--checkpoint-interval-ms', '500'];
  nodes.push(...(await Promise.all(['a', 'b', 'c'].map((id) => spawnNode(id, redis.url, flags)))));
}, 60_000);

afterAll(async () => {
  for (const p of players) p.stop();
  for (const n of nodes) if (n.child.exitCode === null) n.child.kill('SIGKILL');
  await Promise.all(nodes.map((n) => n.exit));
  await monitor?.stop();
  await redis?.stop();
});

const savesByToken = (c: RoomCheckpoint) => new Map(c.members.map((m) => [m.token, { playerId: m.playerId, name: m.name, save: m.save }]));

it(`drain: ${PLAYERS} players move from a to b/c, 0 lost, saves identical, gap printed`, { timeout: 300_000 }, async () => {
  const [a, b, c] = nodes;
  const front = () => b.url; // after a is gone, any live node
  for (let i = 0; i < PLAYERS; i += 25) {
    players.push(...(await Promise.all(Array.from({ length: Math.min(25, PLAYERS - i) }, (_, k) => MovingPlayer.join(a.url, `p${i + k}`, undefined, front)))));
  }
  const stopDriving = drivePlayers(players, 100);
  await new Promise((r) => setTimeout(r, 2000)); // play: positions, aims, scores change
  const roomsOnA = new Set(players.map((p) => p.roomId));

  const sigtermAt = performance.now();
  a.child.kill('SIGTERM');
  try {
    await Promise.all(players.map((p) => p.settled(1, 90_000)));
  } catch (err) {
    const stuck = players.filter((p) => p.moves.length === 0).map((p) => `${p.name} room=${p.roomId} closed=${JSON.stringify(p.client.closed)} failure=${p.failure}`);
    throw new Error(`${(err as Error).message}\nstuck (${stuck.length}): ${stuck.slice(0, 12).join('; ')}\n--- a:\n${a.output()}\n--- b:\n${b.output()}\n--- c:\n${c.output()}`);
  }
  const allBackMs = performance.now() - sigtermAt;
  const exit = await a.exit;
  expect(exit.code).toBe(0);

  // 0 lost: every player resumed (MovingPlayer throws on a fresh join) on b or c, once, by Moved.
  for (const p of players) {
    expect(p.failure).toBeNull();
    expect(p.moves.map((m) => m.kind)).toEqual(['moved']);
    expect([b.url, c.url]).toContain(p.client.ws.url.replace(/^ws/, 'http').replace(/\/ws$/, ''));
  }
  // Both targets took rooms (spread by load).
  const targets = new Set(players.map((p) => p.client.ws.url));
  expect(targets.size).toBe(2);

  // Saves identical: what a handed over (its last checkpoint of the room) = what the target holds after restoring it.
  for (const roomId of roomsOnA) {
    const cps = monitor.checkpoints.filter((cp) => cp.roomId === roomId);
    const handed = cps.filter((cp) => cp.holder === 'a').at(-1)!;
    const restored = cps.find((cp) => cp.holder !== 'a')!;
    expect(restored, `room ${roomId} restored`).toBeDefined();
    expect(savesByToken(restored)).toEqual(savesByToken(handed));
    expect(handed.members.length).toBe(players.filter((p) => p.roomId === roomId).length);
  }

  // They play on: new snapshots arrive and inputs are acknowledged on the new node.
  const ticks = players.map((p) => p.client.ackTick);
  await Promise.all(players.map((p, i) => p.client.waitUntil(() => p.client.ackTick > ticks[i] + 10, 'snapshots on the new node', 10_000)));
  expect(players.every((p) => p.client.messages.some((m) => m.op === Opcode.Welcome && m.body.resumed))).toBe(true);
  stopDriving();

  const gaps = players.map((p) => p.moves[0].firstSnapshotAfterMs - p.moves[0].lastSnapshotBeforeMs).sort((x, y) => x - y);
  const phase = (f: (m: MoveRecord) => number) => {
    const v = players.map((p) => f(p.moves[0])).sort((x, y) => x - y);
    return `p50 ${percentile(v, 50).toFixed(0)} / p99 ${percentile(v, 99).toFixed(0)} ms`;
  };
  console.log(
    `[mobility] drain phases: SIGTERM→close ${phase((m) => m.closedAtMs - sigtermAt)}, close→welcome ${phase((m) => m.welcomedAtMs - m.closedAtMs)}, ` +
      `welcome→snapshot ${phase((m) => m.firstSnapshotAfterMs - m.welcomedAtMs)}, last snapshot→SIGTERM ${phase((m) => sigtermAt - m.lastSnapshotBeforeMs)}`,
  );
  console.log(
    `[mobility] drain of ${PLAYERS} players in ${roomsOnA.size} rooms: gap last→first snapshot p50 ${percentile(gaps, 50).toFixed(0)} ms, ` +
      `p99 ${percentile(gaps, 99).toFixed(0)} ms, max ${gaps.at(-1)!.toFixed(0)} ms; every player back ${allBackMs.toFixed(0)} ms after SIGTERM`,
  );
});
