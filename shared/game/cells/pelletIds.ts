/**
 * Pellet ids (256..65535): allocated in a wrapping sequence that skips live
 * ids, so a freed id comes back only after the sequence has gone round (tens
 * of seconds of play). A client therefore never sees one id jump from an eaten
 * pellet to a new one between two snapshots and interpolate a slide.
 *
 * The live set is a 65,536-bit set, which writeView walks to list pellets in
 * ascending id order without sorting.
 */
import { FIRST_PELLET_ID, LAST_PELLET_ID } from './constants';

export class PelletIds {
  /** Bit i set ⇔ id i is live (only pellet ids are ever set). */
  readonly live = new Uint32Array(65536 / 32);
  /** The id the next allocation tries first. */
  next: number;

  /** Pellet ids are firstId..65535 (256 in the standard world, 2048 in bigcells). */
  constructor(readonly firstId = FIRST_PELLET_ID) {
    this.next = firstId;
  }

  /** A free id, now live; 0 when all are live. */
  allocate(): number {
    let id = this.next;
    for (let tries = LAST_PELLET_ID - this.firstId + 1; tries > 0; tries--) {
      const word = id >>> 5;
      const bit = 1 << (id & 31);
      const nextId = id === LAST_PELLET_ID ? this.firstId : id + 1;
      if ((this.live[word] & bit) === 0) {
        this.live[word] |= bit;
        this.next = nextId;
        return id;
      }
      id = nextId;
    }
    return 0;
  }

  release(id: number): void {
    this.live[id >>> 5] &= ~(1 << (id & 31));
  }

  isLive(id: number): boolean {
    return (this.live[id >>> 5] & (1 << (id & 31))) !== 0;
  }
}
