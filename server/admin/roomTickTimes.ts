/**
 * Each room's own tick time, for the console: the room's step() is wrapped
 * when the room is added (DirectoryHooks), timing it with two clock reads.
 * Kept per room: a smoothed mean and the worst of the last second.
 */
import type { Room } from '../rooms/room';
import type { DirectoryHooks } from '../replay/directoryHooks';

export interface RoomTiming {
  meanUs: number;
  /** Worst tick in the current one-second window, and in the last complete one. */
  maxUs: number;
  lastMaxUs: number;
  windowStartMs: number;
}

export class RoomTickTimes implements DirectoryHooks {
  private readonly timings = new WeakMap<Room, RoomTiming>();

  constructor(private readonly clock: () => number = () => performance.now()) {}

  onRoomAdded(room: Room): void {
    const timing: RoomTiming = { meanUs: 0, maxUs: 0, lastMaxUs: 0, windowStartMs: this.clock() };
    this.timings.set(room, timing);
    const step = room.step.bind(room);
    const clock = this.clock;
    room.step = (nowMs: number) => {
      const t0 = clock();
      step(nowMs);
      const t1 = clock();
      const us = (t1 - t0) * 1000;
      timing.meanUs += (us - timing.meanUs) * 0.05;
      if (us > timing.maxUs) timing.maxUs = us;
      if (t1 - timing.windowStartMs >= 1000) {
        timing.lastMaxUs = timing.maxUs;
        timing.maxUs = 0;
        timing.windowStartMs = t1;
      }
    };
  }

  onRoomRemoved(): void {}

  of(room: Room): RoomTiming | undefined {
    return this.timings.get(room);
  }
}
