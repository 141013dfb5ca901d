/**
 * What periodic checkpoints cost the tick: `npx tsx tests/mobility/checkpointCost.ts`.
 * 20 arena rooms × 10 players (200 players) stepping at 30 Hz with random inputs
 * applied to the state; per room: a checkpoint's encode time and size; per tick:
 * the tick's time without checkpoints vs with every room checkpointed once per
 * second (spread as CheckpointScheduler spreads them), measured in the same run.
 * The Redis write is not in the tick (fire-and-forget), so a null store is used.
 */
import { performance } from 'node:perf_hooks';
import { registeredGames } from '../../shared/game/registry';
import { CheckpointScheduler } from '../../server/cluster/mobility/checkpointScheduler';
import { encodeCheckpoint } from '../../server/cluster/mobility/checkpointCodec';
import type { MobilityStore } from '../../server/cluster/mobility/mobilityStore';
import { captureCheckpoint } from '../../server/cluster/mobility/roomCheckpoint';
import { DEFAULT_CONFIG } from '../../server/config';
import { GameCatalog } from '../../server/games/gameCatalog';
import { createLogger } from '../../server/logger';
import { InMemoryRoomDirectory } from '../../server/rooms/roomDirectory';
import { RoomHost } from '../../server/rooms/roomHost';
import type { Room } from '../../server/rooms/room';
import { ServerStats } from '../../server/serverStats';
import { InMemorySessionStore } from '../../server/sessions/sessionStore';
import { FakeLink } from '../support/fakeLink';

const ROOMS = 20;
const PER_ROOM = 10;
const TICK_RATE = 30;
const SECONDS = 20;

const nullStore: MobilityStore = {
  putCheckpoint: async () => undefined,
  getCheckpoint: async () => null,
  dropCheckpoint: async () => undefined,
  setHolder: async () => undefined,
  holders: async () => new Map(),
  presenceOf: async () => [],
  liveNodes: async () => [],
  claim: async () => false,
  publish: async () => undefined,
};

const arena = registeredGames.find((g) => g.name === 'arena')!;
const host = new RoomHost({ ...DEFAULT_CONFIG, tickRate: TICK_RATE }, new GameCatalog([arena]), new InMemoryRoomDirectory(), new InMemorySessionStore(), new ServerStats(), createLogger('silent'));
const rooms: Room[] = [];
for (let r = 0; r < ROOMS; r++) {
  const room = host.create({ game: 'arena' }, 0) as Room;
  for (let p = 0; p < PER_ROOM; p++) room.join(new FakeLink(), `p${p}`, false);
  rooms.push(room);
}

let lastStats: CheckpointScheduler['stats'] | null = null;
function run(withCheckpoints: boolean): number[] {
  const scheduler = new CheckpointScheduler(host, nullStore, { nodeId: 'bench', intervalMs: 1000, ttlMs: 30_000, maxInFlight: 10_000 }, createLogger('silent'));
  const tickMs: number[] = [];
  for (let t = 0; t < SECONDS * TICK_RATE; t++) {
    const nowMs = (t * 1000) / TICK_RATE;
    const started = performance.now();
    host.stepAll(nowMs);
    if (withCheckpoints) scheduler.afterTick(nowMs);
    tickMs.push(performance.now() - started);
  }
  if (withCheckpoints) lastStats = scheduler.stats;
  return tickMs;
}

const mean = (v: number[]) => v.reduce((a, b) => a + b, 0) / v.length;
// Warm up, then alternate so that machine load hits both alike.
run(true);
const without: number[] = [];
const withCk: number[] = [];
for (let i = 0; i < 3; i++) {
  without.push(...run(false));
  withCk.push(...run(true));
}
const encodeUs: number[] = [];
const sizes: number[] = [];
for (const room of rooms) {
  const started = performance.now();
  const bytes = encodeCheckpoint(captureCheckpoint(room, host.games.get('arena')!, { holder: 'bench', nowMs: 0, epochNowMs: Date.now(), sessionGraceMs: 15_000 }));
  encodeUs.push((performance.now() - started) * 1000);
  sizes.push(bytes.length);
}
console.log(`rooms ${ROOMS} × ${PER_ROOM} players, ${TICK_RATE} Hz, checkpoint every 1000 ms per room`);
console.log(`checkpoint of a 10-player arena room: ${mean(sizes).toFixed(0)} bytes, capture+encode ${mean(encodeUs).toFixed(1)} µs (mean of ${rooms.length})`);
console.log(`tick without checkpoints: ${(mean(without) * 1000).toFixed(1)} µs; with: ${(mean(withCk) * 1000).toFixed(1)} µs; ` +
  `added per tick ${((mean(withCk) - mean(without)) * 1000).toFixed(1)} µs (${(((mean(withCk) - mean(without)) / mean(without)) * 100).toFixed(1)} %)`);
const st = lastStats!;
console.log(`scheduler's own count (last run): ${st.encodeTicks} of ${SECONDS * TICK_RATE} ticks encoded a checkpoint, ${((st.encodeMsTotal / st.encodeTicks) * 1000).toFixed(1)} µs mean on those, ` +
  `max ${(st.encodeMsMax * 1000).toFixed(0)} µs; ${((st.encodeMsTotal / (SECONDS * TICK_RATE)) * 1000).toFixed(1)} µs per tick on average`);
