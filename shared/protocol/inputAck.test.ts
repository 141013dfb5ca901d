/**
 * InputAck (0x87): opcode + varuint seq, the smallest frame that tells a
 * client which Input frames it may stop repeating. Round trips at every
 * varint length, and every malformed frame is a DecodeError with 4000.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CloseCode, Opcode } from './constants';
import { DecodeError } from './decodeError';
import { decodeInputAck, decodeServerFrame, encodeInputAck, MAX_INPUT_ACK_BYTES } from './frameCodec';

describe('InputAck', () => {
  it.each([
    [0, [0x87, 0x00]],
    [127, [0x87, 0x7f]],
    [128, [0x87, 0x80, 0x01]],
    [16_383, [0x87, 0xff, 0x7f]],
    [16_384, [0x87, 0x80, 0x80, 0x01]],
    [0xffffffff, [0x87, 0xff, 0xff, 0xff, 0xff, 0x0f]],
  ])('seq %i is %j', (seq, bytes) => {
    expect(Array.from(encodeInputAck(seq))).toEqual(bytes);
    expect(decodeServerFrame(Uint8Array.from(bytes), null)).toEqual({ op: Opcode.InputAck, body: { seq } });
  });

  it('round-trips every u32 seq (property)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 0xffffffff }), (seq) => {
        const bytes = encodeInputAck(seq);
        expect(bytes.length).toBeLessThanOrEqual(MAX_INPUT_ACK_BYTES);
        expect(decodeInputAck(bytes)).toEqual({ op: Opcode.InputAck, body: { seq } });
      }),
    );
  });

  it.each([
    ['no seq', [0x87]],
    ['truncated varint', [0x87, 0x80]],
    ['a byte after the seq', [0x87, 0x05, 0x00]],
    ['more than 32 bits', [0x87, 0xff, 0xff, 0xff, 0xff, 0x1f]],
    ['longer than 6 bytes', [0x87, 0x80, 0x80, 0x80, 0x80, 0x80, 0x01]],
  ])('refuses %s with 4000', (_label, bytes) => {
    const r = decodeServerFrame(Uint8Array.from(bytes), null);
    expect(r).toBeInstanceOf(DecodeError);
    expect((r as DecodeError).closeCode).toBe(CloseCode.DecodeFailed);
  });

  it('random bytes after the opcode never throw', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 12 }), (tail) => {
        const bytes = Uint8Array.from([Opcode.InputAck, ...tail]);
        expect(() => decodeInputAck(bytes)).not.toThrow();
      }),
    );
  });
});
