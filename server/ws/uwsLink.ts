/**
 * ClientLink over a uWS WebSocket. After close, nothing touches the socket (uWS would throw).
 *
 * With an OutboundQueue, what the link sends while a tick runs (and after it, until its
 * frames have left) is queued there and written by the send pass; the backpressure it
 * reports counts those queued bytes, so the broadcaster's skip decisions stay honest.
 */
import type { WebSocket } from 'uWebSockets.js';
import { type ClientLink, SendStatus } from '../rooms/clientLink';
import type { OutboundQueue, QueueingSocket } from './outboundQueue';

export class UwsLink<T> implements ClientLink, QueueingSocket {
  isOpen = true;
  queueHead = -1;
  queueTail = -1;
  queuedBytes = 0;

  /**
   * `queue`: defer sends to the send pass (null: write at once);
   * `maxBackpressureBytes`: the route's cap, past which a send is dropped as uWS would.
   */
  constructor(
    private readonly ws: WebSocket<T>,
    private readonly queue: OutboundQueue | null = null,
    private readonly maxBackpressureBytes = Infinity,
  ) {}

  send(bytes: Uint8Array): SendStatus {
    if (!this.isOpen) return SendStatus.Dropped;
    if (this.queue?.mustQueue(this)) return this.enqueue(bytes);
    return this.ws.send(bytes, true, false) as SendStatus;
  }

  // sendBatch's arguments, held in fields so corking needs no closure per call.
  private batchFirst: Uint8Array | null = null;
  private batchRest: readonly Uint8Array[] = [];
  private batchStatus: SendStatus = SendStatus.Success;
  private readonly flushBatch = (): void => {
    this.batchStatus = this.ws.send(this.batchFirst!, true, false) as SendStatus;
    for (const frame of this.batchRest) this.ws.send(frame, true, false);
  };

  sendBatch(first: Uint8Array, rest: readonly Uint8Array[]): SendStatus {
    if (!this.isOpen) return SendStatus.Dropped;
    if (rest.length === 0) return this.send(first);
    if (this.queue?.mustQueue(this)) {
      const status = this.enqueue(first);
      for (const frame of rest) this.enqueue(frame);
      return status;
    }
    this.batchFirst = first;
    this.batchRest = rest;
    this.ws.cork(this.flushBatch);
    this.batchFirst = null;
    this.batchRest = [];
    return this.batchStatus;
  }

  /** Bytes in the socket's buffer plus those still queued for the send pass. */
  bufferedAmount(): number {
    return this.isOpen ? this.ws.getBufferedAmount() + this.queuedBytes : 0;
  }

  /** Close after the frames still queued for this link (an Error before a close must arrive first). */
  close(code: number, reason: string): void {
    if (!this.isOpen) return;
    this.queue?.flushLink(this);
    this.isOpen = false;
    this.ws.end(code, reason);
  }

  /** The socket closed (from uWS's close handler): its queued frames have nowhere to go. */
  markClosed(): void {
    this.isOpen = false;
    this.queue?.forget(this);
  }

  writeNow(bytes: Uint8Array): SendStatus {
    return this.ws.send(bytes, true, false) as SendStatus;
  }

  cork(write: () => void): void {
    this.ws.cork(write);
  }

  /**
   * Queue as uWS would send: dropped when the socket's buffer plus what waits here is over
   * the cap (uWS checks the buffer before writing), else accepted (Backpressure when bytes
   * are already waiting).
   */
  private enqueue(bytes: Uint8Array): SendStatus {
    const waiting = this.ws.getBufferedAmount() + this.queuedBytes;
    if (waiting > this.maxBackpressureBytes) return SendStatus.Dropped;
    this.queue!.enqueue(this, bytes);
    return waiting > 0 ? SendStatus.Backpressure : SendStatus.Success;
  }
}
