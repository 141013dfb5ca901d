/**
 * The standings frames (PROTOCOL.md §8.9–8.11) decode to what was encoded, and
 * every malformed body is a typed decode error (never a throw): too many
 * entries, out-of-range classes, coordinates or ranks, extra keys.
 */
import { describe, expect, it } from 'vitest';
import { Opcode } from '../../shared/protocol/constants';
import { DecodeError } from '../../shared/protocol/decodeError';
import { decodeServerFrame, encodeServerMessage } from '../../shared/protocol/frameCodec';
import type { LeaderboardBody, MinimapBody } from '../../shared/protocol/messages';
import { Packr } from 'msgpackr';

const raw = (op: number, body: unknown): Uint8Array => {
  const packed = new Packr({ useRecords: false }).pack(body);
  return Uint8Array.from([op, ...packed]);
};

describe('standings frames', () => {
  it('round-trip', () => {
    const board: LeaderboardBody = { t: 600, n: 2, top: [[7, 120], [3, 90]] };
    const map: MinimapBody = { t: 600, s: 2, d: [0, 1, 15, 3], p: [[7, 0, 255]] };
    expect(decodeServerFrame(encodeServerMessage({ op: Opcode.Leaderboard, body: board }), null)).toEqual({ op: Opcode.Leaderboard, body: board });
    expect(decodeServerFrame(encodeServerMessage({ op: Opcode.Minimap, body: map }), null)).toEqual({ op: Opcode.Minimap, body: map });
    expect(decodeServerFrame(encodeServerMessage({ op: Opcode.Rank, body: { r: 4, s: 77 } }), null)).toEqual({ op: Opcode.Rank, body: { r: 4, s: 77 } });
  });

  it.each([
    ['11 leaderboard entries', Opcode.Leaderboard, { t: 1, n: 11, top: Array.from({ length: 11 }, (_, i) => [i + 1, 1]) }],
    ['a negative value', Opcode.Leaderboard, { t: 1, n: 1, top: [[1, -5]] }],
    ['player id 0', Opcode.Leaderboard, { t: 1, n: 1, top: [[0, 5]] }],
    ['an extra key', Opcode.Leaderboard, { t: 1, n: 0, top: [], x: 1 }],
    ['a density class of 16', Opcode.Minimap, { t: 1, s: 1, d: [16], p: [] }],
    ['a grid side of 33', Opcode.Minimap, { t: 1, s: 33, d: [], p: [] }],
    ['a coordinate of 256', Opcode.Minimap, { t: 1, s: 1, d: [0], p: [[1, 256, 0]] }],
    ['1025 density classes', Opcode.Minimap, { t: 1, s: 32, d: new Array(1025).fill(0), p: [] }],
    ['a fractional rank', Opcode.Rank, { r: 1.5, s: 0 }],
    ['a missing value', Opcode.Rank, { r: 1 }],
  ])('rejects %s', (_name, op, body) => {
    const result = decodeServerFrame(raw(op, body), null);
    expect(result).toBeInstanceOf(DecodeError);
  });

  it('rejects every truncation of a valid frame without throwing', () => {
    const bytes = encodeServerMessage({ op: Opcode.Minimap, body: { t: 9, s: 2, d: [1, 2, 3, 4], p: [[1, 2, 3]] } });
    for (let n = 1; n < bytes.length; n++) expect(decodeServerFrame(bytes.subarray(0, n), null)).toBeInstanceOf(DecodeError);
  });
});
