/**
 * The game's input values → the compact Input messages of tickwire.v2. Values
 * come by field name from the game's logic; the SDK puts them in the order of
 * the game's input schema (it never names a field), clamps them into each
 * field's range (wrapping fields wrap), and hands the frame to the shared
 * InputUplink, which numbers it, keeps it until the server acknowledges it,
 * and repeats every unacknowledged frame in each message, so a lost message
 * costs nothing:
 *
 *   seq:        41 42 43 44 45      ackSeq = 42 (from a snapshot), or InputAck 42
 *   message:    frames 43 44 45 (coded against 42, which the server holds)
 *
 * The InputAck (PROTOCOL.md §8.8) names frames the server has received, the
 * tick after they arrive; the snapshot's ackSeq names frames it has applied,
 * after its input buffer and the next 30 Hz snapshot. Either ends repetition;
 * the InputAck ~50 ms sooner, so messages carry fewer frames.
 */
import type { InputCoder } from '../../../../shared/protocol/inputCodec';
import type { InputValues } from '../../../../shared/protocol/inputSchema';
import { InputUplink } from '../../../../shared/protocol/inputUplink';

/** Push times kept by seq: more than the frames in flight at any sane latency (4 s at 60 Hz). */
const SENT_RING = 256;

export class InputSender {
  private readonly uplink: InputUplink;
  private readonly frame: Int32Array;
  private readonly sentAtMs = new Float64Array(SENT_RING);

  /**
   * `snapshotEvery`: the room's ticks per snapshot (tickRate ÷ snapshotRate);
   * `ticksPerMessage`: frames per message (InputUplink: default 3, a button change goes at once; 1 = every tick).
   */
  constructor(
    private readonly coder: InputCoder,
    snapshotEvery: number,
    ticksPerMessage?: number,
    private readonly now: () => number = () => performance.now(),
  ) {
    this.uplink = new InputUplink(coder, snapshotEvery, ticksPerMessage);
    this.frame = new Int32Array(coder.fieldCount);
  }

  /** Sequence number of the newest input (0 = none yet). */
  get seq(): number {
    return this.uplink.newestSeq;
  }

  get acknowledged(): number {
    return this.uplink.ackedSeq;
  }

  /** Record this tick's input (a missing or non-finite field is 0); returns its seq. */
  push(values: Readonly<InputValues>): number {
    const c = this.coder;
    for (let k = 0; k < c.fieldCount; k++) this.frame[k] = fieldValue(c, k, values[c.names[k]]);
    const seq = this.uplink.push(this.frame);
    this.sentAtMs[seq % SENT_RING] = this.now();
    return seq;
  }

  /** The server applied inputs up to `ackSeq` (a snapshot's). */
  acknowledge(ackSeq: number): void {
    this.uplink.acknowledge(ackSeq);
  }

  /**
   * An InputAck: the server holds every frame through `seq`. Returns the
   * input→ack time of that frame (ms since it was pushed; NetStats.onInputAck),
   * or -1 when it acknowledges nothing new (old, or beyond what we sent).
   */
  onInputAck(seq: number): number {
    const before = this.uplink.ackedSeq;
    this.uplink.acknowledge(seq);
    if (this.uplink.ackedSeq === before || this.uplink.newestSeq - seq >= SENT_RING) return -1;
    return this.now() - this.sentAtMs[seq % SENT_RING];
  }

  /**
   * The Input frame to send now, or null (not due yet, or nothing unacknowledged).
   * `ackTick`: newest snapshot applied, 0 to ask for a full snapshot; `viewTick`: the render tick.
   */
  message(ackTick: number, viewTick: number): Uint8Array | null {
    if (!this.uplink.due()) return null;
    const tick = (v: number) => Math.max(0, Math.floor(v));
    return this.uplink.message(tick(ackTick), tick(viewTick));
  }

  /** A new session (resumed or not): the server counts seqs from 1 again. */
  reset(): void {
    this.uplink.reset();
  }
}

/** Field k's wire value for `v`: an integer in the field's range (wrapping fields wrap). */
function fieldValue(c: InputCoder, k: number, v: number | undefined): number {
  let n = v === undefined || !Number.isFinite(v) ? 0 : Math.round(v);
  const wrap = c.wraps[k];
  if (wrap !== 0) return ((n % wrap) + wrap) % wrap;
  if (n < c.mins[k]) n = c.mins[k];
  if (n > c.maxs[k]) n = c.maxs[k];
  return n;
}
