/**
 * A tickwire node in a cluster, as a separate process, for the mobility tests:
 *   node --import tsx tests/mobility/support/mobilityNode.ts --redis URL --node-id ID [server flags…]
 * It starts the server with room mobility and stands in for the cluster
 * core's presence heartbeat (tw:node:<id> per the cluster key conventions:
 * JSON, PX 3 × heartbeat, draining: true once SIGTERM arrives) until that
 * lands on this branch. SIGTERM drains (rooms hand over), then exits 0.
 */
import { createClient } from '@redis/client';
import { loadConfig } from '../../../server/config';
import { createLogger } from '../../../server/logger';
import { startServer } from '../../../server/startServer';

const HEARTBEAT_MS = 500;

function takeFlag(argv: string[], flag: string): string {
  const i = argv.indexOf(flag);
  if (i < 0 || i + 1 >= argv.length) throw new Error(`mobilityNode: ${flag} is required`);
  return argv.splice(i, 2)[1];
}

async function main(): Promise<void> {
  const argv = process.argv.slice(2);
  const redisUrl = takeFlag(argv, '--redis');
  const nodeId = takeFlag(argv, '--node-id');
  const config = loadConfig(process.env, argv);
  const log = createLogger(config.logLevel);
  const redis = createClient({ url: redisUrl });
  redis.on('error', (err: Error) => log.warn({ err: err.message }, 'redis error'));
  await redis.connect();
  const server = await startServer(config, { log, mobility: { redis, nodeId, failoverPollMs: HEARTBEAT_MS } });
  const startedAtMs = Date.now();
  let draining = false;
  const beat = async () => {
    const presence = { nodeId, url: server.url, startedAtMs, rooms: server.host.directory.size, players: server.host.playerCount, draining };
    await redis.multi().set(`tw:node:${nodeId}`, JSON.stringify(presence), { expiration: { type: 'PX', value: 3 * HEARTBEAT_MS } }).sAdd('tw:nodes', nodeId).exec();
  };
  await beat();
  const timer = setInterval(() => void beat().catch((err: unknown) => log.warn({ err: (err as Error).message }, 'heartbeat failed')), HEARTBEAT_MS);
  console.log(`tickwire listening on ${server.url}`);

  process.on('SIGTERM', () => {
    draining = true;
    setTimeout(() => process.exit(0), config.shutdownTimeoutMs + 5000).unref();
    void (async () => {
      await beat();
      await server.stop();
      clearInterval(timer);
      await redis.del(`tw:node:${nodeId}`);
      await redis.close();
      process.exit(0);
    })();
  });
}

main().catch((err: unknown) => {
  console.error('mobilityNode: failed:', err);
  process.exit(1);
});
