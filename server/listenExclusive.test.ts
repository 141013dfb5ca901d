/**
 * uWS would share a busy port with another uWS server (SO_REUSEPORT); tickwire must refuse instead,
 * while listening with several accept queues (--listen-sockets) against join storms.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import net from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { createApp, listenExclusive, ListenError } from './http/uwsApp';
import { listenersOn, listenSocketsOn } from './http/portListeners';
import { createLogger } from './logger';
import { startServer } from './startServer';
import { spawnServerCli } from '../tests/support/serverCli';
import { lineGame } from '../tests/support/lineGame';

const log = createLogger('silent');
const children: ChildProcess[] = [];

afterEach(async () => {
  for (const c of children.splice(0)) {
    if (c.exitCode !== null || c.signalCode !== null) continue;
    const exited = new Promise((r) => c.once('exit', r));
    c.kill('SIGTERM');
    await exited;
  }
});

/** Another process listening on `port` with SO_REUSEPORT (uWS's default listen), as a second uWS app would. */
async function reusePortNeighbour(port: number): Promise<void> {
  const script = `require('uWebSockets.js').App().listen('127.0.0.1', ${port}, 0, (s) => { console.log(s ? 'ready' : 'refused'); });`;
  const child = spawn(process.execPath, ['-e', script], { stdio: ['ignore', 'pipe', 'inherit'] });
  children.push(child);
  const line = await new Promise<string>((resolve) => child.stdout!.once('data', (d: Buffer) => resolve(d.toString().trim())));
  if (line !== 'ready') throw new Error(`neighbour on ${port}: ${line}`);
}

/** A port free right now (a server on port 0, stopped). */
async function freePort(): Promise<number> {
  const probe = await startServer({ port: 0, host: '127.0.0.1', drainGraceMs: 0 }, { games: [lineGame], log });
  await probe.stop();
  return probe.port;
}

/** Whether `port` on 127.0.0.1 can be listened on now. */
function isFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const srv = net.createServer();
    srv.once('error', () => resolve(false));
    srv.listen(port, '127.0.0.1', () => srv.close(() => resolve(true)));
  });
}

describe('listening', () => {
  it('a second server on the same port fails to start instead of splitting the traffic', async () => {
    const first = await startServer({ port: 0, host: '127.0.0.1', drainGraceMs: 0 }, { games: [lineGame], log });
    try {
      await expect(startServer({ port: first.port, host: '127.0.0.1' }, { games: [lineGame], log })).rejects.toThrow(
        `port ${first.port} on 127.0.0.1 is already in use`,
      );
    } finally {
      await first.stop();
    }
    // Once stopped, the port is free again for a successor in the same process.
    const second = await startServer({ port: first.port, host: '127.0.0.1', drainGraceMs: 0 }, { games: [lineGame], log });
    await second.stop();
  });

  it('accepts on --listen-sockets accept queues, every one its own, and closes them all on stop', async () => {
    const server = await startServer({ port: 0, host: '127.0.0.1', drainGraceMs: 0, listenSockets: 4 }, { games: [lineGame], log });
    try {
      expect(listenersOn(server.port)).toEqual({ mine: 4, foreign: 0 });
      const res = await fetch(`${server.url}/healthz`);
      expect(res.status).toBe(200);
    } finally {
      await server.stop();
    }
    expect(listenSocketsOn(server.port)).toBe(0);
  });

  it('refuses a port a non-tickwire process holds with SO_REUSEPORT (it would take a share otherwise)', async () => {
    const port = await freePort();
    await reusePortNeighbour(port);
    await expect(startServer({ port, host: '127.0.0.1', listenSockets: 4 }, { games: [lineGame], log })).rejects.toThrow(`port ${port} on 127.0.0.1 is already in use`);
  });

  it('fails, closing its sockets, when another process binds the port between the free-port probe and the listens', async () => {
    const port = await freePort();
    const app = createApp();
    const race = listenExclusive(app, '127.0.0.1', port, {
      sockets: 3,
      afterProbe: (p) => reusePortNeighbour(p), // the other server got through its own probe too
    });
    const err = await race.then(
      () => null,
      (e: unknown) => e,
    );
    app.close();
    expect(err).toBeInstanceOf(ListenError);
    expect((err as ListenError).code).toBe('port-shared');
    expect((err as Error).message).toContain(`port ${port} on 127.0.0.1 is already in use`);
    expect(listenSocketsOn(port)).toBe(1); // ours are closed: only the neighbour is left
  });

  it('port 0: when the chosen port is taken before the listens, chooses another', async () => {
    const app = createApp();
    let taken = 0;
    const listening = await listenExclusive(app, '127.0.0.1', 0, {
      sockets: 3,
      afterProbe: async (p) => {
        if (taken === 0) await reusePortNeighbour((taken = p));
      },
    });
    try {
      expect(listening.port).not.toBe(taken);
      expect(listenersOn(listening.port)).toEqual({ mine: 3, foreign: 0 });
      expect(listenSocketsOn(taken)).toBe(1); // left to the neighbour
    } finally {
      listening.closeListenSocket();
      app.close();
    }
  });

  it('--workers 2: each worker opens --listen-sockets on the shared port and on its own; its own port stays exclusive', async () => {
    let port = 0;
    do port = 20_000 + Math.floor(Math.random() * 12_000);
    while (!(await isFree(port)) || !(await isFree(port + 1)) || !(await isFree(port + 2)));
    const cli = spawnServerCli(['--workers', '2', '--listen-sockets', '3', '--port', String(port), '--log-level', 'warn']);
    children.push(cli.child);
    await cli.url;
    expect(listenSocketsOn(port)).toBe(6);
    expect(listenSocketsOn(port + 1)).toBe(3);
    expect(listenSocketsOn(port + 2)).toBe(3);
    await expect(startServer({ port: port + 1, host: '127.0.0.1' }, { games: [lineGame], log })).rejects.toThrow(`port ${port + 1} on 127.0.0.1 is already in use`);
  }, 60_000);
});
