import { describe, expect, it } from 'vitest';
import { Limits } from '../../shared/protocol/constants';
import type { CommandBatch } from '../rooms/roomCommand';
import { readCompactBatch, utf8, writeCompactBatch, type CompactOut } from './compactBatch';
import { ReplayFormatError } from './replayFormat';

function compact(batch: CommandBatch): Uint8Array {
  const bytes: number[] = [];
  const out: CompactOut = {
    byte: (b) => void bytes.push(b),
    varint: (n) => {
      for (; n >= 0x80; n = Math.floor(n / 128)) bytes.push((n & 0x7f) | 0x80);
      bytes.push(n);
    },
    text: (s) => {
      const t = utf8(s);
      out.varint(t.length);
      bytes.push(...t);
    },
  };
  writeCompactBatch(batch, out);
  return Uint8Array.from(bytes);
}

describe('compact command batches', () => {
  it('carry every player id a room hands out, big worlds included', () => {
    const ids = [1, 2, 254, 255, 256, 300, 1000, Limits.maxPlayerId];
    const batch: CommandBatch = {
      tick: 500,
      commands: ids.flatMap((id) => [
        { type: 'join' as const, playerId: id, name: `p${id}`, save: null },
        { type: 'input' as const, playerId: id, viewTick: 497, values: [id, -id] },
        { type: 'chat' as const, playerId: id, text: 'gg' },
        { type: 'detach' as const, playerId: id },
        { type: 'attach' as const, playerId: id, save: null },
        { type: 'leave' as const, playerId: id },
      ]),
    };
    expect(readCompactBatch(compact(batch), 500)).toEqual(batch);
  });

  it('reads the one-byte ids files were written with before big worlds the same way', () => {
    // count 1, leave (2), player 7 — the form every id ≤ 255 still has.
    expect(readCompactBatch(Uint8Array.of(1, 2, 7), 9)).toEqual({ tick: 9, commands: [{ type: 'leave', playerId: 7 }] });
  });

  it('refuses an escaped id that fits one byte, an id past the largest, and a cut escape', () => {
    for (const bytes of [Uint8Array.of(1, 2, 0, 7), Uint8Array.of(1, 2, 0, 0x80, 0x10), Uint8Array.of(1, 2, 0)]) {
      expect(readCompactBatch(bytes, 9)).toBeInstanceOf(ReplayFormatError);
    }
  });
});
