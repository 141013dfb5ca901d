/**
 * A replay file is untrusted input (a download, a file someone hands you):
 * every truncation, every single-byte corruption of a real file, random bytes
 * and hand-made hostile headers give a clear ReplayFormatError or a clean
 * mismatch — never an exception, a hang, or a huge allocation.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { deflateRawSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seededRandom } from '../../shared/engine/prng';
import { arena } from '../../shared/game/arena';
import { registeredGames } from '../../shared/game/registry';
import { GameCodec } from '../../shared/protocol/gameCodec';
import { COMMAND_STREAM_VERSION } from '../../server/rooms/roomCommand';
import { encodeEnding, encodePrologue, encodeSection } from '../../server/replay/replayContainer';
import { SectionKind, STATE_HASH_NAME, type ReplayHeader } from '../../server/replay/replayFormat';
import { RecordWriter } from '../../server/replay/replayRecords';
import { runReplayCli } from '../../server/replay/replayCli';
import { RoomRecorder, type ReplaySink } from '../../server/replay/roomRecorder';
import { verifyReplayBytes } from '../../server/replay/verifyReplay';
import { createMatchRoom, playMatch } from './matchDriver';

const header: ReplayHeader = {
  format: 'tickwire-replay',
  game: 'arena',
  gameVersion: arena.version,
  gameHash: new GameCodec(arena).hash,
  commandStreamVersion: COMMAND_STREAM_VERSION,
  stateHash: STATE_HASH_NAME,
  seed: 99,
  tickRate: 60,
  roomId: 'hostile',
  roomName: 'Hostile',
  startedAtMs: 0,
  keyframeEveryTicks: 60,
  players: [],
};

/** A real recording, in memory (the recorder with a memory sink). */
function recordInMemory(ticks: number): Uint8Array {
  const blocks: Uint8Array[] = [];
  const sink: ReplaySink = { writeBlock: (raw) => blocks.push(raw), full: false, failed: false };
  const { room, sessions } = createMatchRoom(arena, { players: 3, ticks, seed: 99, roomId: 'hostile' });
  const recorder = new RoomRecorder(room, sink, 60);
  room.onBatch = (b) => recorder.onBatch(b);
  playMatch(room, sessions, { players: 3, ticks, seed: 99 });
  const footer = recorder.end('disposed', 1);
  const parts = [encodePrologue(header), ...blocks.map((b) => encodeSection(SectionKind.Block, b.length, deflateRawSync(b)))];
  const offset = parts.reduce((n, p) => n + p.length, 0);
  parts.push(encodeEnding(footer, offset));
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

const verify = (bytes: Uint8Array) => verifyReplayBytes(bytes, registeredGames);

describe('hostile replay files', () => {
  let good: Uint8Array;
  const dir = mkdtempSync(join(tmpdir(), 'tickwire-replay-hostile-'));
  beforeAll(() => {
    good = recordInMemory(240);
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('the untouched file verifies', () => {
    const r = verify(good);
    expect(r.error).toBeNull();
    expect(r.ok).toBe(true);
    expect(r.keyframes).toHaveLength(4);
  });

  it('every truncation is a clear "truncated" (or corrupt) error, never a throw', () => {
    for (let n = 0; n < good.length; n++) {
      const r = verify(good.subarray(0, n));
      expect(r.ok, `truncated to ${n}`).toBe(false);
      expect(r.error, `truncated to ${n}`).not.toBeNull();
    }
  });

  it('single-byte corruptions (every other byte) are an error or a mismatch, never a throw', () => {
    const random = seededRandom(5);
    for (let i = 0; i < good.length; i += 2) {
      const bad = good.slice();
      bad[i] ^= 1 + Math.floor(random() * 255);
      const r = verify(bad);
      if (r.ok) {
        // A flipped byte that changes nothing the simulation reads (e.g. a name) is allowed to verify.
        expect(r.mismatches).toEqual([]);
      } else {
        expect(r.error !== null || r.mismatches.length > 0, `byte ${i}`).toBe(true);
      }
    }
  });

  it('random bytes and hostile hand-made files are refused with a reason', () => {
    const random = seededRandom(11);
    for (let k = 0; k < 200; k++) {
      const junk = Uint8Array.from({ length: Math.floor(random() * 400) }, () => Math.floor(random() * 256));
      if (k % 2 === 0) junk.set([0x54, 0x57, 0x52, 0x50, 1]); // right magic and version, junk after
      expect(verify(junk).error).not.toBeNull();
    }
    // A block that claims 1 MiB but inflates to far more (a bomb) is refused at its declared size.
    const bomb = deflateRawSync(new Uint8Array(64 << 20));
    const bombFile = concat(encodePrologue(header), encodeSection(SectionKind.Block, 1 << 20, bomb));
    const withEnd = concat(bombFile, encodeEnding({ endTick: 1, lastActiveTick: 0, endReason: 'disposed', endedAtMs: 0, keyframes: 0, players: [] }, bombFile.length));
    expect(verify(withEnd).error?.message).toMatch(/block 0: does not inflate to its declared 1048576 bytes/);
    // Billions of quiet ticks: refused by the footer's end, not simulated.
    const idle = new RecordWriter();
    idle.idle(2 ** 34);
    const raw = idle.take();
    const spin = concat(encodePrologue(header), encodeSection(SectionKind.Block, raw.length, deflateRawSync(raw)));
    const spinFile = concat(spin, encodeEnding({ endTick: 2 ** 32 - 1, lastActiveTick: 0, endReason: 'disposed', endedAtMs: 0, keyframes: 0, players: [] }, spin.length));
    expect(verify(spinFile).error?.message).toMatch(/quiet ticks after tick 0 run past the footer's end/);
    // Another game, or another version of it.
    const other = concat(encodePrologue({ ...header, game: 'chess' }));
    expect(verify(concat(other, encodeEnding({ endTick: 0, lastActiveTick: 0, endReason: 'disposed', endedAtMs: 0, keyframes: 0, players: [] }, other.length))).error?.code).toBe('unknown-game');
    const older = encodePrologue({ ...header, gameHash: '00000000' });
    expect(verify(concat(older, encodeEnding({ endTick: 0, lastActiveTick: 0, endReason: 'disposed', endedAtMs: 0, keyframes: 0, players: [] }, older.length))).error?.code).toBe('game-mismatch');
    // A replay recorded under arena v3 (before trades and hits on the down, v4) would re-simulate differently: refused.
    const v3 = encodePrologue({ ...header, gameVersion: 3, gameHash: '5fd14011' });
    expect(verify(concat(v3, encodeEnding({ endTick: 0, lastActiveTick: 0, endReason: 'disposed', endedAtMs: 0, keyframes: 0, players: [] }, v3.length))).error?.code).toBe('game-mismatch');
    // …and one under v4 (trades fired from the death position, not the ghost: v5).
    const v4 = encodePrologue({ ...header, gameVersion: 4, gameHash: '5fd7fbd6' });
    expect(verify(concat(v4, encodeEnding({ endTick: 0, lastActiveTick: 0, endReason: 'disposed', endedAtMs: 0, keyframes: 0, players: [] }, v4.length))).error?.code).toBe('game-mismatch');
  });

  it('the CLI says why and exits 2 for an unreadable file, 2 for a missing one', async () => {
    const path = join(dir, 'cut.twr');
    writeFileSync(path, good.subarray(0, good.length - 20));
    const lines: string[] = [];
    expect(await runReplayCli(['verify', path], (l) => lines.push(l))).toBe(2);
    expect(lines.join('\n')).toMatch(/ERROR \(truncated\): .*(file ends|no trailer)/);
    expect(await runReplayCli(['verify', join(dir, 'none.twr')], (l) => lines.push(l))).toBe(2);
    expect(lines.join('\n')).toMatch(/cannot read .*none\.twr: ENOENT/);
    expect(await runReplayCli([], (l) => lines.push(l))).toBe(2);
  });
});

function concat(...parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}
