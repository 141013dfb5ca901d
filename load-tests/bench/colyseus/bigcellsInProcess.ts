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
 * step, every second tick the room's broadcastPatch (onBeforePatch: mirror,
 * area search, view add/remove; then Colyseus' per-view encode and the timed
 * state frames).
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
import { createBots, driveBots, type Bots } from '../../../shared/game/cells/testBots';
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

/** CPU ms per part of the work since the last reset, and view counters. */
class PartTimes {
  sim = 0;
  feed = 0;
  patch = 0;
  mirror = 0;
  area = 0;
  views = 0;
  viewAdds = 0;
  viewRows = 0;
  viewSamples = 0;

  reset(): void {
    this.sim = this.feed = this.patch = this.mirror = this.area = this.views = 0;
    this.viewAdds = this.viewRows = this.viewSamples = 0;
  }
}

/** Drives the room tick by tick: bots, inputs into the typed buffers, the fixed step, a patch every second tick. */
class BigcellsDriver {
  readonly times = new PartTimes();
  private readonly bots: Bots;
  private readonly input: InputCapture;
  private readonly playerIds: number[];

  constructor(
    private readonly room: BigcellsColyseusRoom,
    private readonly clients: readonly CountingClient[],
  ) {
    this.bots = createBots(room.sim, BOT_SEED);
    this.input = (room as unknown as { _inputController: InputCapture })._inputController;
    this.playerIds = clients.map((c) => room.playerIdOfSession(c.sessionId)!);
    // The three parts of onBeforePatch, timed apart.
    room.onBeforePatch = () => {
      const t0 = cpuMs();
      room.mirrorWorld();
      const t1 = cpuMs();
      room.findAreas();
      const t2 = cpuMs();
      room.updateViews();
      this.times.mirror += t1 - t0;
      this.times.area += t2 - t1;
      this.times.views += cpuMs() - t2;
      this.times.viewAdds += room.viewAdds;
    };
  }

  tick(t: number): void {
    const times = this.times;
    const c0 = cpuMs();
    driveBots(this.room.sim, this.bots);
    const c1 = cpuMs();
    this.feedInputs();
    const c2 = cpuMs();
    this.room.step();
    const c3 = cpuMs();
    times.feed += c2 - c1;
    times.sim += c1 - c0 + (c3 - c2);
    if (t % TICKS_PER_PATCH !== 0) return;
    const c4 = cpuMs();
    this.room.broadcastPatch();
    times.patch += cpuMs() - c4;
    times.viewRows += this.room.averageViewSize();
    times.viewSamples++;
  }

  /** What the transport does after decoding an input frame: fill the client's input, then `capture` it. */
  private feedInputs(): void {
    for (let i = 0; i < this.clients.length; i++) {
      const f = this.bots.inputs.get(this.playerIds[i]) as unknown as Record<string, number>;
      const into = (this.clients[i] as unknown as { _input: Record<string, number> })._input;
      for (const name of BIGCELLS_INPUT_FIELDS) into[name] = f[name];
      this.input.capture(this.clients[i]);
    }
  }
}

interface Window {
  cpuMs: number;
  wallSeconds: number;
  bytes: number;
  machineCores: number | null;
}

/** Run `ticks` ticks and measure them: process CPU, wall time, bytes sent, the whole machine's busy cores. */
function measure(driver: BigcellsDriver, clients: readonly CountingClient[], firstTick: number, ticks: number): Window {
  driver.times.reset();
  const bytes0 = clients.reduce((a, c) => a + c.bytes, 0);
  const machine0 = readCpuTotals();
  const wall0 = performance.now();
  const cpu0 = cpuMs();
  for (let t = firstTick; t < firstTick + ticks; t++) driver.tick(t);
  const cpu = cpuMs() - cpu0;
  const wallSeconds = (performance.now() - wall0) / 1000;
  const machine1 = readCpuTotals();
  return {
    cpuMs: cpu,
    wallSeconds,
    bytes: clients.reduce((a, c) => a + c.bytes, 0) - bytes0,
    machineCores: machine0 && machine1 ? busyShare(machine0, machine1) * availableParallelism() : null,
  };
}

export async function runColyseusBigcells(players: number, seconds: number, warmupSeconds = 2): Promise<BigPeerSideResult> {
  const loadBefore = loadavg()[0];
  const joinStart = performance.now();
  const { room, clients, stop } = await joinAll(players);
  const joinSeconds = (performance.now() - joinStart) / 1000;
  const driver = new BigcellsDriver(room, clients);
  const warmupTicks = warmupSeconds * BIGCELLS_TICK_RATE;
  for (let t = 1; t <= warmupTicks; t++) driver.tick(t);
  const ticks = seconds * BIGCELLS_TICK_RATE;
  const w = measure(driver, clients, warmupTicks + 1, ticks);
  // After the window: the same ticks without any server must give the same world.
  const sameWorld = cellsFingerprint(room.sim) === cellsFingerprint(replayWithoutServer(players, WORLD_SEED, BOT_SEED, BIGCELLS_TICK_RATE, warmupTicks + ticks));
  await stop();

  const times = driver.times;
  const perPlayer = (ms: number) => ms / seconds / players;
  return {
    server: 'colyseus',
    node: process.version,
    versions: versions(),
    players,
    worldSizeU: worldFor(players).worldSize,
    seconds,
    cpuMsPerSecPerPlayer: perPlayer(w.cpuMs - times.feed),
    downBytesPerClientPerSec: w.bytes / players / seconds,
    standingsBytesPerClientPerSec: 0,
    entitiesPerView: times.viewRows / Math.max(1, times.viewSamples),
    otherCores: w.machineCores === null || w.wallSeconds <= 0 ? null : Math.max(0, w.machineCores - w.cpuMs / 1000 / w.wallSeconds),
    loadBefore,
    loadAfter: loadavg()[0],
    split: {
      'sim+bots': perPlayer(times.sim),
      'mirror (world → state maps)': perPlayer(times.mirror),
      "area (entities in each client's area)": perPlayer(times.area),
      'views (view.add/remove of entering/leaving)': perPlayer(times.views),
      'encode+send (rest of broadcastPatch)': perPlayer(times.patch - times.mirror - times.area - times.views),
      'input capture (excluded)': perPlayer(times.feed),
    },
    joinSeconds,
    viewAddsPerClientPerSec: times.viewAdds / players / seconds,
    sameWorld,
  };
}
