/**
 * Listen sockets on a port several worker processes share (SO_REUSEPORT,
 * uWS's default without LIBUS_LISTEN_EXCLUSIVE_PORT): the kernel spreads new
 * connections across every socket of every worker. Used only by `--workers`,
 * whose primary checked the port was free first.
 */
import type { TemplatedApp, us_listen_socket } from 'uWebSockets.js';
import { LIBUS_LISTEN_DEFAULT, listeningOn, listenOnce, type Listening } from './uwsApp';

/** `sockets` listen sockets (accept queues of 512 each) of this worker on the shared port. */
export function listenShared(app: TemplatedApp, host: string, port: number, sockets = 1): Promise<Listening> {
  const opened: us_listen_socket[] = [];
  for (let i = 0; i < sockets; i++) {
    const s = listenOnce(app, host, port, LIBUS_LISTEN_DEFAULT);
    if (!s) {
      listeningOn(port, opened).closeListenSocket();
      return Promise.reject(new Error(`cannot share port ${port} on ${host}`));
    }
    opened.push(s);
  }
  return Promise.resolve(listeningOn(port, opened));
}
