/**
 * Lag compensation's memory: where every hitbox was at each of the last N ticks.
 * A ring of tick slots, each a flat run of (id, x, y, radius, alive) records in
 * typed arrays, so recording and querying allocate nothing once the ring has
 * grown to the largest entity count seen.
 *
 *   tick:   T-4   T-3   T-2   T-1    T      ← begin(T) overwrites the oldest slot
 *   slot:  [ 1 ] [ 2 ] [ 3 ] [ 0 ] [ 0' ]     (capacityTicks = 4 in this picture)
 *
 * A shot fired by a client that was looking at tick V is tested against the
 * slot for V (clamped by the game), i.e. against what the shooter saw.
 *
 * Usage, once per simulated tick after movement:
 *
 *   history.begin(tick);
 *   for (const p of players) history.record(p.id, p.x, p.y, p.radius, p.alive);
 *   const slot = history.slotOf(tick - lagTicks); // -1 if that tick is gone
 *   const i = history.overlapIn(slot, shotX, shotY, shotRadius, shooterId);
 *   if (i >= 0) hit(history.idAt(slot, i));
 */

/** One entity's hitbox at one tick (a circle). Reused as an out-parameter. */
export interface Hitbox {
  id: number;
  x: number;
  y: number;
  radius: number;
  alive: boolean;
}

export class HitboxHistory {
  /** Tick held by each slot; -1 = empty. */
  private readonly slotTicks: Float64Array;
  private readonly counts: Uint32Array;
  private ids: Uint32Array;
  private xs: Float64Array;
  private ys: Float64Array;
  private radii: Float64Array;
  private alives: Uint8Array;
  /** Records per slot the arrays have room for; grows (doubling) when exceeded. */
  private perSlot: number;
  private current = -1;

  /**
   * @param capacityTicks how many ticks are remembered (e.g. one second's worth).
   * @param initialPerTick records per tick before the first growth.
   */
  constructor(
    readonly capacityTicks: number,
    initialPerTick = 16,
  ) {
    if (!Number.isInteger(capacityTicks) || capacityTicks < 1) {
      throw new RangeError(`HitboxHistory#capacityTicks must be a positive integer, got ${capacityTicks}`);
    }
    this.perSlot = Math.max(1, initialPerTick | 0);
    this.slotTicks = new Float64Array(capacityTicks).fill(-1);
    this.counts = new Uint32Array(capacityTicks);
    const n = capacityTicks * this.perSlot;
    this.ids = new Uint32Array(n);
    this.xs = new Float64Array(n);
    this.ys = new Float64Array(n);
    this.radii = new Float64Array(n);
    this.alives = new Uint8Array(n);
  }

  /** Start recording `tick`, replacing whatever its slot held (the oldest tick). */
  begin(tick: number): void {
    const slot = tick % this.capacityTicks;
    this.slotTicks[slot] = tick;
    this.counts[slot] = 0;
    this.current = slot;
  }

  /** Add one hitbox to the tick opened by begin(). */
  record(id: number, x: number, y: number, radius: number, alive: boolean): void {
    const slot = this.current;
    if (slot < 0) throw new Error('HitboxHistory#record called before begin()');
    if (this.counts[slot] === this.perSlot) this.grow();
    const at = slot * this.perSlot + this.counts[slot]++;
    this.ids[at] = id;
    this.xs[at] = x;
    this.ys[at] = y;
    this.radii[at] = radius;
    this.alives[at] = alive ? 1 : 0;
  }

  /** The slot holding `tick`, or -1 if that tick was never recorded or has been overwritten. */
  slotOf(tick: number): number {
    if (!(tick >= 0)) return -1;
    const slot = tick % this.capacityTicks;
    return this.slotTicks[slot] === tick ? slot : -1;
  }

  /** Records in `slot` (0 for -1). */
  countIn(slot: number): number {
    return slot < 0 ? 0 : this.counts[slot];
  }

  /** Copy record `index` of `slot` into `out`. */
  read(slot: number, index: number, out: Hitbox): Hitbox {
    const at = slot * this.perSlot + index;
    out.id = this.ids[at];
    out.x = this.xs[at];
    out.y = this.ys[at];
    out.radius = this.radii[at];
    out.alive = this.alives[at] === 1;
    return out;
  }

  /**
   * The first record at or after `from` in `slot` that was alive and overlaps
   * the circle (x, y, radius), skipping `excludeId`; -1 if none. Pass the
   * result + 1 as `from` to continue the search.
   */
  overlapIn(slot: number, x: number, y: number, radius: number, excludeId: number, from = 0): number {
    if (slot < 0) return -1;
    const base = slot * this.perSlot;
    const end = base + this.counts[slot];
    for (let at = base + from; at < end; at++) {
      if (this.alives[at] === 0 || this.ids[at] === excludeId) continue;
      const dx = x - this.xs[at];
      const dy = y - this.ys[at];
      const reach = radius + this.radii[at];
      if (dx * dx + dy * dy < reach * reach) return at - base;
    }
    return -1;
  }

