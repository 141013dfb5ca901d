import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { arena } from '../../shared/game/arena';
import { GameCodec } from '../../shared/protocol/gameCodec';
import { createLogger } from '../logger';
import { COMMAND_STREAM_VERSION } from '../rooms/roomCommand';
import { encodeEnding, encodePrologue } from './replayContainer';
import { STATE_HASH_NAME, type ReplayFooter, type ReplayHeader } from './replayFormat';
import { ReplayStore } from './replayStore';

const header = (startedAtMs: number): ReplayHeader => ({
  format: 'tickwire-replay',
  game: 'arena',
  gameVersion: arena.version,
  gameHash: new GameCodec(arena).hash,
  commandStreamVersion: COMMAND_STREAM_VERSION,
  stateHash: STATE_HASH_NAME,
  seed: 1,
  tickRate: 60,
  roomId: 'r',
  roomName: 'R',
  startedAtMs,
  keyframeEveryTicks: 60,
  players: [],
});
const footer: ReplayFooter = { endTick: 600, lastActiveTick: 600, endReason: 'disposed', endedAtMs: 10_000, keyframes: 10, players: [] };

function replayBytes(startedAtMs: number): Uint8Array {
  const prologue = encodePrologue(header(startedAtMs));
  const ending = encodeEnding(footer, prologue.length);
  const out = new Uint8Array(prologue.length + ending.length);
  out.set(prologue);
  out.set(ending, prologue.length);
  return out;
}

const dirs: string[] = [];
afterEach(() => dirs.splice(0).forEach((d) => rmSync(d, { recursive: true, force: true })));

function replayDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'tw-replays-'));
  dirs.push(dir);
  return dir;
}

describe('ReplayStore.load', () => {
  it('indexes the finished replays, newest first', async () => {
    const dir = replayDir();
    writeFileSync(join(dir, 'room1-aaaaaa.twr'), replayBytes(1000));
    writeFileSync(join(dir, 'room2-bbbbbb.twr'), replayBytes(2000));
    const store = new ReplayStore(dir, { maxFiles: 10, maxTotalBytes: 1 << 20 }, createLogger('silent'));
    await store.load();
    expect(store.list(10).map((s) => s.id)).toEqual(['room2-bbbbbb', 'room1-aaaaaa']);
  });

  it('starts when a listed file is gone by the time it is opened (another process sharing the directory pruned it)', async () => {
    const dir = replayDir();
    writeFileSync(join(dir, 'room1-aaaaaa.twr'), replayBytes(1000));
    // Listed by readdir, ENOENT on open: what a file deleted between the two looks like.
    symlinkSync(join(dir, 'deleted-target'), join(dir, 'room3-cccccc.twr'));
    const store = new ReplayStore(dir, { maxFiles: 10, maxTotalBytes: 1 << 20 }, createLogger('silent'));
    await store.load();
    expect(store.list(10).map((s) => s.id)).toEqual(['room1-aaaaaa']);
  });

  it('skips an entry that cannot be read as a file', async () => {
    const dir = replayDir();
    writeFileSync(join(dir, 'room1-aaaaaa.twr'), replayBytes(1000));
    mkdirSync(join(dir, 'room4-dddddd.twr'));
    const store = new ReplayStore(dir, { maxFiles: 10, maxTotalBytes: 1 << 20 }, createLogger('silent'));
    await store.load();
    expect(store.count).toBe(1);
  });
});
