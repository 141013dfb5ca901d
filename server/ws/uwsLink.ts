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
