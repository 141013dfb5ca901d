/**
 * The one place a Redis client is created (keys.md): node-redis core
 * (`@redis/client`), chosen for its maintained RESP3 client with typed
 * commands and no module baggage. Modules that use Redis take the client
 * injected, so tests hand them their own.
 *
 * Failure policy: the offline queue is disabled, so while Redis is away every
 * command rejects at once (a clear, countable error) instead of piling up in
 * memory; the socket reconnects by itself with a capped backoff, and `onReady`
 * listeners resync what this node holds once it is back.
 */
import { createClient } from '@redis/client';
import type { Logger } from '../logger';

/** Reconnect backoff: 50 ms, 100 ms, … capped at this. */
const MAX_RECONNECT_DELAY_MS = 1000;
/** How long one connect attempt may take before it counts as failed. */
const CONNECT_TIMEOUT_MS = 2000;

function createRedisClient(url: string) {
  return createClient({
    url,
    disableOfflineQueue: true,
    socket: {
      connectTimeout: CONNECT_TIMEOUT_MS,
      reconnectStrategy: (retries: number) => Math.min(50 * (retries + 1), MAX_RECONNECT_DELAY_MS),
    },
  });
}

export type RedisClient = ReturnType<typeof createRedisClient>;


export interface RedisConnection {
  readonly client: RedisClient;
  /** True while commands can be sent. */
  readonly isReady: () => boolean;
  /** Called on every (re)connection, the first included: resync here. */
  onReady(listener: () => void): void;
  /** Connection-level errors seen (socket errors, failed reconnects). */
  readonly errorCount: () => number;
  close(): Promise<void>;
}

/**
 * Connect to `url` without waiting: a node starts (and its rooms play) while
 * Redis is still unreachable, and joins the cluster when it answers.
 */
export function openRedisConnection(url: string, log: Logger): RedisConnection {
  const client = createRedisClient(url);
  const listeners: (() => void)[] = [];
  let errors = 0;
  let lastErrorLogMs = 0;
  client.on('error', (err: Error) => {
    errors++;
    // A stopped Redis yields one error per reconnect attempt: log at most one per 5 s.
    const t = Date.now();
    if (t - lastErrorLogMs > 5000) {
      lastErrorLogMs = t;
      log.warn({ err: err.message, errors }, 'redis connection error');
    }
  });
  client.on('ready', () => {
    log.info('redis connection ready');
    for (const l of listeners) l();
  });
  client.connect().catch((err: unknown) => {
    // Only a non-retriable failure lands here (e.g. a malformed URL); retriable ones reconnect.
    errors++;
    log.error({ err: err instanceof Error ? err.message : String(err) }, 'redis connect failed');
  });
  return {
    client,
    isReady: () => client.isReady,
    onReady: (l) => listeners.push(l),
    errorCount: () => errors,
    async close() {
      if (client.isReady) await client.close();
      else client.destroy();
    },
  };
}
