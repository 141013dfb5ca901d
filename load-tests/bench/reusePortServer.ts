/**
 * A bare uWS HTTP server with K listen sockets on one port (SO_REUSEPORT:
 * uWS's default listen option, without LIBUS_LISTEN_EXCLUSIVE_PORT) whose
 * event loop is busy `busyMs` of every `periodMs` (a stand-in for ticks and
 * send passes). uWS 3.0.6 listens with a fixed backlog of 512 per socket; the
 * kernel spreads new connections over the K sockets, so a storm has K × 512
 * accept-queue slots to wait in while the loop is away. Used by
 * reusePortStorm.ts. Prints `reuseport listening on http://127.0.0.1:PORT`.
 *
 *   node --import tsx load-tests/bench/reusePortServer.ts K [busyMs] [periodMs]
 */
import { createServer } from 'node:net';
import type { us_listen_socket } from 'uWebSockets.js';
import { loadUws } from '../../server/http/uwsLoader';

/** uWS ListenOptions.LIBUS_LISTEN_DEFAULT (SO_REUSEPORT on); a type-only enum in its .d.ts. */
const LIBUS_LISTEN_DEFAULT = 0;

const [k = 1, busyMs = 40, periodMs = 50] = process.argv.slice(2).map(Number);
const uws = loadUws();
const app = uws.App().get('/*', (res) => {
  res.end('ok');
});
const listen = app.listen as unknown as (host: string, port: number, options: number, cb: (s: us_listen_socket | false) => void) => void;
const sockets: us_listen_socket[] = [];

function listenOn(port: number, then: (port: number) => void): void {
  listen.call(app, '127.0.0.1', port, LIBUS_LISTEN_DEFAULT, (socket) => {
    if (!socket) {
      console.error(`reuseport: listen ${sockets.length + 1} on ${port} refused`);
      process.exit(1);
    }
    sockets.push(socket);
    then(uws.us_socket_local_port(socket));
  });
}

function busy(): void {
  const end = performance.now() + busyMs;
  while (performance.now() < end);
  setTimeout(busy, periodMs - busyMs);
}

/** A port free right now (uWS sets no SO_REUSEPORT on a port-0 listen, so the port is chosen first). */
function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer().once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as { port: number };
      probe.close(() => resolve(port));
    });
  });
}

void freePort().then((free) => listenOn(free, (port) => {
  for (let i = 1; i < k; i++) listenOn(port, () => undefined);
  console.log(`reuseport listening on http://127.0.0.1:${port} (${sockets.length} listen sockets)`);
  setTimeout(busy, periodMs - busyMs);
  process.on('SIGTERM', () => {
    for (const s of sockets) uws.us_listen_socket_close(s);
    process.exit(0);
  });
}));
