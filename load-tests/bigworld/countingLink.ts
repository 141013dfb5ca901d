/**
 * A client link for in-process benches: it sends nothing, counts the bytes
 * (events apart) and the snapshots, and reads the tick of the newest snapshot
 * from the frame (opcode, u32 ackSeq, varuint tick).
 */
import { SendStatus, type ClientLink } from '../../server/rooms/clientLink';
import { Opcode } from '../../shared/protocol/constants';

export class CountingLink implements ClientLink {
  bytes = 0;
  eventBytes = 0;
  snapshots = 0;
  /** Tick of the newest snapshot sent (read from the frame: opcode, u32 ackSeq, varuint tick). */
  lastTick = 0;
  readonly isOpen = true;
  send(bytes: Uint8Array): SendStatus {
    this.bytes += bytes.length;
    if (bytes[0] === Opcode.Events) this.eventBytes += bytes.length;
    return SendStatus.Success;
  }
  sendBatch(first: Uint8Array, rest: readonly Uint8Array[]): SendStatus {
    this.send(first);
    for (const r of rest) this.send(r);
    if (first[0] === Opcode.Snapshot) {
      this.snapshots++;
      let tick = 0;
      for (let i = 5, shift = 1; ; i++, shift *= 128) {
        tick += (first[i] & 127) * shift;
        if (first[i] < 128) break;
      }
      this.lastTick = tick;
    }
    return SendStatus.Success;
  }
  bufferedAmount(): number {
    return 0;
  }
  close(): void {}
}
