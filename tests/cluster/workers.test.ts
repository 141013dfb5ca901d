/**
 * `--workers 2` as operators run it: one primary, two worker processes, no
 * Redis. Both workers accept on the shared port (the kernel spreads rooms
 * over them); the lobby on either lists both workers' rooms; a join for a
 * room held by the other worker is Moved to that worker's own port; the
 * primary's SIGTERM stops everything it started.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import net from 'node:net';
import { spawnServerCli, type CliServer } from '../support/serverCli';
import { TestClient } from '../support/testClient';
import { eventually, getJson, joinFollowingMoved } from './clusterKit';

let cli: CliServer;
let port: number;
const clients: TestClient[] = [];

interface LobbyRoom {
  id: string;
  node: string;
  url: string;
}

/** Whether `port` on 127.0.0.1 can be listened on now. */
function isFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const srv = net.createServer();
    srv.once('error', () => resolve(false));
    srv.listen(port, '127.0.0.1', () => srv.close(() => resolve(true)));
  });
}

beforeAll(async () => {
  // The shared port and the two worker ports after it must be free. They are taken below the kernel's
  // ephemeral range (32768–60999 here), where the sockets other tests open at the same time (port 0,
  // outgoing connections) never land; a port still found taken at start ("not free") means another try.
  for (let attempt = 1; ; attempt++) {
    port = 20_000 + Math.floor(Math.random() * 12_000);
    if (!(await isFree(port)) || !(await isFree(port + 1)) || !(await isFree(port + 2))) continue;
    cli = spawnServerCli(['--workers', '2', '--port', String(port), '--cluster-heartbeat', '200', '--log-level', 'warn']);
    try {
      await cli.url;
      return;
    } catch (err) {
      if (attempt >= 5 || !/not free/.test((err as Error).message)) throw err;
    }
  }
}, 60_000);

afterAll(async () => {
  for (const c of clients) c.close();
  if (cli && cli.child.exitCode === null) {
    cli.child.kill('SIGTERM');
    await cli.exit;
  }
});

describe('--workers 2 (embedded backend: the primary holds the store, workers reach it over IPC)', () => {
  it('spreads rooms over both workers, lists them everywhere and Moves a join to the holder', async () => {
    const base = `http://127.0.0.1:${port}`;
    const created: { id: string; node: string; url: string }[] = [];
    // New connections land on either worker (SO_REUSEPORT): create rooms until both hold one.
    for (let i = 0; i < 40 && new Set(created.map((r) => r.node)).size < 2; i++) {
      const res = await fetch(`${base}/api/rooms`, { method: 'POST', headers: { 'content-type': 'application/json', connection: 'close' }, body: JSON.stringify({ name: `W ${i}` }) });
      expect(res.status).toBe(201);
      created.push((await res.json()) as { id: string; node: string; url: string });
    }
    const nodes = [...new Set(created.map((r) => r.node))];
    expect(nodes).toHaveLength(2);
    const urls = [...new Set(created.map((r) => r.url))].sort();
    expect(urls).toEqual([`http://127.0.0.1:${port + 1}`, `http://127.0.0.1:${port + 2}`]);

    await eventually(async () => {
      const { body } = await getJson<{ rooms: LobbyRoom[] }>(`${urls[0]}/api/rooms`);
      return created.every((r) => body.rooms.some((x) => x.id === r.id && x.url === r.url));
    }, 'every room in the first worker\'s lobby');

    const onOther = created.find((r) => r.url === urls[1])!;
    const joined = await joinFollowingMoved(urls[0], { name: 'mover', room: onOther.id });
    clients.push(joined.client);
    expect(joined.hops).toEqual([urls[0], urls[1]]);
  });

  it('stops every worker on SIGTERM to the primary', async () => {
    cli.child.kill('SIGTERM');
    const exit = await cli.exit;
    expect(exit.code).toBe(0);
    const refused = await fetch(`http://127.0.0.1:${port + 1}/healthz`).then(() => false, () => true);
    expect(refused).toBe(true);
  });
});
