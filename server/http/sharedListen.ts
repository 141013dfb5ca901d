/**
 * A second listen socket on a port several worker processes share
 * (SO_REUSEPORT, uWS's default without LIBUS_LISTEN_EXCLUSIVE_PORT): the
 * kernel spreads new connections across the workers. Used only by
 * `--workers`, whose primary checked the port was free first.
 */
import type { TemplatedApp, us_listen_socket } from 'uWebSockets.js';
import type { Listening } from './uwsApp';
import { loadUws } from './uwsLoader';

/** uWS ListenOptions.LIBUS_LISTEN_DEFAULT: SO_REUSEPORT on. */
const LIBUS_LISTEN_DEFAULT = 0;

export function listenShared(app: TemplatedApp, host: string, port: number): Promise<Listening> {
  const uws = loadUws();
  return new Promise<Listening>((resolve, reject) => {
    const listen = app.listen as unknown as (host: string, port: number, options: number, cb: (s: us_listen_socket | false) => void) => void;
    listen.call(app, host, port, LIBUS_LISTEN_DEFAULT, (socket) => {
      if (!socket) return reject(new Error(`cannot share port ${port} on ${host}`));
      resolve({ port, closeListenSocket: () => uws.us_listen_socket_close(socket) });
    });
  });
}
