/**
 * What a room needs from a connection, and nothing more: the room never sees
 * uWS. Tests hand rooms fake links; the server hands them UwsLink.
 */
export const SendStatus = {
  /** Queued in the socket's buffer (backpressure). */
  Backpressure: 0,
  Success: 1,
  /** Dropped: the buffer is over maxBackpressure, or the socket is closed. */
  Dropped: 2,
} as const;
export type SendStatus = (typeof SendStatus)[keyof typeof SendStatus];

export interface ClientLink {
  /** Send one binary frame. The bytes are copied before this returns. */
  send(bytes: Uint8Array): SendStatus;
  /**
   * Send `first` then each of `rest` as one write (corked): one syscall for a
   * snapshot and the events of the same tick. Returns the status of `first`.
   */
  sendBatch(first: Uint8Array, rest: readonly Uint8Array[]): SendStatus;
  /** Bytes waiting in the send buffer. */
  bufferedAmount(): number;
  /** Close with a WebSocket close code (idempotent). */
  close(code: number, reason: string): void;
  readonly isOpen: boolean;
}
