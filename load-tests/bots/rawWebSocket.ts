/**
 * A minimal WebSocket client over net.Socket for high-count bots: fixed
 * handshake key (the accept hash is not checked), client frames masked with a
 * zero key (XOR 0 leaves the payload as is), server frames parsed just enough
 * to hand binary payloads over, answer pings, and report the close code
 * (1006 when the TCP connection ends without a close frame). Loopback load
 * generation only: no fragmentation, no extensions, no TLS.
 *
 * Reads land in one buffer shared by every socket of the thread (`onread`),
 * not in a fresh Buffer per read: at 2,000 bots that is ~90,000 allocations a
 * second less. A payload handed to `onBinary` is therefore valid only during
 * the call (copy what you keep); an incomplete frame is copied out.
 */
import { connect, type Socket } from 'node:net';
import type { MetricsRecorder } from '../harness/metricsRecorder';
import { parseResponseHead, parseServerFrame } from '../../tests/support/wsFrameHeader';

const KEY = 'dGhlIHNhbXBsZSBub25jZQ==';
/** The thread's read buffer: larger than any burst a bot receives between two reads. */
const READ_BUFFER = Buffer.allocUnsafe(256 * 1024);
const EMPTY = Buffer.alloc(0);

export interface RawWebSocketHandlers {
  onOpen(): void;
  /** A binary message; `payload` is only valid during the call. */
  onBinary(payload: Buffer): void;
  onClose(code: number, expected: boolean): void;
}

/** Frame `payload` as a client frame (FIN, MASK, zero key). */
export function clientFrame(opcode: number, payload: Uint8Array): Buffer {
  const header = payload.length < 126 ? 2 : payload.length < 65536 ? 4 : 10;
  const out = Buffer.allocUnsafe(header + 4 + payload.length);
  out[0] = 0x80 | opcode;
  if (header === 2) out[1] = 0x80 | payload.length;
  else if (header === 4) {
    out[1] = 0x80 | 126;
    out.writeUInt16BE(payload.length, 2);
  } else {
    out[1] = 0x80 | 127;
    out.writeBigUInt64BE(BigInt(payload.length), 2);
  }
  out.writeUInt32BE(0, header);
  out.set(payload, header + 4);
  return out;
}

export class RawWebSocket {
  private readonly socket: Socket;
  /** Bytes of an incomplete frame (or response head) carried to the next read; owned, not the shared buffer. */
  private buffered: Buffer = EMPTY;
  private state: 'connecting' | 'open' | 'closed' = 'connecting';
  private closing = false;
  private closeCode = 1006;

  constructor(
    url: string,
    subprotocol: string,
    private readonly metrics: MetricsRecorder,
    private readonly handlers: RawWebSocketHandlers,
  ) {
    const u = new URL(url);
    const onread = {
      buffer: READ_BUFFER,
      callback: (n: number, buf: Buffer): boolean => {
        this.onData(buf.subarray(0, n));
        return true;
      },
    };
    this.socket = connect({ host: u.hostname, port: Number(u.port || 80), noDelay: true, onread }, () => {
      this.socket.write(
        `GET ${u.pathname}${u.search} HTTP/1.1\r\nHost: ${u.host}\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n` +
          `Sec-WebSocket-Key: ${KEY}\r\nSec-WebSocket-Version: 13\r\nSec-WebSocket-Protocol: ${subprotocol}\r\n\r\n`,
      );
    });
    this.socket.on('error', (err: NodeJS.ErrnoException) => {
      if (this.state === 'connecting') metrics.count(`fail:${err.code ?? 'socket-error'}`);
    });
    this.socket.on('close', () => this.finish());
  }

  get isOpen(): boolean {
    return this.state === 'open';
  }

  private onData(chunk: Buffer): void {
    this.buffered = this.buffered.length === 0 ? chunk : Buffer.concat([this.buffered, chunk]);
    this.consume();
    // What is left is an incomplete frame: keep a copy, the shared buffer is reused by the next read.
    if (this.buffered.length > 0 && this.buffered.buffer === READ_BUFFER.buffer) this.buffered = Buffer.from(this.buffered);
  }

  private consume(): void {
    if (this.state === 'connecting') {
      const response = parseResponseHead(this.buffered);
      if (!response) return;
      const status = response.status;
      this.buffered = response.rest;
      if (status !== 101) {
        this.metrics.count(`fail:http-${status}`);
        this.state = 'closed';
        this.socket.destroy();
        this.handlers.onClose(1006, true);
        return;
      }
      this.state = 'open';
      this.handlers.onOpen();
    }
    this.readFrames();
  }

  private readFrames(): void {
    while (this.buffered.length >= 2 && this.state === 'open') {
      const b = this.buffered;
      const h = parseServerFrame(b);
      if (!h) return;
      const len = h.payloadLength;
      const payload = b.subarray(h.payloadStart, h.payloadStart + len);
      this.buffered = b.subarray(h.payloadStart + len);
      this.metrics.count('bytesIn', len);
      const opcode = h.opcode;
      if (opcode === 0x2) this.handlers.onBinary(payload);
      else if (opcode === 0x9) this.socket.write(clientFrame(0xa, payload));
      else if (opcode === 0x8) {
        this.closeCode = len >= 2 ? payload.readUInt16BE(0) : 1005;
        this.socket.end(clientFrame(0x8, payload.subarray(0, 2)));
        this.finish();
      } else if (opcode === 0x1) this.metrics.count('textFrames');
    }
  }

  private finish(): void {
    if (this.state === 'closed') return;
    const wasOpen = this.state === 'open';
    this.state = 'closed';
    if (wasOpen && !this.closing) this.metrics.count(`close:${this.closeCode}`);
    if (!wasOpen && !this.closing) this.metrics.count('fail:closed');
    this.handlers.onClose(this.closeCode, this.closing);
  }

  send(payload: Uint8Array): void {
    if (this.state !== 'open') return;
    this.metrics.count('bytesOut', payload.length);
    this.socket.write(clientFrame(0x2, payload));
  }

  /** Close on purpose (not counted as a disconnect). */
  close(code: number): void {
    this.closing = true;
    if (this.state === 'open') {
      this.socket.end(clientFrame(0x8, new Uint8Array([code >> 8, code & 0xff])));
      this.finish();
    } else {
      this.socket.destroy();
    }
  }
}
