/**
 * Per-second figures of each room's traffic counters (roomTraffic.ts) for the
 * console: a room's rate is updated when it is read at least RATE_WINDOW_MS
 * after its last sample (the console reads every second), so two readers in
 * the same second see the same figure.
 */
import type { Room } from '../rooms/room';

const RATE_WINDOW_MS = 900;

interface Sample {
  atMs: number;
  bytesIn: number;
  bytesOut: number;
  inPerSec: number;
  outPerSec: number;
}

export class RoomTrafficRates {
  private readonly samples = new WeakMap<Room, Sample>();

  /** Bytes per second in and out of `room` over the last window (0 until it has two samples). */
  of(room: Room, nowMs: number): { inPerSec: number; outPerSec: number } {
    const t = room.traffic;
    const s = this.samples.get(room);
    if (!s) {
      this.samples.set(room, { atMs: nowMs, bytesIn: t.bytesIn, bytesOut: t.bytesOut, inPerSec: 0, outPerSec: 0 });
      return { inPerSec: 0, outPerSec: 0 };
    }
    const dtMs = nowMs - s.atMs;
    if (dtMs >= RATE_WINDOW_MS) {
      s.inPerSec = ((t.bytesIn - s.bytesIn) * 1000) / dtMs;
      s.outPerSec = ((t.bytesOut - s.bytesOut) * 1000) / dtMs;
      s.atMs = nowMs;
      s.bytesIn = t.bytesIn;
      s.bytesOut = t.bytesOut;
    }
    return { inPerSec: s.inPerSec, outPerSec: s.outPerSec };
  }
}
