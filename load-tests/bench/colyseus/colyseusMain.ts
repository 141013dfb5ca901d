/**
 * A Colyseus 0.16 server hosting the arena (peer benchmark). Prints
 * `colyseus listening on ws://HOST:PORT stats http://HOST:PORT2`; the stats
 * endpoint returns (and resets) the room timings as JSON.
 *
 *   node --import tsx load-tests/bench/colyseus/colyseusMain.ts [--room-size 10]
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Server } from '@colyseus/core';
import { WebSocketTransport } from '@colyseus/ws-transport';
import { ArenaColyseusRoom } from './arenaRoom';
import { roomTimings } from './roomTimings';

async function main(): Promise<void> {
  const sizeAt = process.argv.indexOf('--room-size');
  const roomSize = sizeAt > 0 ? Number(process.argv[sizeAt + 1]) : 10;
  const httpServer = createServer();
  const gameServer = new Server({ transport: new WebSocketTransport({ server: httpServer }), greet: false });
  gameServer.define('arena', ArenaColyseusRoom, { maxClients: roomSize });
  await gameServer.listen(0, '127.0.0.1');
  const port = (httpServer.address() as AddressInfo).port;

  const stats = createServer((req, res) => {
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(JSON.stringify(roomTimings.take()));
  });
  await new Promise<void>((r) => stats.listen(0, '127.0.0.1', r));
  const statsPort = (stats.address() as AddressInfo).port;
  console.log(`colyseus listening on ws://127.0.0.1:${port} stats http://127.0.0.1:${statsPort}`);
  process.on('SIGTERM', () => {
    stats.close();
    void gameServer.gracefullyShutdown(false).then(() => process.exit(0));
  });
}

main().catch((err: unknown) => {
  console.error('colyseus bench server failed:', err);
  process.exit(1);
});
