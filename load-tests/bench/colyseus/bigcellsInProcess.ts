/**
 * The Colyseus side of the big-world comparison, in process (Node 22): one
 * BigcellsColyseusRoom created through Colyseus' own matchmaker, `players`
 * clients joined through the real seat reservation and join path
 * (connectClientToRoom) on socketless clients that count the bytes the room
 * sends (bigcellsCountingClient.ts), and the same bots as tickwire's bigworld
 * bench (shared/game/cells/testBots.ts, seed 99, on the same world: seed
 * 12345, players 1..N) whose inputs enter the room's typed input buffers as a
 * decoded frame would (`capture`, after the transport's decode). Then, back to
 * back like `npm run bench:bigworld`: per tick the bots and the room's fixed
 * step, every second tick the room's broadcastPatch (onBeforePatch: mirror +
 * views; then Colyseus' per-view encode and the timed state frames).
 *
 * CPU per player is the process's CPU time over the window, minus the time
 * spent handing the bots' inputs to the buffers (tickwire's bench bypasses its
 * input path too); the bots' own steering (driveBots) is in both sides' figure.
 */
import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { loadavg, availableParallelism } from 'node:os';
import { createRequire } from 'node:module';
import { connectClientToRoom, matchMaker, Server } from '@colyseus/core';
import { WebSocketTransport } from '@colyseus/ws-transport';
import { createBots, driveBots } from '../../../shared/game/cells/testBots';
import { busyShare, readCpuTotals } from '../../target/machineLoad';
import { worldFor } from '../../bigworld/bigWorldBench';
import { BIGCELLS_INPUT_FIELDS } from './bigcellsInput';
import { cellsFingerprint, replayWithoutServer } from './bigcellsSameWorld';
import { CountingClient } from './bigcellsCountingClient';
import { BigcellsColyseusRoom, BIGCELLS_TICK_RATE } from './bigcellsRoom';
import type { BigPeerSideResult } from './bigcellsSideResult';

const TICKS_PER_PATCH = 2;
/** The bigworld bench's seeds (load-tests/bigworld/bigWorldBench.ts): the same world, the same bots. */
const WORLD_SEED = 12345;
const BOT_SEED = 99;

interface InputCapture {
  capture(client: object): void;
}

const cpuMs = (): number => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
};

function versions(): string {
  const req = createRequire(import.meta.url);
  // @colyseus/schema exports no ./package.json: read it next to its resolved entry.
  const v = (p: string) => {
    const entry = req.resolve(p);
    return (JSON.parse(readFileSync(`${entry.slice(0, entry.lastIndexOf(`/${p}/`) + p.length + 1)}/package.json`, 'utf8')) as { version: string }).version;
  };
  return `@colyseus/core ${v('@colyseus/core')}, @colyseus/schema ${v('@colyseus/schema')}`;
}

async function joinAll(players: number): Promise<{ room: BigcellsColyseusRoom; clients: CountingClient[]; stop: () => Promise<void> }> {
  const httpServer = createServer();
  const gameServer = new Server({ transport: new WebSocketTransport({ server: httpServer }), gracefullyShutdown: false, greet: false });
  gameServer.define('bigcells', BigcellsColyseusRoom);
  await gameServer.listen(0, '127.0.0.1');
  const listing = await matchMaker.createRoom('bigcells', { worldPlayers: players, maxClients: players, seed: WORLD_SEED, manualClock: true });
  const room = matchMaker.getLocalRoomById(listing.roomId) as BigcellsColyseusRoom;
  const clients: CountingClient[] = [];
  for (let i = 0; i < players; i++) {
    const seat = await matchMaker.reserveSeatFor(listing, {});
    const client = new CountingClient(seat.sessionId);
    await connectClientToRoom(room, client as never, { token: undefined, ip: '127.0.0.1', headers: new Headers() } as never, {});
    client.acknowledgeJoin();
    clients.push(client);
  }
  const stop = async () => {
    await gameServer.gracefullyShutdown(false);
  };
  return { room, clients, stop };
}

