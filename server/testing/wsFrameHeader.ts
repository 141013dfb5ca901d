/**
 * The header of a server→client WebSocket frame (RFC 6455 §5.2, unmasked):
 * FIN + opcode, then a 7-bit length, or 126 + u16, or 127 + u64. For the raw
 * clients of the hostile suite and the load generator.
 */
export interface FrameHeader {
  fin: boolean;
  opcode: number;
  /** Offset of the payload from the start of the frame. */
  payloadStart: number;
  payloadLength: number;
}

/** Parse the frame at the start of `b`; null until the whole frame is buffered. */
export function parseServerFrame(b: Buffer): FrameHeader | null {
  if (b.length < 2) return null;
  let payloadLength = b[1] & 0x7f;
  let payloadStart = 2;
  if (payloadLength === 126) {
    if (b.length < 4) return null;
    payloadLength = b.readUInt16BE(2);
    payloadStart = 4;
  } else if (payloadLength === 127) {
    if (b.length < 10) return null;
    payloadLength = Number(b.readBigUInt64BE(2));
    payloadStart = 10;
  }
  if (b.length < payloadStart + payloadLength) return null;
  return { fin: (b[0] & 0x80) !== 0, opcode: b[0] & 0x0f, payloadStart, payloadLength };
}
