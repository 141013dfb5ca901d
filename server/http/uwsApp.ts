/**
 * The one uWS app of a process (HTTP and WebSocket on one port) and its
 * exclusive listen socket. Everything else reaches uWS only through http/
 * and ws/.
 */
import type { TemplatedApp, us_listen_socket } from 'uWebSockets.js';
import { loadUws } from './uwsLoader';

/** uWS ListenOptions.LIBUS_LISTEN_EXCLUSIVE_PORT (a type-only enum in its .d.ts, 1 at runtime). */
const LIBUS_LISTEN_EXCLUSIVE_PORT = 1;

export interface Listening {
  /** The port bound (the chosen one when asked for 0). */
  readonly port: number;
  /** Stop accepting: close the listen socket (open connections stay). */
  closeListenSocket(): void;
}

export function createApp(): TemplatedApp {
  return loadUws().App();
}

/**
 * Listen on host:port, refusing a port another process holds. Without
 * LIBUS_LISTEN_EXCLUSIVE_PORT uWS shares a busy port with another uWS process
 * (SO_REUSEPORT) and the two silently split the connections.
 */
export function listenExclusive(app: TemplatedApp, host: string, port: number): Promise<Listening> {
  const uws = loadUws();
  return new Promise<Listening>((resolve, reject) => {
    const listen = app.listen as unknown as (host: string, port: number, options: number, cb: (s: us_listen_socket | false) => void) => void;
    listen.call(app, host, port, LIBUS_LISTEN_EXCLUSIVE_PORT, (socket) => {
      if (!socket) return reject(new Error(`port ${port} on ${host} is already in use (or the address is not available here)`));
      resolve({
        port: uws.us_socket_local_port(socket as unknown as Parameters<typeof uws.us_socket_local_port>[0]),
        closeListenSocket: () => uws.us_listen_socket_close(socket),
      });
    });
  });
}
