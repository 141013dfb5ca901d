/**
 * What raw WebSocket clients (hostile suite, load generator) read from the
 * server: the HTTP response head of the handshake, then frames.
 *
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

export interface ResponseHead {
  /** HTTP status, 0 if the status line is unreadable. */
  status: number;
  /** The head, status line to the last header (latin1). */
  head: string;
  /** Bytes after the blank line (the first frames, if upgraded). */
  rest: Buffer;
}

/** Parse the handshake's HTTP response head at the start of `b`; null until it is complete. */
export function parseResponseHead(b: Buffer): ResponseHead | null {
  const end = b.indexOf('\r\n\r\n');
  if (end < 0) return null;
  const head = b.subarray(0, end).toString('latin1');
  return { status: Number(/^HTTP\/1\.1 (\d{3})/.exec(head)?.[1] ?? 0), head, rest: b.subarray(end + 4) };
}

/**
 * Bytes a client→server frame of `payloadLength` bytes takes on the wire
 * (RFC 6455 §5.2): a 2-byte header, +2 (16-bit length) from 126 bytes or +8
 * (64-bit length) from 65,536, plus the 4-byte masking key every client frame
 * carries. TCP/IP headers not included.
 */
export function clientFrameWireBytes(payloadLength: number): number {
  const header = payloadLength < 126 ? 2 : payloadLength < 65536 ? 4 : 10;
  return header + 4 + payloadLength;
}
