/**
 * A WebSocket client built by hand on node:net, for hostile tests: it writes
 * whatever bytes it is told (reserved bits, bogus lengths, unmasked frames,
 * half a handshake) and records exactly how the server ended the connection —
 * a close frame with its code, or an abrupt TCP close without one.
 *
 * Frame layout (RFC 6455 §5.2), byte order big-endian:
 *
 *   byte 0: FIN | RSV1 | RSV2 | RSV3 | opcode(4)
 *   byte 1: MASK | len7      len7 = 126 → u16 follows, 127 → u64 follows
 *   [mask key: 4 bytes]  payload (XOR mask key if masked)
 */
import net from 'node:net';
import { SUBPROTOCOL } from '../../shared/protocol/constants';
import { parseResponseHead, parseServerFrame } from './wsFrameHeader';

export const WsOpcode = {
  Continuation: 0x0,
  Text: 0x1,
  Binary: 0x2,
  Close: 0x8,
  Ping: 0x9,
  Pong: 0xa,
} as const;

export interface FrameSpec {
  opcode: number;
  payload?: Uint8Array;
  /** Default true. */
  fin?: boolean;
  /** RSV1..3 as a 3-bit number (4 = RSV1). */
  rsv?: number;
  /** Default true: clients must mask. */
  masked?: boolean;
  /** Length to declare instead of the payload's (e.g. 2^63 with a short payload). */
  declaredLength?: bigint;
  /** Force the 16- or 64-bit length form even for short payloads. */
  lengthForm?: 7 | 16 | 64;
}

const FIXED_MASK = Buffer.from([0x37, 0xfa, 0x21, 0x3d]);

/** Build one frame; the mask key is fixed (tests stay byte-for-byte reproducible). */
export function buildFrame(spec: FrameSpec): Buffer {
  const payload = Buffer.from(spec.payload ?? new Uint8Array(0));
  const masked = spec.masked ?? true;
  const length = spec.declaredLength ?? BigInt(payload.length);
  const form = spec.lengthForm ?? (length < 126n ? 7 : length < 65536n ? 16 : 64);
  const head: number[] = [((spec.fin ?? true) ? 0x80 : 0) | ((spec.rsv ?? 0) << 4) | (spec.opcode & 0x0f)];
  const maskBit = masked ? 0x80 : 0;
  let ext = Buffer.alloc(0);
  if (form === 7) head.push(maskBit | Number(length));
  else if (form === 16) {
    head.push(maskBit | 126);
    ext = Buffer.alloc(2);
    ext.writeUInt16BE(Number(length));
  } else {
    head.push(maskBit | 127);
    ext = Buffer.alloc(8);
    ext.writeBigUInt64BE(length);
  }
  const body = Buffer.from(payload);
  if (masked) for (let i = 0; i < body.length; i++) body[i] ^= FIXED_MASK[i & 3];
  return Buffer.concat([Buffer.from(head), ext, masked ? FIXED_MASK : Buffer.alloc(0), body]);
}

/** A close frame payload: u16 code + UTF-8 reason. */
export function closePayload(code: number, reason = ''): Uint8Array {
  const r = Buffer.from(reason);
  const out = Buffer.alloc(2 + r.length);
  out.writeUInt16BE(code);
  r.copy(out, 2);
  return out;
}

export interface UpgradeOptions {
  path?: string;
  /** Sec-WebSocket-Protocol; null leaves the header out. */
  protocol?: string | null;
  origin?: string;
  headers?: Record<string, string>;
  /** Source address to connect from (any 127.x.y.z works on Linux loopback). */
  localAddress?: string;
}

export function upgradeRequest(port: number, opts: UpgradeOptions = {}): string {
  const lines = [
    `GET ${opts.path ?? '/ws'} HTTP/1.1`,
    `Host: 127.0.0.1:${port}`,
    'Upgrade: websocket',
    'Connection: Upgrade',
    'Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==',
    'Sec-WebSocket-Version: 13',
  ];
  const protocol = opts.protocol === undefined ? SUBPROTOCOL : opts.protocol;
  if (protocol !== null) lines.push(`Sec-WebSocket-Protocol: ${protocol}`);
  if (opts.origin) lines.push(`Origin: ${opts.origin}`);
  for (const [k, v] of Object.entries(opts.headers ?? {})) lines.push(`${k}: ${v}`);
  return `${lines.join('\r\n')}\r\n\r\n`;
}

export interface ServerFrame {
  fin: boolean;
  opcode: number;
  payload: Buffer;
}

/** How the server ended a connection. */
export type Ending =
  /** A close frame arrived (then TCP closed, or we timed out waiting for it). */
  | { kind: 'close-frame'; code: number | null; reason: string }
  /** TCP closed (FIN or RST) without a close frame. */
  | { kind: 'abrupt'; error: string | null }
  /** Still open when we stopped waiting. */
  | { kind: 'open' };

