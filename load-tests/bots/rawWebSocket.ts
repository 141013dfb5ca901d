/**
 * A minimal WebSocket client over net.Socket for high-count bots: fixed
 * handshake key (the accept hash is not checked), client frames masked with a
 * key drawn once per connection (wsClientFrame.ts), server frames parsed just
 * enough to hand binary payloads over, answer pings, and report the close code
 * (1006 when the TCP connection ends without a close frame). Loopback load
 * generation only: no fragmentation, no extensions, no TLS.
 *
 * Nothing is allocated per message on the hot paths:
 * - Reads land in one buffer shared by every socket of the thread (`onread`),
 *   not in a fresh Buffer per read (at 2,000 bots ~90,000 allocations a second
 *   less), and frames are parsed in place by offset. A payload handed to
 *   `onBinary` (buffer, start, end) is valid only during the call; an
 *   incomplete frame is copied out.
 * - Sends are framed and masked into a buffer kept per frame length; the
 *   kernel takes loopback writes at once, so the buffer is free again when
 *   write() returns. When it is not (writableLength > 0: libuv still holds
 *   it), that buffer is given away and a new one made next time.
 */
import { connect, type Socket } from 'node:net';
import type { MetricsRecorder } from '../harness/metricsRecorder';
import { parseResponseHead } from '../../tests/support/wsFrameHeader';
import { clientFrame, clientHeaderBytes, writeClientFrame } from './wsClientFrame';

const KEY = 'dGhlIHNhbXBsZSBub25jZQ==';
/** The thread's read buffer: larger than any burst a bot receives between two reads. */
const READ_BUFFER = Buffer.allocUnsafe(256 * 1024);
const EMPTY = Buffer.alloc(0);
/** Frames up to this many bytes are written from a buffer kept per length (Inputs are 3–30 bytes). */
const MAX_KEPT_FRAME = 256;

export interface RawWebSocketHandlers {
  onOpen(): void;
  /** A binary message in `buf[start, end)`, valid only during the call. */
  onBinary(buf: Buffer, start: number, end: number): void;
  onClose(code: number, expected: boolean): void;
}

export class RawWebSocket {
  private readonly socket: Socket;
  /** Bytes of an incomplete frame (or response head) carried to the next read; owned, not the shared buffer. */
  private buffered: Buffer = EMPTY;
  private state: 'connecting' | 'open' | 'closed' = 'connecting';
  private closing = false;
  private closeCode = 1006;
  /** This connection's masking key (u32). */
  private readonly maskKey = (Math.random() * 0x1_0000_0000) >>> 0;
  /** Send buffers by frame length (reused while the kernel takes each write whole). */
  private readonly frames: (Buffer | undefined)[] = [];

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
    let buf = this.buffered.length === 0 ? chunk : Buffer.concat([this.buffered, chunk]);
    if (this.state === 'connecting') {
      const response = parseResponseHead(buf);
      if (!response) {
        this.keep(buf, 0);
        return;
      }
      if (response.status !== 101) {
        this.metrics.count(`fail:http-${response.status}`);
        this.state = 'closed';
        this.socket.destroy();
        this.handlers.onClose(1006, true);
        return;
      }
      this.state = 'open';
      this.handlers.onOpen();
      buf = response.rest;
    }
    this.keep(buf, this.readFrames(buf));
  }

  /** Keep what is left from `from` (an incomplete frame) for the next read: a copy, the read buffer is reused. */
  private keep(buf: Buffer, from: number): void {
    this.buffered = from >= buf.length ? EMPTY : Buffer.from(buf.subarray(from));
  }

  /** Hand over every complete frame in `b`; returns the offset of the first incomplete one. */
  private readFrames(b: Buffer): number {
    let off = 0;
    const end = b.length;
    while (end - off >= 2 && this.state === 'open') {
      let len = b[off + 1] & 0x7f;
      let head = 2;
      if (len === 126) {
        if (end - off < 4) break;
        len = (b[off + 2] << 8) | b[off + 3];
        head = 4;
      } else if (len === 127) {
        if (end - off < 10) break;
        len = b.readUInt32BE(off + 2) * 0x1_0000_0000 + b.readUInt32BE(off + 6);
        head = 10;
      }
      if (end - off < head + len) break;
      const opcode = b[off] & 0x0f;
      const start = off + head;
      off = start + len;
      this.metrics.count('bytesIn', len);
      if (opcode === 0x2) this.handlers.onBinary(b, start, off);
      else if (opcode === 0x9) this.socket.write(clientFrame(0xa, b.subarray(start, off), this.maskKey));
      else if (opcode === 0x8) {
        this.closeCode = len >= 2 ? b.readUInt16BE(start) : 1005;
        this.socket.end(clientFrame(0x8, b.subarray(start, start + Math.min(2, len)), this.maskKey));
        this.finish();
      } else if (opcode === 0x1) this.metrics.count('textFrames');
    }
    return off;
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
    this.sendBinary(payload, 0, payload.length);
  }

  /** Send `payload[start, end)` as one binary message, framed and masked without allocating (see the top). */
  sendBinary(payload: Uint8Array, start: number, end: number): void {
    if (this.state !== 'open') return;
    const n = end - start;
    const total = clientHeaderBytes(n) + n;
    const kept = total <= MAX_KEPT_FRAME;
    let out = kept ? this.frames[total] : undefined;
    if (!out) {
      out = Buffer.allocUnsafe(total);
      if (kept) this.frames[total] = out;
    }
    writeClientFrame(out, 0x2, payload, start, end, this.maskKey);
    this.metrics.count('bytesOut', n);
    this.socket.write(out);
    if (kept && this.socket.writableLength > 0) this.frames[total] = undefined;
  }

  /** Close on purpose (not counted as a disconnect). */
  close(code: number): void {
    this.closing = true;
    if (this.state === 'open') {
      this.socket.end(clientFrame(0x8, new Uint8Array([code >> 8, code & 0xff]), this.maskKey));
      this.finish();
    } else {
      this.socket.destroy();
    }
  }
}
