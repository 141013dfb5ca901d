/**
 * What recording costs, two ways, on a real Room (real Input frames,
 * snapshots encoded for every member over fake links) playing a match of
 * each game:
 *
 * - in place: the room's ticks timed with and without the recorder attached,
 *   alternating runs, the fastest of each kept (this machine is shared, so
 *   wall times carry other processes' preemption; minima carry the least);
 * - isolated: the recorder alone fed the same match's batches in a loop
 *   (CPU time, process.cpuUsage), keyframes hashing a real end-of-match state.
 *
 * The blocks are compressed as the file sink does (deflate-raw) for the size.
 *
 *   tsx load-tests/bench/replayBench.ts [--seconds 60]
 */
import { deflateRawSync } from 'node:zlib';
import { arena } from '../../shared/game/arena';
import { bigcells } from '../../shared/game/bigcells';
import { cells } from '../../shared/game/cells';
import type { AnyGame } from '../../shared/engine/gameDefinition';
import type { CommandBatch } from '../../server/rooms/roomCommand';
import { RoomRecorder, type ReplaySink } from '../../server/replay/roomRecorder';
import { createMatchRoom, MATCH_TICK_RATE, playMatch } from '../../tests/replay/matchDriver';

export interface ReplayBenchRow {
  game: string;
  players: number;
  seconds: number;
  /** Room tick without the recorder, µs (fastest run). */
  tickUs: number;
  /** Room tick with the recorder, µs (fastest run). */
  recordedTickUs: number;
  /** The recorder alone, CPU µs per tick (isolated). */
  recorderCpuUs: number;
  /** Isolated recorder CPU as % of the unrecorded tick. */
  recorderPct: number;
  bytesPerMinute: number;
}

interface Run {
  stepMs: number;
  batches: CommandBatch[];
  state: unknown;
  packedBytes: number;
}

function run(game: AnyGame, players: number, ticks: number, record: boolean, keyframeTicks: number): Run {
  let packedBytes = 0;
  const sink: ReplaySink = { writeBlock: (raw) => (packedBytes += deflateRawSync(raw).length + 9), full: false, failed: false };
  const { room, sessions } = createMatchRoom(game, { players, ticks, seed: 42 });
  const batches: CommandBatch[] = [];
  const recorder = new RoomRecorder(room, sink, keyframeTicks);
  room.onBatch = record ? (b) => recorder.onBatch(b) : (b) => batches.push(b);
  const step = room.step.bind(room);
  let stepMs = 0;
  room.step = (now: number) => {
    const t0 = performance.now();
    step(now);
    stepMs += performance.now() - t0;
  };
  playMatch(room, sessions, { players, ticks, seed: 42 });
  if (record) recorder.end('disposed', 0);
  return { stepMs, batches, state: room.state, packedBytes };
}

/** CPU µs per tick of a recorder fed `batches` (hashing `state` at keyframes), repeated for ~1 s of CPU. */
function recorderCpuUs(game: AnyGame, batches: CommandBatch[], state: unknown, keyframeTicks: number): number {
  // The end state lacks players who left mid-match: scores are sampled from player 1 (there all along), same cost.
  const room = { game: { ...game, savePlayer: (s: unknown) => game.savePlayer(s, 1) }, state, playerCount: 1 };
  const sink: ReplaySink = { writeBlock: () => {}, full: false, failed: false };
  let ticks = 0;
  const c0 = process.cpuUsage();
  let used = 0;
  while (used < 1_000_000) {
    const recorder = new RoomRecorder(room, sink, keyframeTicks);
    for (const b of batches) recorder.onBatch(b);
    ticks += batches.length;
    const c = process.cpuUsage(c0);
    used = c.user + c.system;
  }
  return used / ticks;
}

export function runReplayBench(game: AnyGame, players: number, seconds: number, keyframeSec = 5): ReplayBenchRow {
  const ticks = seconds * MATCH_TICK_RATE;
  const kf = keyframeSec * MATCH_TICK_RATE;
  let plain = Infinity;
  let recorded = Infinity;
  let last: Run | null = null;
  let packed = 0;
  for (let i = 0; i < 3; i++) {
    last = run(game, players, ticks, false, kf);
    plain = Math.min(plain, last.stepMs);
    const r = run(game, players, ticks, true, kf);
    recorded = Math.min(recorded, r.stepMs);
    packed = r.packedBytes;
  }
  const cpuUs = recorderCpuUs(game, last!.batches, last!.state, kf);
  const tickUs = (plain * 1000) / ticks;
  return {
    game: game.name,
    players,
    seconds,
    tickUs,
    recordedTickUs: (recorded * 1000) / ticks,
    recorderCpuUs: cpuUs,
    recorderPct: (cpuUs / tickUs) * 100,
    bytesPerMinute: (packed / seconds) * 60,
  };
}

export function formatReplayBench(r: ReplayBenchRow): string {
  return (
    `${r.game.padEnd(6)} ${String(r.players).padStart(3)} players, ${r.seconds} s match: room tick ${r.tickUs.toFixed(0)} µs unrecorded, ${r.recordedTickUs.toFixed(0)} µs recorded` +
    ` (fastest of 3); recorder alone ${r.recorderCpuUs.toFixed(2)} µs CPU/tick = ${r.recorderPct.toFixed(2)} % of the tick; replay ${(r.bytesPerMinute / 1024).toFixed(1)} KiB/min`
  );
}

if (process.argv[1]?.endsWith('replayBench.ts')) {
  const at = process.argv.indexOf('--seconds');
  const seconds = at > 0 ? Number(process.argv[at + 1]) : 60;
  // bigcells: the 50-player big-world match of issue 15's numbers (the same driver; its interest-managed snapshots go to fake links).
  for (const [game, players] of [[arena, 10], [cells, 50], [bigcells, 50]] as const) {
    process.stdout.write(`${formatReplayBench(runReplayBench(game, players, seconds))}\n`);
  }
}
