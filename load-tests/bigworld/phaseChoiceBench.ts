/**
 * Should rooms without interest management (the arena: 10 players, one view
 * for all) spread their viewers over the snapshot interval too? Their
 * viewers share one capture and one encode per baseline; the snapshot ring
 * is the room's, and an ack names a snapshot by ⌊tick ÷ every⌋ mod 64, which
 * cannot tell the two phases' snapshots apart, so spreading them would need
 * one ring (one ViewGroups) per phase. This drives 10-player arena rooms both
 * ways through the real ViewGroups (every viewer acknowledging its previous
 * snapshot) and prints CPU per player and per tick, captures+encodes and bytes.
 *
 * `npx tsx load-tests/bigworld/phaseChoiceBench.ts [--rooms 50] [--seconds 5]`
 * Figures: docs/BIG-WORLDS.md, "Which rooms are phased".
 */
import type { InterestRecipient } from '../../server/interest/interestBroadcaster';
import { CountingLink } from './countingLink';
import type { BackpressurePolicy } from '../../server/rooms/snapshotBroadcaster';
import { ViewGroups } from '../../server/rooms/viewGroups';
import { ServerStats } from '../../server/serverStats';
import type { AnyGame, TickInput } from '../../shared/engine/gameDefinition';
import { arena } from '../../shared/game/arena';
import { GameCodec } from '../../shared/protocol/gameCodec';

const TICK_RATE = 60;
const EVERY = 2;
const POLICY: BackpressurePolicy = { skipBytes: 1 << 30, slowCloseMs: 5000, fullSnapshotIntervalMs: 1000 };
const PLAYERS = 10;

function recipient(id: number): InterestRecipient & { link: CountingLink; lastAckedTick: number } {
  return { link: new CountingLink(), viewer: { playerId: id, focus: id, x: 0, y: 0 }, viewGroup: -1, ackTick: 0, lastAckedTick: 0, lastFullAtMs: -Infinity, lastFullTick: 0, backedUpSinceMs: 0, lastAppliedSeq: 0 };
}

interface Result {
  cpuMsPerSecPerPlayer: number;
  encodesPerSec: number;
  downBytesPerClientPerSec: number;
}

function run(rooms: number, seconds: number, phases: number): Result {
  const game = arena as unknown as AnyGame;
  const codec = new GameCodec(game);
  const stats = new ServerStats();
  const all = Array.from({ length: rooms }, (_, r) => {
    const state = game.createState(r + 1, { tickRate: TICK_RATE });
    const viewers = Array.from({ length: PLAYERS }, (_, i) => recipient(i + 1));
    for (const v of viewers) game.addPlayer(state, v.viewer.playerId);
    // One ViewGroups (one ring) per phase; viewer i on phase i mod phases.
    const views = Array.from({ length: phases }, () => new ViewGroups(game, codec.layout, 32, POLICY, stats, EVERY));
    return { state, viewers, views, phase: r % EVERY };
  });
  const inputs = new Map<number, TickInput>();
  const warm = 60;
  const total = warm + seconds * TICK_RATE;
  let cpu0 = process.cpuUsage();
  let encodes0 = 0;
  let bytes0 = 0;
  const bytes = () => all.reduce((a, room) => a + room.viewers.reduce((b, v) => b + v.link.bytes, 0), 0);
  for (let t = 1; t <= total; t++) {
    if (t === warm + 1) {
      cpu0 = process.cpuUsage();
      encodes0 = stats.snapshotsEncoded;
      bytes0 = bytes();
    }
    for (const room of all) {
      inputs.clear();
      for (const v of room.viewers) {
        const id = v.viewer.playerId;
        // Walk in a slowly turning direction and fire now and then: the arena bots' kind of input.
        inputs.set(id, { buttons: (((t >> 5) + id) & 15) | (((t + id) & 31) === 0 ? 16 : 0), aim: (t * 3 + id * 40) & 255, viewTick: Math.max(0, t - 6) } as TickInput);
      }
      game.step(room.state, inputs);
      const tick = game.tickOf(room.state);
      for (const v of room.viewers) if (v.link.lastTick > 0) v.ackTick = v.lastAckedTick = v.link.lastTick;
      for (let p = 0; p < phases; p++) {
        if ((tick + p) % EVERY !== room.phase) continue;
        room.views[p].broadcast(room.state, room.viewers.filter((_, i) => i % phases === p), tick, (t * 1000) / TICK_RATE, []);
      }
    }
  }
  const cpu = process.cpuUsage(cpu0);
  return {
    cpuMsPerSecPerPlayer: (cpu.user + cpu.system) / 1000 / seconds / (rooms * PLAYERS),
    encodesPerSec: (stats.snapshotsEncoded - encodes0) / seconds / rooms,
    downBytesPerClientPerSec: (bytes() - bytes0) / seconds / (rooms * PLAYERS),
  };
}

function main(): void {
  const argv = process.argv.slice(2);
  const arg = (name: string, dflt: number) => {
    const i = argv.indexOf(name);
    return i >= 0 ? Number(argv[i + 1]) : dflt;
  };
  const rooms = arg('--rooms', 50);
  const seconds = arg('--seconds', 5);
  for (let round = 0; round < 2; round++) {
    for (const phases of [1, EVERY]) {
      const r = run(rooms, seconds, phases);
      process.stdout.write(
        `arena ${rooms} rooms × ${PLAYERS}, ${phases === 1 ? 'one snapshot tick      ' : `viewers over ${phases} phases`}: ` +
          `${r.cpuMsPerSecPerPlayer.toFixed(3)} ms/s CPU per player (simulation included), ${r.encodesPerSec.toFixed(1)} encodes/s per room, ${Math.round(r.downBytesPerClientPerSec)} B/s per client\n`,
      );
    }
  }
}

main();
