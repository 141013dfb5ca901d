/**
 * Quake 3-style snapshots for one room. The room's quantized world is captured
 * into a ring of recent snapshots; each client gets a delta against the newest
 * snapshot it acknowledged that is still in the ring, or a full snapshot when
 * none is. Clients that share a baseline share one encoded frame: it is encoded
 * once and only the 4-byte ackSeq is patched per client (encode once, send many).
 * A lost, late or skipped snapshot never needs resending: the next delta is
 * against whatever the client did acknowledge.
 *
 * Full snapshots are rate-limited per client (fullSnapshotLimiter.ts): at most
 * one per `fullSnapshotIntervalMs`, whatever the client acknowledges; between
 * them, deltas against its last ack or the last full it was sent.
 *
 * Backpressure policy: a client whose send buffer holds more than
 * `skipBytes` is skipped (counted); one that stays backed up for
 * `slowCloseMs` is closed with 4004. Nothing is queued for it.
 */
import { CloseCode } from '../../shared/protocol/constants';
import { ByteWriter } from '../../shared/protocol/bytes';
import type { EntityLayout } from '../../shared/protocol/entitySchema';
import { EntityTable } from '../../shared/protocol/entityTable';
import { SnapshotDeltaWriter } from '../../shared/protocol/snapshotDeltaWriter';
import { SNAPSHOT_ACK_OFFSET } from '../../shared/protocol/snapshotFrame';
import { INPUT_ACK_BITS } from '../../shared/protocol/inputCodec';
import { SendStatus, type ClientLink } from './clientLink';
import { chooseBaseline, type AckState } from './fullSnapshotLimiter';
import type { ServerStats } from '../serverStats';

/** What the broadcaster needs to know about each recipient. */
export interface SnapshotRecipient extends AckState {
  readonly link: ClientLink | null;
  /** Last input seq applied for this client. */
  readonly lastAppliedSeq: number;
  /** When the client's buffer first went over the threshold (0 = not backed up). */
  backedUpSinceMs: number;
}

export interface BackpressurePolicy {
  skipBytes: number;
  slowCloseMs: number;
  /** At most one full snapshot per client per this many ms. */
  fullSnapshotIntervalMs: number;
}

export class SnapshotBroadcaster {
  private readonly ring: EntityTable[];
  private newest = -1;
  private readonly writer = new ByteWriter(2048);
  private readonly deltaWriter: SnapshotDeltaWriter;
  private readonly groups = new Map<number, SnapshotRecipient[]>();

  constructor(
    layout: EntityLayout,
    ringSize: number,
    private readonly policy: BackpressurePolicy,
    private readonly stats: ServerStats,
  ) {
    this.ring = Array.from({ length: ringSize }, () => new EntityTable(layout.stride));
    this.deltaWriter = new SnapshotDeltaWriter(layout);
  }

  /** Fill the next ring slot for `tick`; returns it (valid until the ring wraps). */
  capture(tick: number, fill: (out: EntityTable) => void): EntityTable {
    this.newest = (this.newest + 1) % this.ring.length;
    const table = this.ring[this.newest].begin(tick);
    fill(table);
    return table.finish();
  }

  /**
   * The ring's snapshot at exactly `tick`, if still held. Captures come every
   * `every` ticks, so the slot is found by arithmetic (one Input and every
   * recipient of every broadcast ask: a scan of the ring was 3 % of the server
   * at 500 players); a ring with gaps (a capture skipped) falls back to the scan.
   */
  baseline(tick: number): EntityTable | null {
    if (tick <= 0 || this.newest < 0) return null;
    const ring = this.ring;
    const newestTick = ring[this.newest].tick;
    const prevTick = ring[(this.newest + ring.length - 1) % ring.length].tick;
    const every = newestTick - prevTick;
    if (every > 0 && tick <= newestTick && (newestTick - tick) % every === 0) {
      const back = (newestTick - tick) / every;
      if (back < ring.length) {
        const t = ring[(this.newest - back + ring.length) % ring.length];
        if (t.tick === tick) return t;
      }
    }
    for (const t of ring) if (t.tick === tick) return t;
    return null;
  }

