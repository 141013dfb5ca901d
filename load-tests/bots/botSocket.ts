/**
 * A bot's WebSocket (the `ws` package: subprotocols, binary, no compression),
 * with the bookkeeping every scenario shares: payload bytes each way, why a
 * connection never opened (`fail:<reason>`), and unexpected closes by code
 * (`close:<code>`). A close the bot asked for itself is not a disconnect.
 */
import WebSocket from 'ws';
import type { MetricsRecorder } from '../harness/metricsRecorder';

export interface BotSocketHandlers {
  onOpen(): void;
  onMessage(bytes: Uint8Array): void;
  /** Called once, whatever the reason; `expected` = the bot closed it. */
  onClose(code: number, expected: boolean): void;
}

export class BotSocket {
  private readonly ws: WebSocket;
  private closing = false;
  private opened = false;
  private ended = false;
  private failed = false;

  constructor(
    url: string,
    subprotocol: string | null,
    private readonly metrics: MetricsRecorder,
    private readonly handlers: BotSocketHandlers,
  ) {
    this.ws = new WebSocket(url, subprotocol ? [subprotocol] : [], { perMessageDeflate: false, handshakeTimeout: 10_000 });
    this.ws.binaryType = 'nodebuffer';
    this.ws.on('open', () => {
      this.opened = true;
      handlers.onOpen();
    });
    this.ws.on('message', (data: Buffer, isBinary: boolean) => {
      metrics.count('bytesIn', data.length);
      if (!isBinary) {
        metrics.count('textFrames');
        return;
      }
      handlers.onMessage(data);
    });
    this.ws.on('unexpected-response', (_req, res) => {
      this.fail(`http-${res.statusCode ?? 0}`);
      res.resume();
      this.ws.terminate();
    });
    this.ws.on('error', (err: Error & { code?: string }) => {
      if (!this.opened) this.fail(err.code ?? err.message.slice(0, 40));
      else metrics.count('socketErrors');
    });
    this.ws.on('close', (code: number) => {
      if (this.ended) return;
      this.ended = true;
      const expected = this.closing;
      if (this.opened && !expected) metrics.count(`close:${code}`);
      handlers.onClose(code, expected);
    });
  }

  private fail(reason: string): void {
    if (this.ended || this.opened || this.failed) return;
    this.failed = true;
    this.metrics.count(`fail:${reason}`);
  }

  get isOpen(): boolean {
    return this.ws.readyState === WebSocket.OPEN;
  }

  send(bytes: Uint8Array): void {
    if (this.ws.readyState !== WebSocket.OPEN) return;
    this.metrics.count('bytesOut', bytes.length);
    this.ws.send(bytes, { binary: true });
  }

  /** Close on purpose (not counted as a disconnect). */
  close(code = 1000): void {
    this.closing = true;
    if (this.ws.readyState === WebSocket.CONNECTING) this.ws.terminate();
    else if (this.ws.readyState === WebSocket.OPEN) this.ws.close(code);
  }

  /** Give up on a connection that never got anywhere (counted as `fail:<reason>`). */
  abandon(reason: string): void {
    this.fail(reason);
    this.closing = true;
    this.ws.terminate();
  }
}