export async function runColyseusBigcells(players: number, seconds: number, warmupSeconds = 2): Promise<BigPeerSideResult> {
  const loadBefore = loadavg()[0];
  const joinStart = performance.now();
  const { room, clients, stop } = await joinAll(players);
  const joinSeconds = (performance.now() - joinStart) / 1000;
  const bots = createBots(room.sim, BOT_SEED);
  const input = (room as unknown as { _inputController: InputCapture })._inputController;
  const playerIds = clients.map((c) => room.playerIdOfSession(c.sessionId)!);

  let feedMs = 0;
  let simMs = 0;
  let patchMs = 0;
  let mirrorMs = 0;
  let viewsMs = 0;
  let areaMs = 0;
  let viewAdds = 0;
  let viewRows = 0;
  let viewSamples = 0;
  // The three parts of onBeforePatch, timed apart.
  room.onBeforePatch = () => {
    const t0 = cpuMs();
    room.mirrorWorld();
    const t1 = cpuMs();
    room.findAreas();
    const t2 = cpuMs();
    room.updateViews();
    mirrorMs += t1 - t0;
    areaMs += t2 - t1;
    viewsMs += cpuMs() - t2;
    viewAdds += room.viewAdds;
  };
  const tick = (t: number) => {
    let c0 = cpuMs();
    driveBots(room.sim, bots);
    const c1 = cpuMs();
    for (let i = 0; i < clients.length; i++) {
      const f = bots.inputs.get(playerIds[i]) as unknown as Record<string, number>;
      const into = (clients[i] as unknown as { _input: Record<string, number> })._input;
      for (const name of BIGCELLS_INPUT_FIELDS) into[name] = f[name];
      input.capture(clients[i]);
    }
    const c2 = cpuMs();
    room.step();
    const c3 = cpuMs();
    feedMs += c2 - c1;
    simMs += c1 - c0 + (c3 - c2);
    if (t % TICKS_PER_PATCH === 0) {
      c0 = cpuMs();
      room.broadcastPatch();
      patchMs += cpuMs() - c0;
      viewRows += room.averageViewSize();
      viewSamples++;
    }
  };

  const warmupTicks = warmupSeconds * BIGCELLS_TICK_RATE;
  for (let t = 1; t <= warmupTicks; t++) tick(t);
  feedMs = simMs = patchMs = mirrorMs = areaMs = viewsMs = viewAdds = viewRows = viewSamples = 0;
  const bytes0 = clients.reduce((a, c) => a + c.bytes, 0);
  const machine0 = readCpuTotals();
  const wall0 = performance.now();
  const cpu0 = cpuMs();
  const ticks = seconds * BIGCELLS_TICK_RATE;
  for (let t = warmupTicks + 1; t <= warmupTicks + ticks; t++) tick(t);
  const cpu = cpuMs() - cpu0;
  const wallSeconds = (performance.now() - wall0) / 1000;
  const machine1 = readCpuTotals();
  const bytes = clients.reduce((a, c) => a + c.bytes, 0) - bytes0;
  // After the window: the same ticks without any server must give the same world.
  const sameWorld = cellsFingerprint(room.sim) === cellsFingerprint(replayWithoutServer(players, WORLD_SEED, BOT_SEED, BIGCELLS_TICK_RATE, warmupTicks + ticks));
  await stop();

  const perPlayer = (ms: number) => ms / seconds / players;
  const machineCores = machine0 && machine1 ? busyShare(machine0, machine1) * availableParallelism() : null;
  return {
    server: 'colyseus',
    node: process.version,
    versions: versions(),
    players,
    worldSizeU: worldFor(players).worldSize,
    seconds,
    cpuMsPerSecPerPlayer: perPlayer(cpu - feedMs),
    downBytesPerClientPerSec: bytes / players / seconds,
    standingsBytesPerClientPerSec: 0,
    entitiesPerView: viewRows / Math.max(1, viewSamples),
    otherCores: machineCores === null || wallSeconds <= 0 ? null : Math.max(0, machineCores - cpu / 1000 / wallSeconds),
    loadBefore,
    loadAfter: loadavg()[0],
    split: {
      'sim+bots': perPlayer(simMs),
      'mirror (world → state maps)': perPlayer(mirrorMs),
      "area (entities in each client's area)": perPlayer(areaMs),
      'views (view.add/remove of entering/leaving)': perPlayer(viewsMs),
      'encode+send (rest of broadcastPatch)': perPlayer(patchMs - mirrorMs - areaMs - viewsMs),
      'input capture (excluded)': perPlayer(feedMs),
    },
    joinSeconds,
    viewAddsPerClientPerSec: viewAdds / players / seconds,
    sameWorld,
  };
}
