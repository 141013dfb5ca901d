/**
 * The server's join path in process (issue 14, item 4), in CPU time so that a
 * busy machine changes it little: quick-play resolve + Room.join (member,
 * session token, seat quota, the Welcome) for N joins into 10-player arena
 * rooms (a room created every 10 joins, as in a storm), and the Welcome's
 * encoding alone, generic (encodeServerMessage of the whole body) against
 * WelcomeFrame (descriptor and room fields encoded once). The uWS handshake
 * and the socket writes are not in these figures (a raw uWS handshake costs
 * ~25 µs here, issue 14); `npm run load -- connect` measures the whole.
 */
import { arena } from '../../shared/game/arena/arena';
import { Opcode, PROTOCOL_VERSION } from '../../shared/protocol/constants';
import { encodeServerMessage } from '../../shared/protocol/frameCodec';
import { GameCodec } from '../../shared/protocol/gameCodec';
import { DEFAULT_CONFIG } from '../../server/config';
import { GameCatalog } from '../../server/games/gameCatalog';
import { createLogger } from '../../server/logger';
import { InMemoryRoomDirectory } from '../../server/rooms/roomDirectory';
import { RoomHost } from '../../server/rooms/roomHost';
import { WelcomeFrame } from '../../server/rooms/welcomeFrame';
import { ServerStats } from '../../server/serverStats';
import { InMemorySessionStore } from '../../server/sessions/sessionStore';
import { FakeLink } from '../../tests/support/fakeLink';

export interface JoinPathResult {
  joins: number;
  /** CPU µs per join: resolve + Room.join + Welcome encode (+ the fake link's copy). */
  joinCpuUs: number;
  welcomeGenericCpuUs: number;
  welcomeFrameCpuUs: number;
  welcomeBytes: number;
}

function cpuUs(run: () => void): number {
  const t0 = process.cpuUsage();
  run();
  const d = process.cpuUsage(t0);
  return d.user + d.system;
}

function joinCpuUs(joins: number): number {
  const config = { ...DEFAULT_CONFIG, maxRooms: Math.ceil(joins / 10) + 10, maxSeatsPerAddress: joins, quotaExempt: [] };
  const host = new RoomHost(config, new GameCatalog([arena]), new InMemoryRoomDirectory(), new InMemorySessionStore(), new ServerStats(), createLogger('silent'));
  let failures = 0;
  const us = cpuUs(() => {
    for (let i = 0; i < joins; i++) {
      const room = host.resolve({ kind: 'quick' }, 0);
      if (typeof room !== 'object' || typeof room.join(new FakeLink(), `bot ${i}`, false, `10.0.${i >> 8}.${i & 255}`) === 'number') failures++;
    }
  });
  if (failures > 0) throw new Error(`joinPathBench: ${failures} of ${joins} joins refused`);
  return us / joins;
}

function welcomeCpuUs(encodes: number): { generic: number; frame: number; bytes: number } {
  const codec = new GameCodec(arena);
  const room = { v: PROTOCOL_VERSION, roomId: 'abc123', roomName: 'Arena 1', seed: 42, tickRate: 60, snapshotRate: 30, maxPlayers: 10, maxInputRate: 120 };
  const joiner = (i: number) => ({
    playerId: 1 + (i % 10),
    serverTick: i,
    resume: 'A'.repeat(43),
    resumed: false,
    players: Array.from({ length: i % 10 }, (_, k) => ({ id: k + 1, name: `bot ${k}` })),
  });
  let bytes = 0;
  const generic = cpuUs(() => {
    for (let i = 0; i < encodes; i++) {
      bytes = encodeServerMessage({ op: Opcode.Welcome, body: { ...room, ...joiner(i), game: codec.descriptor as never, gameHash: codec.hash } }).length;
    }
  });
  const welcome = new WelcomeFrame(codec, room);
  const frame = cpuUs(() => {
    for (let i = 0; i < encodes; i++) welcome.encode(joiner(i));
  });
  return { generic: generic / encodes, frame: frame / encodes, bytes };
}

export function runJoinPathBench(joins: number): JoinPathResult {
  joinCpuUs(Math.min(joins, 1000)); // warm-up (JIT)
  const w = welcomeCpuUs(joins);
  return { joins, joinCpuUs: joinCpuUs(joins), welcomeGenericCpuUs: w.generic, welcomeFrameCpuUs: w.frame, welcomeBytes: w.bytes };
}
