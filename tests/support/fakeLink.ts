/** A ClientLink that records what a room sends, with a settable send buffer. */
import type { ClientLink, SendStatus } from '../../server/rooms/clientLink';

export class FakeLink implements ClientLink {
  readonly frames: Uint8Array[] = [];
  isOpen = true;
  buffered = 0;
  closedWith: { code: number; reason: string } | null = null;

  send(bytes: Uint8Array): SendStatus {
    if (!this.isOpen) return 2;
    this.frames.push(bytes.slice());
    return 1;
  }

  sendBatch(first: Uint8Array, rest: readonly Uint8Array[]): SendStatus {
    const status = this.send(first);
    for (const frame of rest) this.send(frame);
    return status;
  }

  bufferedAmount(): number {
    return this.buffered;
  }

  close(code: number, reason: string): void {
    if (!this.isOpen) return;
    this.isOpen = false;
    this.closedWith = { code, reason };
  }

  /** Frames received since the last call. */
  take(): Uint8Array[] {
    return this.frames.splice(0);
  }
}
