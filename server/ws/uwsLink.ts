/** ClientLink over a uWS WebSocket. After close, nothing touches the socket (uWS would throw). */
import type { WebSocket } from 'uWebSockets.js';
import { type ClientLink, SendStatus } from '../rooms/clientLink';

export class UwsLink<T> implements ClientLink {
  isOpen = true;

  constructor(private readonly ws: WebSocket<T>) {}

  send(bytes: Uint8Array): SendStatus {
    if (!this.isOpen) return SendStatus.Dropped;
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
    this.batchFirst = first;
    this.batchRest = rest;
    this.ws.cork(this.flushBatch);
    this.batchFirst = null;
    this.batchRest = [];
    return this.batchStatus;
  }

  bufferedAmount(): number {
    return this.isOpen ? this.ws.getBufferedAmount() : 0;
  }

  close(code: number, reason: string): void {
    if (!this.isOpen) return;
    this.isOpen = false;
    this.ws.end(code, reason);
  }

  /** The socket closed (from uWS's close handler). */
  markClosed(): void {
    this.isOpen = false;
  }
}
