/**
 * Frames written during a tick wait here and leave in a send pass after every
 * room has stepped, so that the tick is simulation + encoding only and the
 * sockets' syscalls (on loopback the receiver's TCP work too) do not lengthen it.
 *
 *   tick N: step room A, B, … (frames copied in here) │ send pass: link 1, 2, … (yields) │ tick N+1
 *                                                     └ a pass still running when tick N+1 is due is
 *                                                       finished first: no frame waits more than one tick.
 *
 * One arena for every link: each queued frame is a (start, length) slice of it,
 * chained per link in write order, so a link's frames leave in one cork and in
 * order. Outside a tick a link writes straight to its socket unless frames of
 * its own still wait here (then it queues behind them, keeping the order).
 * Nothing is allocated per frame once the arena and the entry tables have grown
 * to a tick's volume.
 */
import { SendStatus } from '../rooms/clientLink';

/** What the queue needs from a link: its socket's write and cork, and the chain it keeps for it. */
export interface QueueingSocket {
  readonly isOpen: boolean;
  /** First and last entry of this link's chain (-1 = none queued). */
  queueHead: number;
  queueTail: number;
  /** Bytes of this link waiting in the arena. */
  queuedBytes: number;
  /** Write one frame to the socket now (uWS send). */
  writeNow(bytes: Uint8Array): SendStatus;
  /** Run `write` corked: everything it writes leaves in one syscall. */
  cork(write: () => void): void;
}

const INITIAL_ARENA_BYTES = 64 * 1024;
const INITIAL_ENTRIES = 1024;
/** How many links to flush between clock reads. */
const LINKS_PER_CLOCK_READ = 8;

export interface OutboundQueueStats {
  /** Frames the socket refused in a send pass (closed or over maxBackpressure after all). */
  sendPassDropped: number;
}

export class OutboundQueue {
  private arena = new Uint8Array(INITIAL_ARENA_BYTES);
  private used = 0;
  private starts = new Int32Array(INITIAL_ENTRIES);
  private lengths = new Int32Array(INITIAL_ENTRIES);
  private nexts = new Int32Array(INITIAL_ENTRIES);
  private entries = 0;
  /** Links with queued frames, in the order they first queued one. */
  private readonly order: QueueingSocket[] = [];
  private cursor = 0;
  private holding = false;
  /** The link being flushed (read by `writeCurrent`, so corking needs no closure per link). */
  private current: QueueingSocket | null = null;
  private readonly writeCurrent = (): void => this.writeChain(this.current!);

  constructor(
    private readonly stats: OutboundQueueStats,
    private readonly now: () => number,
  ) {}

  /** From here until `release`, every link queues what it sends (the tick is running). */
  hold(): void {
    this.holding = true;
  }

  release(): void {
    this.holding = false;
  }

  /** Frames wait for a send pass. */
  get pending(): boolean {
    return this.cursor < this.order.length;
  }

  /** Bytes in the arena (for metrics and tests). */
  get queuedBytes(): number {
    return this.used;
  }

  /** Whether a send from `link` must queue (a tick runs, or its earlier frames still wait). */
  mustQueue(link: QueueingSocket): boolean {
    return this.holding || link.queueHead >= 0;
  }

  /** Copy `bytes` into the arena at the end of `link`'s chain. */
  enqueue(link: QueueingSocket, bytes: Uint8Array): void {
    const start = this.reserve(bytes.length);
    this.arena.set(bytes, start);
    const entry = this.newEntry(start, bytes.length);
    if (link.queueHead < 0) {
      link.queueHead = entry;
      this.order.push(link);
    } else {
      this.nexts[link.queueTail] = entry;
    }
    link.queueTail = entry;
    link.queuedBytes += bytes.length;
  }

  /**
   * Write queued frames, link by link (one cork each), until all are written
   * or the clock passes `untilMs`. Returns true when nothing is left.
   */
  flush(untilMs: number): boolean {
    while (this.cursor < this.order.length) {
      for (let k = 0; k < LINKS_PER_CLOCK_READ && this.cursor < this.order.length; k++) {
        this.flushLink(this.order[this.cursor++]);
      }
      if (this.cursor < this.order.length && this.now() >= untilMs) return false;
    }
    if (!this.holding) this.resetArena();
    return true;
  }

  /** Write one link's queued frames now (before it closes, so its last words go out first). */
  flushLink(link: QueueingSocket): void {
    if (link.queueHead < 0) return;
    if (link.isOpen) {
      this.current = link;
      link.cork(this.writeCurrent);
      this.current = null;
    }
    this.forget(link);
  }

  /** Drop one link's queued frames (its socket closed). */
  forget(link: QueueingSocket): void {
    link.queueHead = -1;
    link.queueTail = -1;
    link.queuedBytes = 0;
  }

  private writeChain(link: QueueingSocket): void {
    // A socket that closes under a write (its close handler runs synchronously) takes no more: uWS would throw.
    for (let e = link.queueHead; e >= 0 && link.isOpen; e = this.nexts[e]) {
      const start = this.starts[e];
      const status = link.writeNow(this.arena.subarray(start, start + this.lengths[e]));
      if (status === SendStatus.Dropped) this.stats.sendPassDropped++;
    }
  }

  private resetArena(): void {
    this.used = 0;
    this.entries = 0;
    this.order.length = 0;
    this.cursor = 0;
  }

  private reserve(length: number): number {
    if (this.used + length > this.arena.length) {
      let size = this.arena.length * 2;
      while (size < this.used + length) size *= 2;
      const grown = new Uint8Array(size);
      grown.set(this.arena.subarray(0, this.used));
      this.arena = grown;
    }
    const start = this.used;
    this.used += length;
    return start;
  }

  private newEntry(start: number, length: number): number {
    if (this.entries === this.starts.length) {
      this.starts = grow(this.starts);
      this.lengths = grow(this.lengths);
      this.nexts = grow(this.nexts);
    }
    const e = this.entries++;
    this.starts[e] = start;
    this.lengths[e] = length;
    this.nexts[e] = -1;
    return e;
  }
}

function grow(table: Int32Array<ArrayBuffer>): Int32Array<ArrayBuffer> {
  const grown = new Int32Array(table.length * 2);
  grown.set(table);
  return grown;
}
