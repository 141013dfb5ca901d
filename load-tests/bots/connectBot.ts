/**
 * One connection of a storm: upgrade, Join (quick play), wait for the Welcome.
 * time-to-welcome runs from the moment the socket is created. Without `hold`
 * the bot leaves as soon as it is welcomed.
 */
import { CloseCode, decodeServerFrame, DecodeError, encodeClientMessage, Opcode, SUBPROTOCOL } from '../../shared/protocol';
import type { MetricsRecorder } from '../harness/metricsRecorder';
import { BotSocket } from './botSocket';

/** A connection without a welcome after this long is a failure (`fail:timeout`). */
export const WELCOME_TIMEOUT_MS = 10_000;

export class ConnectBot {
  state: 'connecting' | 'joining' | 'welcomed' | 'done' = 'connecting';
  private readonly socket: BotSocket;
  readonly startedAt: number;
  welcomedAt = 0;

  constructor(
    wsUrl: string,
    name: string,
    private readonly hold: boolean,
    private readonly metrics: MetricsRecorder,
    now: () => number,
  ) {
    this.startedAt = now();
    this.socket = new BotSocket(wsUrl, SUBPROTOCOL, metrics, {
      onOpen: () => {
        this.state = 'joining';
        metrics.count('upgraded');
        this.socket.send(encodeClientMessage({ op: Opcode.Join, body: { name } }));
      },
      onMessage: (bytes) => {
        if (this.state !== 'joining') return;
        const msg = decodeServerFrame(bytes, null);
        if (msg instanceof DecodeError || msg.op !== Opcode.Welcome) return;
        this.state = 'welcomed';
        this.welcomedAt = now();
        metrics.count('welcomed');
        metrics.recordMs('timeToWelcome', this.welcomedAt - this.startedAt);
        if (!this.hold) this.leave();
      },
      onClose: (code) => {
        if (this.state === 'joining') metrics.count(`fail:closed-${code}`);
        this.state = 'done';
      },
    });
  }

  /** Called by the worker's clock: give up on a connection stuck past the timeout. */
  checkTimeout(now: number): void {
    if ((this.state === 'connecting' || this.state === 'joining') && now - this.startedAt > WELCOME_TIMEOUT_MS) {
      this.state = 'done';
      this.socket.abandon('timeout');
    }
  }

  get settled(): boolean {
    return this.state === 'done' || (this.state === 'welcomed' && this.hold);
  }

  leave(): void {
    if (this.state === 'done') return;
    if (this.state === 'welcomed') this.socket.send(encodeClientMessage({ op: Opcode.Leave, body: {} }));
    this.state = 'done';
    this.socket.close(CloseCode.Normal);
  }
}
