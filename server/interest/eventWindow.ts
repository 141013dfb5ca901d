/**
 * A room's recent events by tick, for viewers that get their snapshots on
 * different ticks (viewerPhases.ts). Each viewer is handed, with its own
 * snapshot at tick T, the events of the ticks after the last it was handed
 * through T — an Events frame stamped T, as PROTOCOL.md §8.3 says ("the
 * snapshot tick these events were flushed with; they happened in ticks ≤
 * tick"). Viewers with the same cursor (normally all viewers due on a tick)
 * share one encode.
 *
 *   ticks      97  98  99  100 101 102
 *   events          a       b   c
 *   phase 0 viewer: at 98 [a], at 100 [b], at 102 [c]
 *   phase 1 viewer: at 99 [a], at 101 [b, c]
 *
 * Events are kept for `keepTicks` (the longest interval between one viewer's
 * snapshots, 2 × every − 1 after a phase move, plus slack).
 */
import type { AnyEvent } from '../../shared/protocol/eventSchema';
import { encodeEventFrames } from '../rooms/eventFrames';

const NO_FRAMES: readonly Uint8Array[] = [];

export class EventWindow {
  /** Ticks that had events, ascending, and their events in order of occurrence. */
  private readonly ticks: number[] = [];
  private readonly batches: AnyEvent[][] = [];
  private cacheTick = -1;
  private readonly cache = new Map<number, readonly Uint8Array[]>();

  constructor(readonly keepTicks: number) {}

  /** Record tick `tick`'s events (copied) and drop those older than the window. */
  push(tick: number, events: readonly AnyEvent[]): void {
    if (events.length > 0) {
      this.ticks.push(tick);
      this.batches.push(events.slice());
    }
    let old = 0;
    while (old < this.ticks.length && this.ticks[old] <= tick - this.keepTicks) old++;
    if (old > 0) {
      this.ticks.splice(0, old);
      this.batches.splice(0, old);
    }
  }

  /**
   * The Events frames (stamped `tick`) of ticks in (`afterTick`, `tick`],
   * encoded once per distinct `afterTick` within a tick. Events older than
   * the window are gone (a viewer never falls that far behind while connected).
   */
  framesFor(afterTick: number, tick: number): readonly Uint8Array[] {
    if (this.ticks.length === 0 || this.ticks[this.ticks.length - 1] <= afterTick) return NO_FRAMES;
    if (this.cacheTick !== tick) {
      this.cache.clear();
      this.cacheTick = tick;
    }
    let frames = this.cache.get(afterTick);
    if (!frames) this.cache.set(afterTick, (frames = this.encode(afterTick, tick)));
    return frames;
  }

  private encode(afterTick: number, tick: number): readonly Uint8Array[] {
    const events: AnyEvent[] = [];
    for (let i = 0; i < this.ticks.length; i++) if (this.ticks[i] > afterTick && this.ticks[i] <= tick) events.push(...this.batches[i]);
    return encodeEventFrames(tick, events);
  }
}
