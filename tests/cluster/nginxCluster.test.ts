/**
 * deploy/nginx-cluster.conf for real: three nodes on one Redis behind one
 * nginx. /n/<id>/ reaches one node (its --public-url), / reaches any; a join
 * through the wrong node's prefix is Moved to the holder's prefix, through
 * the same public origin.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findNginx } from '../hostile/nginxProxy';
import { freePort } from '../hostile/hostileKit';
import type { TestClient } from '../support/testClient';
import { eventually, getJson, joinFollowingMoved, startNode, type ClusterNodeProcess } from './clusterKit';
import { ClusterNginx } from './nginxCluster';
import { startRedis, type RedisProcess } from './redisProcess';

const nginxBinary = findNginx();
let redis: RedisProcess;
let nodes: ClusterNodeProcess[] = [];
let nginx: ClusterNginx;
const clients: TestClient[] = [];

beforeAll(async () => {
  if (!nginxBinary) throw new Error('nginx is not installed (.ci/run installs nginx-light)');
  redis = await startRedis();
  const publicPort = await freePort();
  const front = `http://127.0.0.1:${publicPort}`;
  // The default heartbeat (1 s, presence TTL 3 s), not the kit's 200 ms: this suite tests routing, not how fast a
  // dead node is noticed, and on a loaded CI machine a node's event loop can stall past a 600 ms TTL.
  const heartbeat = ['--cluster-heartbeat', '1000'];
  nodes = await Promise.all(
    ['a', 'b', 'c'].map((id) => startNode(redis.url, id, ['--public-url', `${front}/n/${id}`, '--trusted-proxies', '127.0.0.1', ...heartbeat])),
  );
  const ports = Object.fromEntries(nodes.map((n) => [n.nodeId, Number(new URL(n.url).port)]));
  nginx = await ClusterNginx.start(nginxBinary, publicPort, ports);
}, 60_000);

afterAll(async () => {
  for (const c of clients) c.close();
  await nginx?.stop();
  await Promise.all(nodes.map((n) => n.stop()));
  await redis?.stop();
});

describe('nginx in front of a three-node cluster (deploy/nginx-cluster.conf)', () => {
  it('reaches a specific node by path prefix and Moves a join to the holder\'s prefix', async () => {
    const res = await fetch(`${nginx.url}/n/a/api/rooms`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ name: 'Behind nginx' }) });
    expect(res.status).toBe(201);
    const room = (await res.json()) as { id: string; node: string; url: string };
    expect(room).toMatchObject({ node: 'a', url: `${nginx.url}/n/a` });

    const joined = await joinFollowingMoved(`${nginx.url}/n/c`, { name: 'proxied', room: room.id });
    clients.push(joined.client);
    expect(joined.hops).toEqual([`${nginx.url}/n/c`, `${nginx.url}/n/a`]);

    // The shared entry point lists every node's rooms with their public (prefixed) URLs.
    await eventually(async () => (await getJson<{ rooms: { id: string; url: string }[] }>(`${nginx.url}/api/rooms`)).body.rooms.some((r) => r.id === room.id && r.url === `${nginx.url}/n/a`), 'the room in the lobby via nginx');
  });

  it('a join through the shared entry point lands on the holder, directly or after one Moved', async () => {
    const res = await fetch(`${nginx.url}/n/b/api/rooms`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ name: 'On B' }) });
    const room = (await res.json()) as { id: string };
    const joined = await joinFollowingMoved(nginx.url, { name: 'entry', room: room.id });
    clients.push(joined.client);
    // nginx picked node b itself (welcomed at once), or another node that Moved the client to /n/b.
    const expected = joined.hops.length === 1 ? [nginx.url] : [nginx.url, `${nginx.url}/n/b`];
    expect(joined.hops).toEqual(expected);
    expect(joined.welcome.body.roomId).toBe(room.id);
  });
});
