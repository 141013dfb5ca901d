/**
 * Which pending entities fit this snapshot's byte allowance (Gaffer On Games'
 * priority accumulator): every snapshot an entity's client copy is behind,
 * its priority grows by importance × nearness; the highest go first, greedily
 * (a small one may still fit after a big one did not); a sent entity's
 * priority starts again from 0. An entity that keeps losing keeps growing
 * until it wins, so nothing in view starves: property-tested in
 * prioritySchedule.test.ts.
 */

/** Scratch for one viewer's snapshot: the pending members (indices), their costs and whether each was chosen. */
export class PendingList {
  index = new Int32Array(64);
  cost = new Int32Array(64);
  priority = new Float64Array(64);
  chosen = new Uint8Array(64);
  count = 0;
  private order = new Int32Array(64);

  reset(): void {
    this.count = 0;
  }

  push(memberIndex: number, costBytes: number, priority: number): void {
    if (this.count === this.index.length) this.grow();
    const i = this.count++;
    this.index[i] = memberIndex;
    this.cost[i] = costBytes;
    this.priority[i] = priority;
    this.chosen[i] = 0;
  }

  /**
   * Choose within `allowanceBytes` (Infinity: all). Returns the bytes chosen.
   * Sorting happens only when everything does not fit.
   */
  choose(allowanceBytes: number): number {
    let total = 0;
    for (let i = 0; i < this.count; i++) total += this.cost[i];
    if (total <= allowanceBytes) {
      this.chosen.fill(1, 0, this.count);
      return total;
    }
    const order = this.order.subarray(0, this.count);
    for (let i = 0; i < this.count; i++) order[i] = i;
    const p = this.priority;
    order.sort((a, b) => p[b] - p[a] || a - b);
    let used = 0;
    for (let k = 0; k < order.length; k++) {
      const i = order[k];
      if (used + this.cost[i] > allowanceBytes && p[i] !== Infinity) continue;
      used += this.cost[i];
      this.chosen[i] = 1;
    }
    return used;
  }

  private grow(): void {
    const cap = this.index.length * 2;
    const grow32 = (a: Int32Array<ArrayBuffer>): Int32Array<ArrayBuffer> => {
      const b = new Int32Array(cap);
      b.set(a);
      return b;
    };
    this.index = grow32(this.index);
    this.cost = grow32(this.cost);
    this.order = new Int32Array(cap);
    const pr = new Float64Array(cap);
    pr.set(this.priority);
    this.priority = pr;
    const ch = new Uint8Array(cap);
    ch.set(this.chosen);
    this.chosen = ch;
  }
}

/** How much nearer entities matter: 1 at the viewer's centre, ½ at the screen's edge, less beyond. */
export function nearness(dx: number, dy: number, halfWidth: number, halfHeight: number): number {
  const d = Math.max(Math.abs(dx) / Math.max(1, halfWidth), Math.abs(dy) / Math.max(1, halfHeight));
  return 1 / (1 + d);
}