  /**
   * The held snapshot a client's acknowledgement names: its index (tick ÷
   * `every`) mod 2^INPUT_ACK_BITS, as the compact Input carries it; 0 when none is held.
   * The newest tick with that index is `every` × (index distance) before the newest capture
   * when captures are regular (checked); otherwise the ring is scanned.
   */
  resolveAck(indexLow: number, every: number): number {
    const current = this.current;
    if (!current) return 0;
    const span = 2 ** INPUT_ACK_BITS;
    const distance = (((Math.floor(current.tick / every) - indexLow) % span) + span) % span;
    const candidate = current.tick - distance * every;
    if (candidate > 0 && Math.floor(candidate / every) % span === indexLow && this.baseline(candidate)) return candidate;
    let best = 0;
    for (const t of this.ring) {
      if (t.tick > best && Math.floor(t.tick / every) % span === indexLow) best = t.tick;
    }
    return best;
  }

  private readonly isHeld = (tick: number): boolean => this.baseline(tick) !== null;

  get current(): EntityTable | null {
    return this.newest < 0 ? null : this.ring[this.newest];
  }

  /**
   * Send the current snapshot to every recipient with an open link, each
   * followed in the same write by `trailer` (this tick's events). Events are
   * few and matter (names, kills, chat): a backed-up client skips the
   * snapshot but still gets them.
   */
  broadcast(recipients: Iterable<SnapshotRecipient>, nowMs: number, trailer: readonly Uint8Array[] = []): void {
    const current = this.current;
    if (!current) return;
    const startedMs = performance.now();
    for (const list of this.groups.values()) list.length = 0;

    for (const r of recipients) {
      const link = r.link;
      if (!link || !link.isOpen) continue;
      if (link.bufferedAmount() > this.policy.skipBytes) {
        for (const frame of trailer) this.count(link.send(frame), frame);
        this.stats.snapshotsSkipped++;
        if (r.backedUpSinceMs === 0) r.backedUpSinceMs = nowMs;
        else if (nowMs - r.backedUpSinceMs >= this.policy.slowCloseMs) {
          link.close(CloseCode.SlowConsumer, 'slow consumer: not reading snapshots');
        }
        continue;
      }
      r.backedUpSinceMs = 0;
      const base = chooseBaseline(r, current.tick, this.isHeld, nowMs, this.policy.fullSnapshotIntervalMs);
      let group = this.groups.get(base);
      if (!group) this.groups.set(base, (group = []));
      group.push(r);
    }

    for (const [baseTick, group] of this.groups) {
      if (group.length === 0) continue;
      this.deltaWriter.write(this.writer.reset(), baseTick === 0 ? null : this.baseline(baseTick), current);
      const frame = this.writer.written();
      this.stats.snapshotsEncoded++;
      if (baseTick === 0) this.stats.fullSnapshots++;
      for (const r of group) {
        this.writer.setU32(SNAPSHOT_ACK_OFFSET, r.lastAppliedSeq);
        const status = r.link!.sendBatch(frame, trailer);
        for (const extra of trailer) this.count(status, extra);
        if (status === SendStatus.Dropped) {
          // A full snapshot that never left is no baseline for the deltas that follow.
          if (baseTick === 0) r.lastFullTick = 0;
          this.stats.snapshotsSkipped++;
          continue;
        }
        this.stats.snapshotsSent++;
        this.count(status, frame);
      }
    }
    this.stats.tickBroadcastMs += performance.now() - startedMs;
    // Drop groups for baselines that have left the ring, so the map stays small.
    if (this.groups.size > this.ring.length) {
      for (const [baseTick, list] of this.groups) if (list.length === 0) this.groups.delete(baseTick);
    }
  }

  private count(status: SendStatus, frame: Uint8Array): void {
    if (status === SendStatus.Dropped) return;
    this.stats.messagesOut++;
    this.stats.bytesOut += frame.length;
  }
}
