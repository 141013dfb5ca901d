/**
 * What a play bot measures about its own input frames and the snapshots it
 * gets, shared by PlayBot and LeanPlayBot so both report the same figures:
 *
 *   push seq 41 ─(≤ ticksPerMessage − 1 ticks)─▶ message ─▶ next tick: InputAck ≥ 41     inputRtt = now − t0
 *   t0                                                  └▶ buffer: applied ─▶ snapshot ackSeq ≥ 41   inputAppliedRtt
 *
 * Snapshot jitter = |arrival interval − snapshotEvery × tickMs|; a tick gap
 * larger than snapshotEvery counts the snapshots the bot never got.
 */
import type { MetricsRecorder } from '../harness/metricsRecorder';

/** Push times of the last 256 frames, by seq & 255 (4 s at 60 Hz). */
const SENT_RING = 256;

export class AckTimings {
  private readonly sentAt = new Float64Array(SENT_RING);
  /** Newest seq acknowledged (InputAck or snapshot). */
  lastAckSeq = 0;
  /** Newest seq a snapshot said was applied. */
  private lastAppliedSeq = 0;
  private lastSnapshotAt = 0;
  private lastSnapshotTick = 0;

  constructor(private readonly metrics: MetricsRecorder) {}

  /** Frame `seq` was produced at `now`. */
  pushed(seq: number, now: number): void {
    this.sentAt[seq % SENT_RING] = now;
    this.metrics.count('inputsSent');
  }

  /**
   * An InputAck's seq or a snapshot's ackSeq: records the RTT of every frame
   * it newly covers; returns the seq now acknowledged (0: nothing new), which
   * the bot's uplink stops repeating.
   */
  acknowledged(ackSeq: number, newestSeq: number, now: number): number {
    const upTo = Math.min(ackSeq, newestSeq);
    if (upTo <= this.lastAckSeq) return 0;
    for (let s = Math.max(this.lastAckSeq + 1, upTo - SENT_RING + 1); s <= upTo; s++) {
      this.metrics.recordMs('inputRtt', now - this.sentAt[s % SENT_RING]);
    }
    this.metrics.count('inputsAcked', upTo - this.lastAckSeq);
    this.lastAckSeq = upTo;
    return upTo;
  }

  /** A snapshot arrived at `now`: rate, jitter and gaps, and the frames it says were applied. */
  snapshot(now: number, ackSeq: number, tick: number, newestSeq: number, snapshotEvery: number, tickMs: number): void {
    const m = this.metrics;
    m.count('snapshots');
    if (this.lastSnapshotAt > 0) {
      m.recordMs('snapshotJitter', Math.abs(now - this.lastSnapshotAt - snapshotEvery * tickMs));
      const gap = tick - this.lastSnapshotTick;
      if (gap > snapshotEvery) m.count('snapshotsSkipped', Math.round(gap / snapshotEvery) - 1);
    }
    this.lastSnapshotAt = now;
    if (tick > this.lastSnapshotTick) this.lastSnapshotTick = tick;
    this.applied(ackSeq, newestSeq, now);
  }

  private applied(ackSeq: number, newestSeq: number, now: number): void {
    const upTo = Math.min(ackSeq, newestSeq);
    // Frames produced but not yet applied when this snapshot left the server (a count, kept in
    // a latency histogram as "ms"): a standing queue on the server shows up here.
    if (newestSeq > 0) this.metrics.recordMs('unackedAtSnapshot', newestSeq - Math.max(upTo, this.lastAppliedSeq));
    if (upTo <= this.lastAppliedSeq) return;
    for (let s = Math.max(this.lastAppliedSeq + 1, upTo - SENT_RING + 1); s <= upTo; s++) {
      this.metrics.recordMs('inputAppliedRtt', now - this.sentAt[s % SENT_RING]);
    }
    this.lastAppliedSeq = upTo;
  }
}

/** Unsigned LEB128 at `offset` of `bytes`, stopping at `end` (the snapshot's tick, an InputAck's seq). */
export function readVaruint(bytes: Uint8Array, offset: number, end = bytes.length): number {
  let v = 0;
  for (let shift = 0, i = offset; i < end && shift < 35; shift += 7, i++) {
    v += (bytes[i] & 0x7f) * 2 ** shift;
    if ((bytes[i] & 0x80) === 0) break;
  }
  return v;
}
