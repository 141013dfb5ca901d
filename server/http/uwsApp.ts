/**
 * The one uWS app of a process (HTTP and WebSocket on one port) and its
 * listen sockets. Everything else reaches uWS only through http/ and ws/.
 *
 * uSockets listens with a fixed backlog of 512 per socket; a connection storm
 * overflows that queue whenever the event loop is away for ~50 ms (a tick, a
 * send pass). Several SO_REUSEPORT listen sockets on the port give the kernel
 * K × 512 slots, but a reuse-port port is one any process of the same user can
 * silently join. So a busy port stays an error in three steps:
 *
 *   probe: listen exclusively (fails: the port is in use) ─▶ close the probe
 *   listen K times with SO_REUSEPORT on the port the probe got
 *   check the kernel's tables: a listen socket on the port that is not ours
 *     (a process that bound between the probe and our listens) ─▶ close ours, fail
 *
 * Two servers racing through the probe both see each other in the check and at
 * least the later one fails; a later non-tickwire process that binds with
 * SO_REUSEPORT on purpose is not seen (what LIBUS_LISTEN_EXCLUSIVE_PORT alone
 * prevented). Where the tables cannot be read (not Linux), one exclusive socket.
 */
import type { TemplatedApp, us_listen_socket } from 'uWebSockets.js';
import { canReadListeners, listenersOn } from './portListeners';
import { loadUws } from './uwsLoader';

/** uWS ListenOptions (a type-only enum in its .d.ts): DEFAULT sets SO_REUSEPORT, EXCLUSIVE_PORT does not. */
export const LIBUS_LISTEN_DEFAULT = 0;
const LIBUS_LISTEN_EXCLUSIVE_PORT = 1;

export interface Listening {
  /** The port bound (the chosen one when asked for 0). */
  readonly port: number;
  /** Listen sockets (accept queues) on the port. */
  readonly sockets: number;
  /** Stop accepting: close the listen sockets (open connections stay). */
  closeListenSocket(): void;
}

export type ListenErrorCode = 'port-in-use' | 'port-shared';

export class ListenError extends Error {
  constructor(
    readonly code: ListenErrorCode,
    message: string,
    /** The port was free at the probe and taken before or during our listens (the race). */
    readonly afterProbe: boolean,
  ) {
    super(message);
  }
}

export interface ListenOptions {
  /** Listen sockets to open (accept queues of 512 each); 1 = one exclusive socket. */
  sockets?: number;
  /** Tests only: runs between the probe and the reuse-port listens (where another process could bind). */
  afterProbe?: (port: number) => Promise<void>;
}

export function createApp(): TemplatedApp {
  return loadUws().App();
}

/** Listen once with uWS `options`; the listen socket, or null when the port could not be bound. */
export function listenOnce(app: TemplatedApp, host: string, port: number, options: number): us_listen_socket | null {
  const listen = app.listen as unknown as (host: string, port: number, options: number, cb: (s: us_listen_socket | false) => void) => void;
  let socket: us_listen_socket | null = null;
  // uWS binds and calls back before listen() returns.
  listen.call(app, host, port, options, (s) => {
    socket = s || null;
  });
  return socket;
}

export function localPort(socket: us_listen_socket): number {
  const uws = loadUws();
  return uws.us_socket_local_port(socket as unknown as Parameters<typeof uws.us_socket_local_port>[0]);
}

export function listeningOn(port: number, sockets: readonly us_listen_socket[]): Listening {
  const uws = loadUws();
  return { port, sockets: sockets.length, closeListenSocket: () => sockets.forEach((s) => uws.us_listen_socket_close(s)) };
}

/**
 * Listen on host:port, refusing a port another process holds (see the top of
 * this file). Without LIBUS_LISTEN_EXCLUSIVE_PORT or the check, uWS shares a
 * busy port with another uWS process (SO_REUSEPORT) and the two silently split
 * the connections.
 */
export async function listenExclusive(app: TemplatedApp, host: string, port: number, opts: ListenOptions = {}): Promise<Listening> {
  // Port 0: a port taken between our probe and our listens was the kernel's choice, not the operator's: choose again.
  for (let attempt = 1; ; attempt++) {
    try {
      return await listenOn(app, host, port, opts);
    } catch (err) {
      if (port !== 0 || attempt >= PORT_ZERO_ATTEMPTS || !(err instanceof ListenError) || !err.afterProbe) throw err;
    }
  }
}

/** Port 0 only: how often to choose a port again when another process took the chosen one before our listens. */
const PORT_ZERO_ATTEMPTS = 3;

async function listenOn(app: TemplatedApp, host: string, port: number, opts: ListenOptions): Promise<Listening> {
  const inUse = (afterProbe: boolean) =>
    new ListenError('port-in-use', `port ${port} on ${host} is already in use (or the address is not available here)`, afterProbe);
  const probe = listenOnce(app, host, port, LIBUS_LISTEN_EXCLUSIVE_PORT);
  if (!probe) throw inUse(false);
  const chosen = localPort(probe);
  const wanted = opts.sockets ?? 1;
  if (wanted <= 1 || !canReadListeners()) return listeningOn(chosen, [probe]);
  loadUws().us_listen_socket_close(probe);
  await opts.afterProbe?.(chosen);
  const sockets: us_listen_socket[] = [];
  for (let i = 0; i < wanted; i++) {
    const s = listenOnce(app, host, chosen, LIBUS_LISTEN_DEFAULT);
    if (s) sockets.push(s);
  }
  const listening = listeningOn(chosen, sockets);
  const seen = listenersOn(chosen);
  if (sockets.length < wanted || (seen !== null && seen.foreign > 0)) {
    listening.closeListenSocket();
    if (sockets.length < wanted) throw inUse(true);
    throw new ListenError(
      'port-shared',
      `port ${chosen} on ${host} is already in use: another process started listening on it while this server did (${seen!.foreign} socket(s) not ours)`,
      true,
    );
  }
  return listening;
}
