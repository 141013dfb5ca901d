/**
 * Client→server WebSocket frames (RFC 6455 §5.2) written into buffers the
 * caller owns, so a bot sending 20 Input messages a second allocates nothing
 * per message once its buffers exist:
 *
 *   byte 0      FIN (0x80) | opcode
 *   byte 1      MASK (0x80) | 7-bit length, or 126 + u16 BE, or 127 + u64 BE
 *   4 bytes     masking key
 *   payload     XOR-ed with the key, byte i with key[i mod 4]
 *
 * The server unmasks every client frame whatever its key, so a key fixed per
 * connection costs it exactly what a fresh key per frame would.
 */

/** Header bytes (with the 4-byte masking key) before a payload of `payloadLength` bytes. */
export function clientHeaderBytes(payloadLength: number): number {
  return (payloadLength < 126 ? 2 : payloadLength < 65536 ? 4 : 10) + 4;
}

/**
 * Write a complete masked frame of `payload[payloadStart, payloadEnd)` into
 * `out` from offset 0; returns the frame's length. `out` must hold
 * clientHeaderBytes(n) + n bytes; `maskKey` is a u32 (big-endian on the wire).
 */
export function writeClientFrame(out: Uint8Array, opcode: number, payload: Uint8Array, payloadStart: number, payloadEnd: number, maskKey: number): number {
  const n = payloadEnd - payloadStart;
  let at: number;
  out[0] = 0x80 | opcode;
  if (n < 126) {
    out[1] = 0x80 | n;
    at = 2;
  } else if (n < 65536) {
    out[1] = 0x80 | 126;
    out[2] = n >>> 8;
    out[3] = n & 0xff;
    at = 4;
  } else {
    out[1] = 0x80 | 127;
    // Frames here are far below 2^32 bytes: the high word is zero.
    out[2] = out[3] = out[4] = out[5] = 0;
    out[6] = n >>> 24;
    out[7] = (n >>> 16) & 0xff;
    out[8] = (n >>> 8) & 0xff;
    out[9] = n & 0xff;
    at = 10;
  }
  const k0 = maskKey >>> 24;
  const k1 = (maskKey >>> 16) & 0xff;
  const k2 = (maskKey >>> 8) & 0xff;
  const k3 = maskKey & 0xff;
  out[at] = k0;
  out[at + 1] = k1;
  out[at + 2] = k2;
  out[at + 3] = k3;
  at += 4;
  for (let i = 0; i < n; i++) {
    const k = (i & 3) === 0 ? k0 : (i & 3) === 1 ? k1 : (i & 3) === 2 ? k2 : k3;
    out[at + i] = payload[payloadStart + i] ^ k;
  }
  return at + n;
}

/** A frame in a fresh Buffer (control frames: rare, so allocating is fine). */
export function clientFrame(opcode: number, payload: Uint8Array, maskKey = 0): Buffer {
  const out = Buffer.allocUnsafe(clientHeaderBytes(payload.length) + payload.length);
  writeClientFrame(out, opcode, payload, 0, payload.length, maskKey);
  return out;
}
