/**
 * One room's WebSocket payload bytes, both ways (the operator console shows
 * them per second): inbound counted by the connection handler for frames of
 * a connection in the room, outbound by each member's MeteredLink.
 */
import { SendStatus, type ClientLink } from './clientLink';

export class RoomTraffic {
  bytesIn = 0;
  bytesOut = 0;
}

/** A member's link that counts what it sends (not what the socket dropped) into its room's traffic. */
export class MeteredLink implements ClientLink {
  constructor(
    private readonly inner: ClientLink,
    private readonly traffic: RoomTraffic,
  ) {}

  get isOpen(): boolean {
    return this.inner.isOpen;
  }

  send(bytes: Uint8Array): SendStatus {
    const status = this.inner.send(bytes);
    if (status !== SendStatus.Dropped) this.traffic.bytesOut += bytes.length;
    return status;
  }

  sendBatch(first: Uint8Array, rest: readonly Uint8Array[]): SendStatus {
    const status = this.inner.sendBatch(first, rest);
    if (status !== SendStatus.Dropped) {
      let n = first.length;
      for (const f of rest) n += f.length;
      this.traffic.bytesOut += n;
    }
    return status;
  }

  bufferedAmount(): number {
    return this.inner.bufferedAmount();
  }

  close(code: number, reason: string): void {
    this.inner.close(code, reason);
  }
}
