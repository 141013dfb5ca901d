/**
 * A timing wheel for thousands of bots driven by one timer: each item sits in
 * the slot of the time it next has work, so a loop visits only the items that
 * are due, not every item (at 2,000 bots and a 2 ms loop, a full scan was a
 * million calls a second for ~67 frames due per loop).
 *
 *   slots (slotMs each):  [t0][t0+2][t0+4] … [t0+2·(SLOTS−1)]   items due later wait in the last slot
 *   run(now): every slot up to now ─▶ visit(item) ─▶ its next due time ─▶ re-slotted (Infinity: waiting)
 *
 * `waiting` holds items with no due time yet (still joining); each run asks
 * them again and slots those that have one.
 */

/** Slots ahead of the cursor: 64 × 2 ms = 128 ms, several 60 Hz ticks. */
const SLOTS = 64;

export class DueWheel<T> {
  private readonly slots: T[][] = Array.from({ length: SLOTS }, () => []);
  private spare: T[] = [];
  /** Index (time ÷ slotMs) of the first slot not yet run. */
  private cursor: number;
  /** Items without a due time yet. */
  waiting: T[] = [];

  constructor(
    private readonly slotMs: number,
    startMs: number,
  ) {
    this.cursor = Math.floor(startMs / slotMs);
  }

  /**
   * Visit every item due by `nowMs` (each once); `visit` returns its next due
   * time (Infinity: back to waiting). `keepWaiting` says whether a waiting
   * item without a due time stays (false: it is gone for good).
   */
  run(nowMs: number, visit: (item: T) => number, keepWaiting: (item: T) => boolean): void {
    const nowSlot = Math.floor(nowMs / this.slotMs);
    const due = this.spare;
    const last = Math.min(nowSlot, this.cursor + SLOTS - 1);
    for (let s = this.cursor; s <= last; s++) {
      const list = this.slots[s % SLOTS];
      for (const item of list) due.push(item);
      list.length = 0;
    }
    this.cursor = Math.max(this.cursor, nowSlot + 1);
    for (const item of due) this.place(item, visit(item));
    due.length = 0;
    this.spare = due;
    const waiting = this.waiting;
    this.waiting = [];
    for (const item of waiting) {
      if (!keepWaiting(item)) continue;
      this.place(item, visit(item));
    }
  }

  private place(item: T, dueMs: number): void {
    if (!Number.isFinite(dueMs)) {
      this.waiting.push(item);
      return;
    }
    const slot = Math.min(Math.max(Math.floor(dueMs / this.slotMs), this.cursor), this.cursor + SLOTS - 1);
    this.slots[slot % SLOTS].push(item);
  }
}
