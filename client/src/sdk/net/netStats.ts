/**
 * What the network HUD shows, measured where it happens: bytes at the socket
 * (real traffic, before the simulator), snapshots as applied, loss from gaps
 * in snapshot ticks, corrections from the predictor.
 */
import { RateMeter } from './rateMeter';

export class NetStats {
  readonly bytesIn = new RateMeter();
  readonly bytesOut = new RateMeter();
  readonly snapshots = new RateMeter();
  readonly corrections = new RateMeter();
  readonly frames = new RateMeter();
  totalBytesIn = 0;
  totalBytesOut = 0;
  /** Snapshot ticks expected vs received, over a sliding window of recent snapshots. */
  private readonly received: number[] = [];

  constructor(private snapshotEveryTicks = 2) {}

  setSnapshotEvery(ticks: number): void {
    this.snapshotEveryTicks = Math.max(1, Math.round(ticks));
  }

  onBytesIn(n: number, nowMs: number): void {
    this.totalBytesIn += n;
    this.bytesIn.add(n, nowMs);
  }

  onBytesOut(n: number, nowMs: number): void {
    this.totalBytesOut += n;
    this.bytesOut.add(n, nowMs);
  }

  onSnapshot(tick: number, nowMs: number): void {
    this.snapshots.add(1, nowMs);
    this.received.push(tick);
    if (this.received.length > 60) this.received.shift();
  }

  /** Percent of the snapshots the server sent in the recent window that we did not apply. */
  get lossPct(): number {
    const r = this.received;
    if (r.length < 2) return 0;
    const expected = (r[r.length - 1] - r[0]) / this.snapshotEveryTicks + 1;
    return expected <= r.length ? 0 : ((expected - r.length) / expected) * 100;
  }

  resetSession(): void {
    this.received.length = 0;
  }
}
