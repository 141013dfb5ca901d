/**
 * A cluster whose nodes are different hosts: two network namespaces (veth
 * pairs, addresses of their own, see netnsHosts.ts), one tickwire node in
 * each with `--public-url` on its namespace address, Redis in the root
 * namespace on the root end of both links, and the test's clients in the
 * root namespace. Routing answers must name the holder's real address, not
 * a loopback one, and a client must reach it. Needs root and `ip` (CI runs as
 * root on Debian 12); elsewhere it is skipped with the reason printed.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CloseCode, Opcode } from '../../shared/protocol/constants';
import type { TestClient } from '../support/testClient';
import { eventually, getJson, joinFollowingMoved } from './clusterKit';
import { NetnsHosts, netnsUnavailable, type NetnsHost } from './netnsHosts';
import { startRedis, type RedisProcess } from './redisProcess';

const unavailable = netnsUnavailable();
if (unavailable) console.warn(`tests/cluster/netnsCluster.test.ts skipped: ${unavailable}`);

/** Inside its own namespace every port is free: each node listens on the same one. */
const NODE_PORT = 8080;

interface HostNode {
  readonly id: string;
  readonly url: string;
  readonly child: ChildProcess;
  output(): string;
}

let net: NetnsHosts | null = null;
let redis: RedisProcess | null = null;
const nodes: HostNode[] = [];
const clients: TestClient[] = [];

function startHostNode(hosts: NetnsHosts, h: NetnsHost, id: string, redisPort: number): Promise<HostNode> {
  const url = `http://${h.address}:${NODE_PORT}`;
  const [cmd, args] = hosts.exec(h, [
    process.execPath, '--import', 'tsx', 'server/main.ts', '--host', h.address, '--port', String(NODE_PORT), '--public-url', url,
    '--redis', `redis://${h.gateway}:${redisPort}`, '--node-id', id, '--log-level', 'warn', '--drain-grace', '0',
    // The test reads /metrics from the root namespace, not loopback.
    '--metrics-allow', '198.18.0.0/15',
    // Both hosts share this checkout: two nodes recording into one ./replays raced at start (ENOENT), as in the join storm.
    '--replays=false',
  ]);
  const child = spawn(cmd, args, { stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  const node: HostNode = { id, url, child, output: () => out };
  nodes.push(node);
  return new Promise((resolve, reject) => {
    child.stdout!.on('data', (d: Buffer) => {
      out += d.toString();
      if (/tickwire listening on/.test(out)) resolve(node);
    });
    child.stderr!.on('data', (d: Buffer) => (out += d.toString()));
    child.once('exit', (code, signal) => reject(new Error(`node ${id} in ${h.ns} exited (${signal ?? code}) before listening:\n${out}`)));
  });
}

async function stopNode(n: HostNode): Promise<void> {
  if (n.child.exitCode !== null || n.child.signalCode !== null) return;
  const exited = new Promise((r) => n.child.once('exit', r));
  n.child.kill('SIGTERM');
  const timer = setTimeout(() => n.child.kill('SIGKILL'), 20_000);
  await exited;
  clearTimeout(timer);
}

async function createRoom(n: HostNode, name: string): Promise<{ id: string; node: string; url: string }> {
  const res = await fetch(`${n.url}/api/rooms`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ name }) });
  expect(res.status).toBe(201);
  return (await res.json()) as { id: string; node: string; url: string };
}

describe.skipIf(unavailable !== null)('a cluster across network namespaces (real, different host addresses)', () => {
  let a: HostNode;
  let b: HostNode;

  beforeAll(async () => {
    net = new NetnsHosts();
    const [ha, hb] = net.create(['a', 'b']);
    redis = await startRedis([ha.gateway, hb.gateway]);
    [a, b] = await Promise.all([startHostNode(net, ha, 'host-a', redis.port), startHostNode(net, hb, 'host-b', redis.port)]);
    await eventually(async () => /^tickwire_cluster_nodes 2$/m.test(await (await fetch(`${a.url}/metrics`)).text()), 'two live nodes', 15_000).catch((err: Error) => {
      throw new Error(`${err.message}\n${nodes.map((n) => `--- ${n.id}:\n${n.output()}`).join('\n')}`);
    });
  }, 60_000);

  afterAll(async () => {
    for (const c of clients) c.close();
    await Promise.all(nodes.map((n) => stopNode(n)));
    await redis?.stop();
    const problems = net?.destroy() ?? [];
    if (problems.length > 0) throw new Error(`namespace teardown: ${problems.join('; ')}`);
  }, 60_000);

  let token = '';
  let playerId = -1;
  let roomId = '';

  it('a Join through host a for a room on host b is Moved to b\'s namespace address, and the root namespace\'s client is welcomed there', async () => {
    expect(a.url).not.toBe(b.url);
    const room = await createRoom(b, 'On host b');
    expect(room).toMatchObject({ node: 'host-b', url: b.url });
    const joined = await joinFollowingMoved(a.url, { name: 'roamer', room: room.id });
    clients.push(joined.client);
    expect(joined.hops).toEqual([a.url, b.url]);
    expect(joined.welcome.body.roomId).toBe(room.id);
    ({ resume: token, playerId } = joined.welcome.body);
    roomId = room.id;
  });

  it('host a\'s lobby lists host b\'s room with b\'s address', async () => {
    await eventually(async () => {
      const { body } = await getJson<{ rooms: { id: string; url: string; node: string }[] }>(`${a.url}/api/rooms`);
      return body.rooms.some((r) => r.id === roomId && r.url === b.url && r.node === 'host-b');
    }, 'b\'s room in a\'s lobby');
  });

  it('a resume token issued on host b, presented to host a, resumes the same player on b', async () => {
    const first = clients.pop()!;
    first.close();
    await first.closedWith();
    const again = await joinFollowingMoved(a.url, { name: 'roamer', resume: token });
    clients.push(again.client);
    expect(again.hops).toEqual([a.url, b.url]);
    expect(again.welcome.body).toMatchObject({ resumed: true, playerId, roomId });
  });

  it('draining host b moves its room to host a; the client follows Moved to a\'s address and resumes there', async () => {
    const client = clients[clients.length - 1];
    const drained = stopNode(b); // SIGTERM: a drain hands every room to a live node
    const moved = await client.first(Opcode.Moved, 30_000);
    expect(moved.body).toEqual({ url: a.url, roomId });
    expect((await client.closedWith()).code).toBe(CloseCode.Moved);
    const there = await joinFollowingMoved(moved.body.url, { name: 'roamer', resume: token });
    clients.push(there.client);
    expect(there.hops).toEqual([a.url]);
    expect(there.welcome.body).toMatchObject({ resumed: true, playerId, roomId });
    await drained;
  }, 60_000);
});
