/**
 * PROTOCOL.md's examples, checked against the codec: the worked hex dumps
 * (§10, captured from a real server session) decode to exactly the values the
 * document annotates, and the byte counts it quotes (§5.3, §7) are what the
 * encoder produces. If this fails, fix the document (or the codec) — not the test.
 */
import { describe, expect, it } from 'vitest';
import { arenaSchema } from '../game/arena/schema';
import { Opcode } from './constants';
import { dequantize } from './entitySchema';
import { decodeClientFrame, decodeServerFrame, encodeClientMessage } from './frameCodec';
import { applyDelta } from './snapshotDelta';
import { encodeSnapshotFrame } from './snapshotFrame';

const fromHex = (hex: string): Uint8Array => Uint8Array.from(hex.trim().split(/\s+/).map((h) => parseInt(h, 16)));

// §10.1, §10.2, §10.3 exactly as printed.
const INPUT_HEX = '02 95 19 1d 1a 14 93 92 0a cd 20 00 92 0a cd 20 00 92 0a cd 20 00';
const FULL_HEX = '81 00 00 00 00 02 00 00 01 01 01 d0 a0 01 90 45 00 00 00 00 00 c8 01 00 00 00 00 00 00';
const DELTA_HEX = '81 26 00 00 00 28 26 00 00 01 01 03 68 68';

describe('PROTOCOL.md §10 worked hex dumps', () => {
  it('§10.1 Input', () => {
    const bytes = fromHex(INPUT_HEX);
    expect(bytes.length).toBe(22);
    const body: [number, number, number, number, [number, number][]] = [25, 29, 26, 20, [[10, 8192], [10, 8192], [10, 8192]]];
    expect(decodeClientFrame(bytes)).toEqual({ op: Opcode.Input, body });
    expect(encodeClientMessage({ op: Opcode.Input, body })).toEqual(bytes);
  });

  it('§10.2 full snapshot: player 1 at (1285, 553) px with 100 health', () => {
    const bytes = fromHex(FULL_HEX);
    expect(bytes.length).toBe(29);
    const decoded = decodeServerFrame(bytes, arenaSchema);
    const delta = { tick: 2, baseTick: 0, removed: [], created: [{ id: 1, kind: 1, values: [10280, 4424, 0, 0, 0, 0, 0, 100, 0, 0, 0, 0, 0] }], changed: [] };
    expect(decoded).toEqual({ op: Opcode.Snapshot, body: { ackSeq: 0, delta } });
    expect(encodeSnapshotFrame(delta, 0)).toEqual(bytes);
    expect(dequantize(arenaSchema.fields[0], 10280)).toBe(1285);
    expect(dequantize(arenaSchema.fields[1], 4424)).toBe(553);
  });

  it('§10.3 delta snapshot: x and y +52 (6.5 px) against tick 38', () => {
    const bytes = fromHex(DELTA_HEX);
    expect(bytes.length).toBe(14);
    const delta = { tick: 40, baseTick: 38, removed: [], created: [], changed: [{ id: 1, mask: 0b11, deltas: [52, 52] }] };
    expect(decodeServerFrame(bytes, arenaSchema)).toEqual({ op: Opcode.Snapshot, body: { ackSeq: 38, delta } });
    expect(encodeSnapshotFrame(delta, 38)).toEqual(bytes);
    expect(dequantize(arenaSchema.fields[0], 52)).toBe(6.5);
  });

  it('the full and delta dumps chain: a table at tick 38 plus the delta gives tick 40', () => {
    const full = decodeServerFrame(fromHex(FULL_HEX), arenaSchema);
    if (full instanceof Error || !('op' in full) || full.op !== Opcode.Snapshot) throw new Error('not a snapshot');
    const at38 = applyDelta(null, { ...full.body.delta, tick: 38 }, arenaSchema);
    const delta = decodeServerFrame(fromHex(DELTA_HEX), arenaSchema);
    if (!('op' in delta) || delta.op !== Opcode.Snapshot) throw new Error('not a snapshot');
    const at40 = applyDelta(at38, delta.body.delta, arenaSchema);
    expect(at40.tick).toBe(40);
    expect(at40.toRows()[0].values.slice(0, 2)).toEqual([10332, 4476]);
  });
});

describe('PROTOCOL.md byte counts', () => {
  const input = (seq: number, tick: number, frames: [number, number][]) =>
    encodeClientMessage({ op: Opcode.Input, body: [seq, tick, tick - 2, tick - 6, frames] }).length;

  it('§5.3 Input as a msgpack array: 14 / 26 / 36 / 61 bytes', () => {
    // The table's rows: ackTick = tick - 2 (early row 128), viewTick = tick - 6 (early row 124). Same widths.
    expect(input(7, 130, [[9, 8192]])).toBe(14);
    expect(input(10_000, 100_000, [[9, 8192]])).toBe(26);
    expect(input(10_000, 100_000, [[9, 8192], [9, 8190], [9, 8100]])).toBe(36);
    expect(input(10_000, 100_000, Array.from({ length: 8 }, (_, i) => [9, 8192 - i * 7] as [number, number]))).toBe(61);
  });

  it('§7.1 Join {"name":"Ada"} is 11 bytes; §7.4 Leave is 04 80', () => {
    expect([...encodeClientMessage({ op: Opcode.Join, body: { name: 'Ada' } })]).toEqual([...fromHex('01 81 a4 6e 61 6d 65 a3 41 64 61')]);
    expect([...encodeClientMessage({ op: Opcode.Leave, body: {} })]).toEqual([0x04, 0x80]);
  });

  it('§5.2 the 6-byte array32 frame from the text is refused', () => {
    expect(decodeClientFrame(fromHex('01 dd ff ff ff ff'))).toMatchObject({ closeCode: 4000 });
  });
});
