/**
 * A slow consumer: a joined raw client that stops reading its socket and
 * keeps asking for downstream data, so the server's send buffer for it fills.
 * Loopback kernel buffers hold megabytes, so it asks hard: WebSocket ping
 * frames with 125-byte payloads (uWS answers each with a 125-byte pong) and
 * tickwire Pings (each answered with a Pong; the server must allow the rate,
 * --max-message-rate). Afterwards it reads again, to see how it was closed.
 */
import { Opcode } from '../../shared/protocol/constants';
import { encodeClientMessage } from '../../shared/protocol/frameCodec';
import { buildFrame, type Ending, RawWebSocket, WsOpcode } from '../testing/rawWebSocket';
import { joinedRawSocket } from './hostileKit';

export class SlowConsumer {
  private timer: ReturnType<typeof setInterval> | null = null;
  bytesRequested = 0;

  private constructor(readonly ws: RawWebSocket) {}

  static async join(port: number, roomId: string, name: string): Promise<SlowConsumer> {
    return new SlowConsumer(await joinedRawSocket(port, roomId, name));
  }

  /**
   * Stop reading and send requests every 10 ms until about `maxRequestedBytes`
   * of answers are due (loopback buffers must fill before uWS sees backpressure).
   */
  stall(maxRequestedBytes = 8 * 1024 * 1024, wsPingsPerBatch = 400, tickwirePingsPerBatch = 50): void {
    this.ws.socket.pause();
    const wsPing = buildFrame({ opcode: WsOpcode.Ping, payload: new Uint8Array(125).fill(0x2a) });
    const twPing = buildFrame({ opcode: WsOpcode.Binary, payload: encodeClientMessage({ op: Opcode.Ping, body: { t: 1 } }) });
    const batch = Buffer.concat([...Array<Buffer>(wsPingsPerBatch).fill(wsPing), ...Array<Buffer>(tickwirePingsPerBatch).fill(twPing)]);
    this.timer = setInterval(() => {
      // Our own send buffer grows too if the server stops reading us: cap it.
      if (this.ws.socket.destroyed || this.ws.socket.writableLength > 4 * 1024 * 1024) return;
      if (this.bytesRequested >= maxRequestedBytes) return;
      this.ws.write(batch);
      this.bytesRequested += wsPingsPerBatch * 127 + tickwirePingsPerBatch * 30;
    }, 10);
  }

  /** Stop flooding, read again, and report how the server ended the connection. */
  async ending(timeoutMs = 10_000): Promise<Ending> {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    this.ws.socket.resume();
    return this.ws.ending(timeoutMs, true);
  }

  destroy(): void {
    if (this.timer) clearInterval(this.timer);
    this.ws.destroy();
  }
}
