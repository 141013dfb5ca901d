/**
 * Remote entities are drawn slightly in the past, between two snapshots we
 * already have, so they move smoothly whatever the arrival jitter.
 *
 *   snapshots received:   T0 ─── T2 ─── T4 ─── T6 ─── (T8 late)
 *   render time:                  ▲ now + offset − delay
 *                          from=T2, to=T4, alpha = 0.4
 *
 * offset: server time minus local time at arrival, smoothed (EWMA); jitter:
 * smoothed mean deviation of arrivals from it. delay = 2 snapshot intervals
 * + 2 × jitter, so a late or lost snapshot still has a successor in hand.
 * The render playhead runs at local speed, nudged at most ±10 % toward its
 * target (never jumps, except after a long stall or at the start). When the
 * buffer runs dry it extrapolates at most `maxExtrapolationMs`, then holds.
 */
import type { EntityTable } from '../../../../shared/protocol/entityTable';

export interface InterpolationOptions {
  /** One server tick, ms. */
  tickMs: number;
  /** Expected time between snapshots, ms. */
  snapshotIntervalMs: number;
  /** Longest extrapolation past the newest snapshot, ms (then hold). */
  maxExtrapolationMs: number;
  /** Extra delay per ms of measured jitter. */
  jitterFactor: number;
  /** Delay bounds, ms. */
  minDelayMs: number;
  maxDelayMs: number;
  /** Playhead farther than this from its target jumps instead of easing, ms. */
  resyncMs: number;
  /** Snapshots kept. */
  capacity: number;
}

export function defaultInterpolationOptions(tickRate: number, snapshotRate: number): InterpolationOptions {
  const snapshotIntervalMs = 1000 / snapshotRate;
  return {
    tickMs: 1000 / tickRate,
    snapshotIntervalMs,
    maxExtrapolationMs: 100,
    jitterFactor: 2,
    minDelayMs: snapshotIntervalMs,
    maxDelayMs: 500,
    resyncMs: 400,
    capacity: 32,
  };
}

export interface InterpolationSample {
  /** Fractional server tick being drawn (the viewTick we report). */
  renderTick: number;
  from: EntityTable;
  to: EntityTable;
  /** 0 = from, 1 = to, > 1 = extrapolating (capped). */
  alpha: number;
  /** True when the buffer ran dry and we are past the newest snapshot. */
  extrapolating: boolean;
}

export class InterpolationBuffer {
  private readonly tables: EntityTable[] = [];
  /** Smoothed (server time − local time) at arrival, ms. */
  private offsetMs = Number.NaN;
  /** Smoothed |arrival deviation|, ms. */
  jitterMs = 0;
  /** Playhead in server ms (NaN until the first sample). */
  private renderMs = Number.NaN;
  private lastNowMs = Number.NaN;
  /** Times the buffer ran dry (extrapolated or held). */
  starvedFrames = 0;

  constructor(readonly opts: InterpolationOptions) {}

  /** Current delay behind the newest arrivals, ms: about two snapshot intervals plus jitter. */
  get delayMs(): number {
    const d = 2 * this.opts.snapshotIntervalMs + this.opts.jitterFactor * this.jitterMs;
    return Math.min(this.opts.maxDelayMs, Math.max(this.opts.minDelayMs, d));
  }

  get size(): number {
    return this.tables.length;
  }

  get newestTick(): number {
    return this.tables.length > 0 ? this.tables[this.tables.length - 1].tick : 0;
  }

  /** Add an applied snapshot that arrived at local time `nowMs`. Older-than-newest ones are ignored. */
  push(table: EntityTable, nowMs: number): void {
    if (table.tick <= this.newestTick) return;
    this.tables.push(table);
    if (this.tables.length > this.opts.capacity) this.tables.shift();
    const sample = table.tick * this.opts.tickMs - nowMs;
    if (Number.isNaN(this.offsetMs)) {
      this.offsetMs = sample;
      return;
    }
    const dev = sample - this.offsetMs;
    this.jitterMs += (Math.abs(dev) - this.jitterMs) / 8;
    this.offsetMs += dev / 16;
  }

  /** Where the playhead wants to be at `nowMs`, in server ms. */
  private targetMs(nowMs: number): number {
    return nowMs + this.offsetMs - this.delayMs;
  }

  /** Where the playhead aims at `nowMs`, in fractional server ticks (NaN before the first snapshot). */
  targetTick(nowMs: number): number {
    return this.targetMs(nowMs) / this.opts.tickMs;
  }

  /** Advance the playhead to `nowMs` and return what to draw, or null before the first snapshot. */
  sample(nowMs: number): InterpolationSample | null {
    if (this.tables.length === 0) return null;
    const target = this.targetMs(nowMs);
    if (Number.isNaN(this.renderMs) || Math.abs(target - this.renderMs) > this.opts.resyncMs) {
      this.renderMs = target;
    } else {
      const dt = Math.max(0, nowMs - this.lastNowMs);
      // Advance first, then compare with the target at the same instant: the error
      // measured before advancing settles the playhead one frame interval ahead
      // (+50 ms at 20 fps, past the newest snapshot).
      const advancedMs = this.renderMs + dt;
      const errorMs = target - advancedMs;
      // Ease toward the target: 1 % faster or slower per 5 ms of error, ±10 % at most.
      this.renderMs = advancedMs + dt * Math.max(-0.1, Math.min(0.1, errorMs / 500));
    }
    this.lastNowMs = nowMs;

    const t = this.tables;
    const renderTick = this.renderMs / this.opts.tickMs;
    const newest = t[t.length - 1];
    if (t.length === 1) {
      return { renderTick, from: newest, to: newest, alpha: 0, extrapolating: renderTick > newest.tick };
    }
    if (renderTick <= t[0].tick) return { renderTick, from: t[0], to: t[0], alpha: 0, extrapolating: false };
    if (renderTick >= newest.tick) {
      this.starvedFrames++;
      const prev = t[t.length - 2];
      const capTick = newest.tick + this.opts.maxExtrapolationMs / this.opts.tickMs;
      const tick = Math.min(renderTick, capTick);
      return { renderTick, from: prev, to: newest, alpha: (tick - prev.tick) / (newest.tick - prev.tick), extrapolating: true };
    }
    let i = t.length - 2;
    while (i > 0 && t[i].tick > renderTick) i--;
    const from = t[i];
    const to = t[i + 1];
    this.dropOlderThan(i - 1);
    return { renderTick, from, to, alpha: (renderTick - from.tick) / (to.tick - from.tick), extrapolating: false };
  }

  /** Keep one spare snapshot behind `from` for jitter; drop the rest. */
  private dropOlderThan(index: number): void {
    if (index > 0) this.tables.splice(0, index);
  }

  /** Forget everything (new connection or room). */
  clear(): void {
    this.tables.length = 0;
    this.offsetMs = Number.NaN;
    this.renderMs = Number.NaN;
    this.lastNowMs = Number.NaN;
    this.jitterMs = 0;
  }
}