  /**
   * Continuous version of overlapIn for one tick interval: the circle moves in a
   * straight line from (x0, y0) to (x1, y1) while each record moves in a straight
   * line from where it was in `prevSlot` to where it is in `slot`; the first
   * record (at or after `from`, alive in `slot`, not `excludeId`) whose circle
   * touches the moving circle at some moment of the interval, or -1. A record
   * absent or dead in `prevSlot` (it just appeared or respawned) is tested at
   * its `slot` position against the whole segment.
   *
   * Why: a projectile moves ~12 px per tick against a 20 px reach, so testing
   * only whole ticks misses grazes a client drawing fractional ticks shows.
   * Exact IEEE arithmetic without sqrt: the same result on every engine.
   */
  sweptOverlapIn(
    prevSlot: number,
    slot: number,
    x0: number,
    y0: number,
    x1: number,
    y1: number,
    radius: number,
    excludeId: number,
    from = 0,
  ): number {
    if (slot < 0) return -1;
    const base = slot * this.perSlot;
    const end = base + this.counts[slot];
    for (let at = base + from; at < end; at++) {
      if (this.alives[at] === 0 || this.ids[at] === excludeId) continue;
      const id = this.ids[at];
      const tx1 = this.xs[at];
      const ty1 = this.ys[at];
      const prev = this.recordOf(prevSlot, id, at - base);
      const alivePrev = prev >= 0 && this.alives[prev] === 1;
      const tx0 = alivePrev ? this.xs[prev] : tx1;
      const ty0 = alivePrev ? this.ys[prev] : ty1;
      const reach = radius + this.radii[at];
      if (segmentsTouch(x0 - tx0, y0 - ty0, x1 - tx1, y1 - ty1, reach)) return at - base;
    }
    return -1;
  }

  /** Entity id of record `index` in `slot`. */
  idAt(slot: number, index: number): number {
    return this.ids[slot * this.perSlot + index];
  }

  /** Where `id` was at `tick`: fills `out` and returns true, or false if unknown. */
  positionAt(id: number, tick: number, out: Hitbox): boolean {
    const slot = this.slotOf(tick);
    if (slot < 0) return false;
    const base = slot * this.perSlot;
    const end = base + this.counts[slot];
    for (let at = base; at < end; at++) {
      if (this.ids[at] === id) {
        this.read(slot, at - base, out);
        return true;
      }
    }
    return false;
  }

  /** Array index of `id` in `slot` (tried at index `hint` first: ids keep their order), or -1. */
  private recordOf(slot: number, id: number, hint: number): number {
    if (slot < 0) return -1;
    const base = slot * this.perSlot;
    const count = this.counts[slot];
    if (hint < count && this.ids[base + hint] === id) return base + hint;
    for (let at = base; at < base + count; at++) if (this.ids[at] === id) return at;
    return -1;
  }

  /** Forget everything (e.g. after a world reset). */
  clear(): void {
    this.slotTicks.fill(-1);
    this.counts.fill(0);
    this.current = -1;
  }

  private grow(): void {
    const old = this.perSlot;
    const next = old * 2;
    const n = this.capacityTicks * next;
    const ids = new Uint32Array(n);
    const xs = new Float64Array(n);
    const ys = new Float64Array(n);
    const radii = new Float64Array(n);
    const alives = new Uint8Array(n);
    for (let s = 0; s < this.capacityTicks; s++) {
      const from = s * old;
      const to = s * next;
      const len = this.counts[s];
      ids.set(this.ids.subarray(from, from + len), to);
      xs.set(this.xs.subarray(from, from + len), to);
      ys.set(this.ys.subarray(from, from + len), to);
      radii.set(this.radii.subarray(from, from + len), to);
      alives.set(this.alives.subarray(from, from + len), to);
    }
    this.ids = ids;
    this.xs = xs;
    this.ys = ys;
    this.radii = radii;
    this.alives = alives;
    this.perSlot = next;
  }
}

/**
 * Does the relative offset moving linearly from (dx0, dy0) to (dx1, dy1) over
 * the interval come within `reach` (strictly) of the origin? The closest point
 * of the segment to the origin, in exact arithmetic (no sqrt).
 */
export function segmentsTouch(dx0: number, dy0: number, dx1: number, dy1: number, reach: number): boolean {
  const ex = dx1 - dx0;
  const ey = dy1 - dy0;
  const len2 = ex * ex + ey * ey;
  let s = len2 > 0 ? -(dx0 * ex + dy0 * ey) / len2 : 0;
  s = s < 0 ? 0 : s > 1 ? 1 : s;
  const cx = dx0 + s * ex;
  const cy = dy0 + s * ey;
  return cx * cx + cy * cy < reach * reach;
}
