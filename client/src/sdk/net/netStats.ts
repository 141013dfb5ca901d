/**
 * What the network HUD shows, measured where it happens: bytes at the socket
 * (real traffic, before the simulator), snapshots as applied, loss from gaps
 * in snapshot ticks, corrections from the predictor, input→ack time from
 * InputAcks (how long a frame is repeated before the server confirms it).
 */
import { RateMeter } from './rateMeter';

/** Weight of each new input→ack sample in the smoothed figure (≈ the last 10). */
const ACK_SMOOTHING = 0.1;

export class NetStats {
  readonly bytesIn = new RateMeter();
  readonly bytesOut = new RateMeter();
  readonly snapshots = new RateMeter();
  readonly corrections = new RateMeter();
  readonly frames = new RateMeter();
  totalBytesIn = 0;
  totalBytesOut = 0;
  /** Input→ack time (ms), smoothed over ~10 InputAcks (−1: none yet). */
  inputAckMs = -1;
  /** Input→ack time (ms) of the latest InputAck (−1: none yet). */
  lastInputAckMs = -1;
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

  /** One InputAck's input→ack time (InputSender.onInputAck); negative = it acknowledged nothing new. */
  onInputAck(ageMs: number): void {
    if (!(ageMs >= 0)) return;
    this.lastInputAckMs = ageMs;
    this.inputAckMs = this.inputAckMs < 0 ? ageMs : this.inputAckMs + ACK_SMOOTHING * (ageMs - this.inputAckMs);
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
    this.inputAckMs = -1;
    this.lastInputAckMs = -1;
  }
}