export function describeEnding(e: Ending): string {
  if (e.kind === 'close-frame') return e.code === null ? 'close frame without a code' : `close frame ${e.code}`;
  if (e.kind === 'abrupt') return `abrupt TCP close${e.error ? ` (${e.error})` : ''}`;
  return 'still open';
}

/**
 * One raw connection. `handshake` resolves with the HTTP status line once the
 * response head arrives; frames after a 101 are parsed into `frames`.
 */
export class RawWebSocket {
  readonly frames: ServerFrame[] = [];
  status = 0;
  responseHead = '';
  tcpClosed = false;
  error: string | null = null;
  private buf: Buffer = Buffer.alloc(0);
  private upgraded = false;
  private readonly waiters: (() => void)[] = [];

  private constructor(readonly socket: net.Socket) {
    socket.setNoDelay(true);
    socket.on('data', (chunk: Buffer) => this.onData(chunk));
    socket.on('error', (err: NodeJS.ErrnoException) => {
      this.error = err.code ?? err.message;
    });
    socket.on('close', () => {
      this.tcpClosed = true;
      this.wake();
    });
  }

  /** Connect the TCP socket only (nothing written yet). */
  static connect(port: number, host = '127.0.0.1'): Promise<RawWebSocket> {
    return new Promise((resolve, reject) => {
      const socket = net.connect(port, host);
      const ws = new RawWebSocket(socket);
      socket.once('connect', () => resolve(ws));
      socket.once('error', reject);
    });
  }

  /** Connect and upgrade; resolves after the response head (check `status`). */
  static async open(port: number, opts: UpgradeOptions = {}, timeoutMs = 5000): Promise<RawWebSocket> {
    const ws = new RawWebSocket(net.connect({ port, host: '127.0.0.1', localAddress: opts.localAddress }));
    // Written at once: node:net queues it until the TCP connection is up.
    ws.write(upgradeRequest(port, opts));
    await ws.waitFor(() => ws.status !== 0 || ws.tcpClosed, 'handshake response', timeoutMs);
    return ws;
  }

  write(bytes: Uint8Array | string): void {
    if (!this.socket.destroyed) this.socket.write(bytes);
  }

  get closeFrame(): ServerFrame | undefined {
    return this.frames.find((f) => f.opcode === WsOpcode.Close);
  }

  /**
   * Wait until the server ends the connection (or `timeoutMs` passes) and say
   * how. `closeFrameIsEnough`: stop at the close frame without waiting for TCP.
   */
  async ending(timeoutMs = 5000, closeFrameIsEnough = false): Promise<Ending> {
    const done = () => this.tcpClosed || (closeFrameIsEnough && this.closeFrame !== undefined);
    await this.waitFor(done, 'TCP close', timeoutMs).catch(() => undefined);
    const close = this.closeFrame;
    if (close) {
      const code = close.payload.length >= 2 ? close.payload.readUInt16BE(0) : null;
      return { kind: 'close-frame', code, reason: close.payload.subarray(2).toString() };
    }
    return this.tcpClosed ? { kind: 'abrupt', error: this.error } : { kind: 'open' };
  }

  /** Resolve when `predicate` holds (checked on every data/close event); reject after `timeoutMs`. */
  waitFor(predicate: () => boolean, what: string, timeoutMs = 5000): Promise<void> {
    if (predicate()) return Promise.resolve();
    return new Promise((resolve, reject) => {
      const check = () => {
        if (!predicate()) return;
        clearTimeout(timer);
        this.waiters.splice(this.waiters.indexOf(check), 1);
        resolve();
      };
      const timer = setTimeout(() => {
        this.waiters.splice(this.waiters.indexOf(check), 1);
        reject(new Error(`timed out after ${timeoutMs} ms waiting for ${what}`));
      }, timeoutMs);
      this.waiters.push(check);
    });
  }

  destroy(): void {
    this.socket.destroy();
  }

  private onData(chunk: Buffer): void {
    this.buf = this.buf.length === 0 ? chunk : Buffer.concat([this.buf, chunk]);
    if (!this.upgraded) {
      const response = parseResponseHead(this.buf);
      if (!response) return;
      this.responseHead = response.head;
      this.status = response.status || -1;
      this.buf = response.rest;
      this.upgraded = this.status === 101;
      if (!this.upgraded) this.buf = Buffer.alloc(0);
    }
    if (this.upgraded) this.parseFrames();
    this.wake();
  }

  private parseFrames(): void {
    for (;;) {
      const b = this.buf;
      const h = parseServerFrame(b);
      if (!h) return;
      const end = h.payloadStart + h.payloadLength;
      this.frames.push({ fin: h.fin, opcode: h.opcode, payload: Buffer.from(b.subarray(h.payloadStart, end)) });
      this.buf = b.subarray(end);
    }
  }

  private wake(): void {
    for (const w of [...this.waiters]) w();
  }
}
