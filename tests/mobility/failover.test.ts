/**
 * Failover across real processes: a real redis-server, three tickwire nodes;
 * players play on node a, which checkpoints every room each second; kill -9 a:
 * its presence key expires, b or c claims each orphaned room, restores it from
 * its last checkpoint, and the players (whose connections dropped) resume
 * through the front with their tokens and play on. Checks every player
 * resumed, progress lost ≤ 1 checkpoint interval, and prints detection +
 * restore and reconnect times.
 *
 * The front is node b for every player, whichever node restored its room:
 * the cluster's routing answers a resume for a room held elsewhere with
 * Moved, which the player follows (as the reference client does).
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { MovingPlayer, type MoveRecord } from '../support/movingPlayer';
import { drivePlayers, percentile } from './support/playerDriver';
import { CheckpointMonitor } from './support/redisMonitor';
import { startRedis, type TestRedis } from './support/redisServer';
import { HEARTBEAT_MS, spawnNode, type NodeProcess } from './support/spawnNode';

const PLAYERS = Number(process.env.MOBILITY_PLAYERS ?? 100);
const INTERVAL_MS = 1000;
let redis: TestRedis;
let monitor: CheckpointMonitor;
const nodes: NodeProcess[] = [];
const players: MovingPlayer[] = [];

beforeAll(async () => {
  redis = await startRedis();
  monitor = new CheckpointMonitor(redis.url);
  await monitor.start();
  const flags = ['--games', 'arena', '--checkpoint-interval-ms', String(INTERVAL_MS)];
  nodes.push(...(await Promise.all(['a', 'b', 'c'].map((id) => spawnNode(id, redis.url, flags)))));
}, 60_000);

afterAll(async () => {
  for (const p of players) p.stop();
  for (const n of nodes) if (n.child.exitCode === null && n.child.signalCode === null) n.child.kill('SIGKILL');
  await Promise.all(nodes.map((n) => n.exit));
  await monitor?.stop();
  await redis?.stop();
});

it(`failover: kill -9 of the node holding ${PLAYERS} players; they play again elsewhere, ≤ 1 interval lost`, { timeout: 300_000 }, async () => {
  const [a, b, c] = nodes;
  for (let i = 0; i < PLAYERS; i += 25) {
    players.push(...(await Promise.all(Array.from({ length: Math.min(25, PLAYERS - i) }, (_, k) => MovingPlayer.join(a.url, `p${i + k}`, undefined, () => b.url)))));
  }
  const stopDriving = drivePlayers(players, 100);
  await new Promise((r) => setTimeout(r, 2500)); // play, and let every room checkpoint at least twice
  const rooms = new Set(players.map((p) => p.roomId));

  const killedAt = performance.now();
  const killedAtEpoch = Date.now();
  a.child.kill('SIGKILL');
  await Promise.all(players.map((p) => p.settled(1, 90_000)));
  const everyoneBackMs = performance.now() - killedAt;

  const lostMs: number[] = [];
  const restoredAfterMs: number[] = [];
  for (const roomId of rooms) {
    const cps = monitor.checkpoints.filter((cp) => cp.roomId === roomId);
    const last = cps.filter((cp) => cp.holder === 'a').at(-1)!;
    const restored = cps.find((cp) => cp.holder !== 'a')!;
    expect(restored, `room ${roomId} restored`).toBeDefined();
    expect(['b', 'c']).toContain(restored.holder);
    // Restored from a's last checkpoint: the same players with the same saves.
    expect(new Map(restored.members.map((m) => [m.token, m.save]))).toEqual(new Map(last.members.map((m) => [m.token, m.save])));
    lostMs.push(killedAtEpoch - last.takenAtEpochMs);
    restoredAfterMs.push(restored.takenAtEpochMs - killedAtEpoch);
  }
  // Progress lost: what happened after the last checkpoint a wrote (its write takes a moment: a tick of slack).
  expect(Math.max(...lostMs)).toBeLessThanOrEqual(INTERVAL_MS + 100);

  for (const p of players) {
    expect(p.failure).toBeNull();
    expect(p.moves.map((m) => m.kind)).toEqual(['dropped']);
  }
  const ticks = players.map((p) => p.client.ackTick);
  await Promise.all(players.map((p, i) => p.client.waitUntil(() => p.client.ackTick > ticks[i] + 10, 'snapshots after failover', 15_000)));
  stopDriving();
  expect(new Set(players.map((p) => p.client.ws.url)).size).toBeGreaterThanOrEqual(1);
  expect(c.child.exitCode).toBeNull();
  // Operators see it: the restoring nodes count every room they restored.
  const failoversOn = async (url: string) => {
    const text = await (await fetch(`${url}/metrics`)).text();
    return Number(/^tickwire_cluster_failovers_total (\d+)/m.exec(text)?.[1] ?? NaN);
  };
  expect((await failoversOn(b.url)) + (await failoversOn(c.url))).toBe(rooms.size);

  const sorted = (v: number[]) => [...v].sort((x, y) => x - y);
  const f = (v: number[]) => `p50 ${percentile(sorted(v), 50).toFixed(0)} / max ${sorted(v).at(-1)!.toFixed(0)} ms`;
  const welcomeAfterRestore = players.map((p) => p.moves[0].welcomedAtMs - killedAt);
  const back = players.map((p: MovingPlayer) => (p.moves[0] as MoveRecord).firstSnapshotAfterMs - killedAt);
  console.log(
    `[mobility] failover of ${PLAYERS} players in ${rooms.size} rooms (interval ${INTERVAL_MS} ms, presence TTL ${3 * HEARTBEAT_MS} ms): ` +
      `progress lost ${f(lostMs)}; kill→restored (detection + restore) ${f(restoredAfterMs)}; kill→welcomed ${f(welcomeAfterRestore)}; ` +
      `kill→first snapshot ${f(back)}; every player back ${everyoneBackMs.toFixed(0)} ms after kill -9`,
  );
});
