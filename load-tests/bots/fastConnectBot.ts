/**
 * A connection-storm bot without the `ws` library: a hand-written WebSocket
 * handshake over net.Socket (fixed key, response not verified), the Join sent
 * as one masked frame with a zero mask, and just enough frame parsing to spot
 * the Welcome. About a tenth of the generator CPU per connection, so one core
 * can offer the server far more handshakes per second. Only for `connect`.
 */
import { connect, type Socket } from 'node:net';
import { CloseCode, encodeClientMessage, Opcode, SUBPROTOCOL } from '../../shared/protocol';
import type { MetricsRecorder } from '../harness/metricsRecorder';
import { WELCOME_TIMEOUT_MS } from './connectBot';
import { parseResponseHead, parseServerFrame } from '../../tests/support/wsFrameHeader';

/** Any valid 16-byte base64 key will do: the bot does not check Sec-WebSocket-Accept. */
const KEY = 'dGhlIHNhbXBsZSBub25jZQ==';

/** A client frame: FIN + binary (or close), MASK bit, zero masking key (XOR with 0 = unchanged). */
function maskedFrame(opcode: number, payload: Uint8Array): Buffer {
  const header = payload.length < 126 ? 2 : 4;
  const out = Buffer.alloc(header + 4 + payload.length);
  out[0] = 0x80 | opcode;
  if (header === 2) out[1] = 0x80 | payload.length;
  else {
    out[1] = 0x80 | 126;
    out.writeUInt16BE(payload.length, 2);
  }
  out.set(payload, header + 4);
  return out;
}

export class FastConnectBot {
  state: 'connecting' | 'joining' | 'welcomed' | 'done' = 'connecting';
  readonly startedAt: number;
  welcomedAt = 0;
  private readonly socket: Socket;
  private buffered: Buffer = Buffer.alloc(0);

  constructor(
    wsUrl: string,
    name: string,
    private readonly hold: boolean,
    private readonly metrics: MetricsRecorder,
    private readonly now: () => number,
  ) {
    this.startedAt = now();
    const u = new URL(wsUrl);
    const port = Number(u.port || 80);
    const join = maskedFrame(0x2, encodeClientMessage({ op: Opcode.Join, body: { name } }));
    this.socket = connect({ host: u.hostname, port, noDelay: true }, () => {
      this.socket.write(
        `GET ${u.pathname}${u.search} HTTP/1.1\r\nHost: ${u.host}\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n` +
          `Sec-WebSocket-Key: ${KEY}\r\nSec-WebSocket-Version: 13\r\nSec-WebSocket-Protocol: ${SUBPROTOCOL}\r\n\r\n`,
      );
    });
    this.socket.on('data', (chunk: Buffer) => {
      metrics.count('bytesIn', chunk.length);
      this.buffered = this.buffered.length === 0 ? chunk : Buffer.concat([this.buffered, chunk]);
      if (this.state === 'connecting') {
        const response = parseResponseHead(this.buffered);
        if (!response) return;
        const status = response.status;
        this.buffered = response.rest;
        if (status !== 101) return this.fail(`http-${status}`);
        metrics.count('upgraded');
        this.state = 'joining';
        metrics.count('bytesOut', join.length);
        this.socket.write(join);
      }
      if (this.state === 'joining') this.readFrames();
    });
    this.socket.on('error', (err: NodeJS.ErrnoException) => this.fail(err.code ?? 'socket-error'));
    this.socket.on('close', () => {
      if (this.state === 'connecting' || this.state === 'joining') this.fail('closed');
      this.state = 'done';
    });
  }

  /** Server frames are unmasked: [0x82, len | 126 + u16 | 127 + u64, payload]. Look for the Welcome. */
  private readFrames(): void {
    while (this.buffered.length >= 2 && this.state === 'joining') {
      const b = this.buffered;
      const h = parseServerFrame(b);
      if (!h) return;
      const len = h.payloadLength;
      const at = h.payloadStart;
      const opcode = h.opcode;
      if (opcode === 0x8) return this.fail(`closed-${len >= 2 ? b.readUInt16BE(at) : 1005}`);
      if (opcode === 0x2 && len > 0 && b[at] === Opcode.Welcome) {
        this.state = 'welcomed';
        this.welcomedAt = this.now();
        this.metrics.count('welcomed');
        this.metrics.recordMs('timeToWelcome', this.welcomedAt - this.startedAt);
        if (!this.hold) this.leave();
      }
      this.buffered = b.subarray(at + len);
    }
  }

  private fail(reason: string): void {
    if (this.state === 'welcomed' || this.state === 'done') return;
    this.state = 'done';
    this.metrics.count(`fail:${reason}`);
    this.socket.destroy();
  }

  checkTimeout(now: number): void {
    if ((this.state === 'connecting' || this.state === 'joining') && now - this.startedAt > WELCOME_TIMEOUT_MS) this.fail('timeout');
  }

  get settled(): boolean {
    return this.state === 'done' || (this.state === 'welcomed' && this.hold);
  }

  leave(): void {
    if (this.state === 'done') return;
    if (this.state === 'welcomed') {
      const code = new Uint8Array([CloseCode.Normal >> 8, CloseCode.Normal & 0xff]);
      this.socket.end(maskedFrame(0x8, code));
    } else {
      this.socket.destroy();
    }
    this.state = 'done';
  }
}
