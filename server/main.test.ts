/**
 * The server as operators run it: a child process started from the CLI.
 * SIGTERM drains (readyz 503 on open connections, clients closed with 1012)
 * and exits 0 within 5 s; bad configuration exits 2 listing every problem.
 */
import type { ChildProcess } from 'node:child_process';
import net from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { CloseCode } from '../shared/protocol/constants';
import { spawnServerCli, type CliServer } from '../tests/support/serverCli';
import { TestClient } from '../tests/support/testClient';

const children: ChildProcess[] = [];

function startCli(args: string[]): CliServer {
  const server = spawnServerCli(args);
  children.push(server.child);
  return server;
}

/** A raw keep-alive HTTP connection, to ask /readyz on a socket opened before the drain. */
function keepAlive(port: number): Promise<{ get: (path: string) => Promise<string>; close: () => void }> {
  return new Promise((resolve, reject) => {
    const sock = net.connect(port, '127.0.0.1', () =>
      resolve({
        get: (path) =>
          new Promise((res) => {
            let data = '';
            const onData = (chunk: Buffer) => {
              data += chunk.toString();
              if (/\r\n\r\n[\s\S]*\n$/.test(data)) {
                sock.off('data', onData);
                res(data);
              }
            };
            sock.on('data', onData);
            sock.once('close', () => res(data || 'connection closed'));
            if (sock.destroyed || !sock.writable) return res('connection closed');
            sock.write(`GET ${path} HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: keep-alive\r\n\r\n`);
          }),
        close: () => sock.destroy(),
      }),
    );
    sock.on('error', reject);
  });
}

afterEach(() => {
  for (const c of children.splice(0)) if (c.exitCode === null) c.kill('SIGKILL');
});

describe('tickwire CLI', () => {
  it('drains on SIGTERM: readyz 503, clients closed with 1012, exit 0 within 5 s', { timeout: 30_000 }, async () => {
    const server = startCli(['--port', '0', '--host', '127.0.0.1', '--log-level', 'warn']);
    const url = await server.url;
    expect((await fetch(`${url}/healthz`)).status).toBe(200);
    const port = Number(new URL(url).port);
    const http = await keepAlive(port);
    expect(await http.get('/readyz')).toMatch(/^HTTP\/1\.1 200/);

    const players = await Promise.all([0, 1, 2].map(() => TestClient.connect(url, { query: 'quick=1' })));
    await Promise.all(players.map((p, i) => p.join(`p${i}`)));

    const t0 = performance.now();
    server.child.kill('SIGTERM');
    const closes = await Promise.all(players.map((p) => p.closedWith()));
    expect(closes.map((c) => c.code)).toEqual([CloseCode.ServiceRestart, CloseCode.ServiceRestart, CloseCode.ServiceRestart]);
    const readyz = await http.get('/readyz');
    http.close();
    expect((await server.exit).code).toBe(0);
    const elapsed = performance.now() - t0;
    expect(elapsed).toBeLessThan(5000);
    // If the keep-alive socket was still served during the drain, it must have said 503.
    if (readyz !== 'connection closed') expect(readyz).toMatch(/^HTTP\/1\.1 503/);
  });

  it('exits 2 and lists every configuration problem at once', { timeout: 30_000 }, async () => {
    const server = startCli(['--port', 'x', '--tick-rate', '0', '--what']);
    expect((await server.exit).code).toBe(2);
    const out = server.output();
    expect(out).toContain('invalid configuration (3 problems)');
    expect(out).toContain('--port: must be an integer');
    expect(out).toContain('--tick-rate: must be an integer');
    expect(out).toContain('unknown flag --what');
  });

  it('refuses a port that is already in use instead of sharing it silently', { timeout: 30_000 }, async () => {
    const blocker = net.createServer();
    await new Promise<void>((r) => blocker.listen(0, '127.0.0.1', () => r()));
    const port = (blocker.address() as net.AddressInfo).port;
    try {
      const server = startCli(['--port', String(port), '--host', '127.0.0.1']);
      expect((await server.exit).code).toBe(1);
      expect(server.output()).toContain(`port ${port} on 127.0.0.1 is already in use`);
    } finally {
      blocker.close();
    }
  });
});
