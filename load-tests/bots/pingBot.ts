/**
 * Throughput bot: keeps `pipeline` Pings in flight on one connection and sends
 * the next as each answer arrives. Against tickwire it joins first and counts
 * Pongs (snapshots and events also arrive and are only counted as bytes);
 * against a raw echo server (`raw`) every message back is an answer.
 * Answers come back in order on one connection, so send times are a FIFO.
 */
import { CloseCode, encodeClientMessage, Opcode, SUBPROTOCOL } from '../../shared/protocol';
import type { MetricsRecorder } from '../harness/metricsRecorder';
import { BotSocket } from './botSocket';

export class PingBot {
  state: 'connecting' | 'joining' | 'running' | 'closed' = 'connecting';
  private readonly socket: BotSocket;
  private readonly sentAt: number[] = [];
  private head = 0;
  private stopped = false;
  sent = 0;
  answered = 0;

  constructor(
    wsUrl: string,
    private readonly raw: boolean,
    private readonly pipeline: number,
    name: string,
    private readonly metrics: MetricsRecorder,
    private readonly now: () => number,
  ) {
    this.socket = new BotSocket(wsUrl, raw ? null : SUBPROTOCOL, metrics, {
      onOpen: () => {
        if (raw) this.start();
        else {
          this.state = 'joining';
          this.socket.send(encodeClientMessage({ op: Opcode.Join, body: { name } }));
        }
      },
      onMessage: (bytes) => this.onMessage(bytes),
      onClose: () => {
        this.state = 'closed';
      },
    });
  }

  get inFlight(): number {
    return this.sent - this.answered;
  }

  private start(): void {
    this.state = 'running';
    for (let i = 0; i < this.pipeline; i++) this.ping();
  }

  private ping(): void {
    if (this.stopped) return;
    const t = this.now();
    this.sentAt.push(t);
    this.sent++;
    this.metrics.count('pingsSent');
    this.socket.send(encodeClientMessage({ op: Opcode.Ping, body: { t } }));
  }

  private onMessage(bytes: Uint8Array): void {
    if (this.state === 'joining') {
      if (bytes[0] === Opcode.Welcome) {
        this.metrics.count('welcomed');
        this.start();
      }
      return;
    }
    if (this.state !== 'running') return;
    if (!this.raw && bytes[0] !== Opcode.Pong) return;
    const t0 = this.sentAt[this.head++];
    if (this.head > 4096) {
      this.sentAt.splice(0, this.head);
      this.head = 0;
    }
    this.answered++;
    this.metrics.count('pongs');
    this.metrics.recordMs('pingRtt', this.now() - t0);
    this.ping();
  }

  /** Stop sending; answers still in flight are counted if they arrive before close. */
  stop(): void {
    this.stopped = true;
  }

  close(): void {
    this.stopped = true;
    if (this.state === 'closed') return;
    this.state = 'closed';
    this.socket.close(CloseCode.Normal);
  }
}
