/**
 * Replays are deterministic: real matches of both games (a real Room, real
 * Input frames, joins, a drop and resume, a leave, chat) are recorded by the
 * real recorder to a real file, then `npm run replay -- verify` re-simulates
 * each and checks every keyframe's state hash. And the check can fail: a file
 * with one input altered reports mismatches (exit 1).
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { inflateRawSync, deflateRawSync } from 'node:zlib';
import { afterAll, describe, expect, it } from 'vitest';
import type { AnyGame } from '../../shared/engine/gameDefinition';
import { arena } from '../../shared/game/arena';
import { bigcells } from '../../shared/game/bigcells';
import { cells } from '../../shared/game/cells';
import { registeredGames } from '../../shared/game/registry';
import { createLogger } from '../../server/logger';
import { decodeCommandBatch, encodeCommandBatch, type CommandBatch } from '../../server/rooms/roomCommand';
import { readCompactBatch } from '../../server/replay/compactBatch';
import { encodeSection, parseReplay } from '../../server/replay/replayContainer';
import { PROLOGUE_BYTES, SectionKind } from '../../server/replay/replayFormat';
import { RecordKind, readRecords, RecordWriter } from '../../server/replay/replayRecords';
import { runReplayCli } from '../../server/replay/replayCli';
import { ReplayService } from '../../server/replay/replayService';
import { verifyReplayFile } from '../../server/replay/verifyReplay';
import { createMatchRoom, MATCH_TICK_RATE, playMatch, type MatchPlan } from './matchDriver';

const dir = mkdtempSync(join(tmpdir(), 'tickwire-replay-det-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function recordMatch(game: AnyGame, plan: MatchPlan): Promise<string> {
  const service = await ReplayService.start(
    { replays: true, replayDir: dir, replayMaxFiles: 50, replayMaxFileBytes: 32 << 20, replayMaxTotalBytes: 1 << 30, replayKeyframeSec: 1, tickRate: MATCH_TICK_RATE },
    createLogger('silent'),
  );
  const { room, sessions } = createMatchRoom(game, plan);
  service.attach(room);
  playMatch(room, sessions, plan);
  service.end(room, 'disposed');
  await service.stop();
  expect(service.counters.written).toBe(1);
  const id = service.store!.list(1)[0].id;
  return join(dir, `${id}.twr`);
}

async function cli(...argv: string[]): Promise<{ code: number; text: string }> {
  const lines: string[] = [];
  const code = await runReplayCli(argv, (l) => lines.push(l));
  return { code, text: lines.join('\n') };
}

/** The file with its first input command altered (a different button/aim), re-compressed. */
function withOneInputAltered(bytes: Uint8Array): Uint8Array {
  const parsed = parseReplay(bytes);
  if (!('blocks' in parsed)) throw parsed;
  const raw = inflateRawSync(parsed.blocks[0].stored);
  const out = new RecordWriter();
  let altered = false;
  let tick = 0;
  for (const r of readRecords(raw)) {
    if (r instanceof Error) throw r;
    if (r.kind === RecordKind.Batch || r.kind === RecordKind.Compact) {
      const batch = (r.kind === RecordKind.Compact ? readCompactBatch(r.bytes, ++tick) : decodeCommandBatch(r.bytes)) as CommandBatch;
      tick = batch.tick;
      const input = batch.commands.find((c) => c.type === 'input');
      if (!altered && input && input.type === 'input' && batch.tick > 30) {
        input.values = input.values.map((v, i) => (i === 0 ? v ^ 1 : v));
        altered = true;
      }
      if (!out.compactBatch(batch)) out.batch(encodeCommandBatch(batch));
    } else if (r.kind === RecordKind.Idle) {
      out.idle(r.count);
      tick += r.count;
    }
    else if (r.kind === RecordKind.Keyframe) out.keyframe(r.tick, r.hash);
  }
  expect(altered).toBe(true);
  const block = out.take();
  const firstBlockAt = PROLOGUE_BYTES + new DataView(bytes.buffer, bytes.byteOffset).getUint32(5, true);
  const before = bytes.subarray(0, firstBlockAt);
  const after = bytes.subarray(firstBlockAt + 9 + parsed.blocks[0].stored.length);
  // Only valid when the file has one block (short matches): the footer offset is rebuilt below.
  expect(parsed.blocks).toHaveLength(1);
  const section = encodeSection(SectionKind.Block, block.length, deflateRawSync(block));
  const file = new Uint8Array(before.length + section.length + after.length);
  file.set(before);
  file.set(section, before.length);
  file.set(after, before.length + section.length);
  new DataView(file.buffer).setUint32(file.length - 8, before.length + section.length, true);
  return file;
}

describe('replay determinism (recorded real matches, re-simulated)', () => {
  const plans: [AnyGame, MatchPlan][] = [
    [arena, { players: 10, ticks: 60 * 20, seed: 0xa11ce }],
    [cells, { players: 12, ticks: 60 * 20, seed: 0xce115 }],
  ];
  for (const [game, plan] of plans) {
    it(`${game.name}: ${plan.players} players, ${plan.ticks / 60} s: every keyframe matches (npm run replay -- verify exits 0)`, async () => {
      const file = await recordMatch(game, plan);
      const report = await verifyReplayFile(file, registeredGames);
      expect(report.error).toBeNull();
      expect(report.mismatches).toEqual([]);
      expect(report.keyframes.length).toBe(plan.ticks / MATCH_TICK_RATE);
      expect(report.ticks).toBe(plan.ticks);
      expect(report.header!.game).toBe(game.name);
      // The result: every player who played, with the game's own save of the player.
      expect(report.footer!.players.length).toBe(plan.players);
      expect(report.footer!.players.every((p) => p.result !== null && typeof p.result.score === 'number')).toBe(true);
      const { code, text } = await cli('verify', file);
      expect(text).toMatch(/OK: 20 keyframes match over 1200 ticks/);
      expect(code).toBe(0);
    });
  }

  it('bigcells: 300 players joining over 15 s (ids past one byte): every keyframe matches', async () => {
    const plan = { players: 300, ticks: 60 * 15, seed: 0xb16, roomId: 'big300' };
    const file = await recordMatch(bigcells, plan);
    const report = await verifyReplayFile(file, registeredGames);
    expect(report.error).toBeNull();
    expect(report.mismatches).toEqual([]);
    expect(report.keyframes.length).toBe(15);
    expect(report.footer!.players.length).toBe(plan.players);
    expect(Math.max(...report.footer!.players.map((p) => p.id))).toBeGreaterThan(255);
  });

  it('one altered input makes verify report the mismatching keyframes and exit 1', async () => {
    const file = await recordMatch(arena, { players: 4, ticks: 300, seed: 7, roomId: 'alter' });
    const altered = join(dir, 'altered.twr');
    writeFileSync(altered, withOneInputAltered(readFileSync(file)));
    const { code, text } = await cli('verify', altered);
    expect(text).toMatch(/MISMATCH at tick 60: recorded state hash [0-9a-f]{16}, re-simulated [0-9a-f]{16}/);
    expect(text).toMatch(/FAILED: \d+ of 5 keyframes differ \(first at tick 60\)/);
    expect(code).toBe(1);
  });

  it('leaves no partial files behind', () => {
    expect(readdirSync(dir).filter((n) => n.endsWith('.partial'))).toEqual([]);
  });
});
