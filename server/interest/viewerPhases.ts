/**
 * Which tick each viewer of a big world gets its snapshot on. A room that
 * builds one view per viewer (interest management) would otherwise build all
 * of them on the snapshot tick: at 1,000 viewers that tick was 2× the budget
 * while the tick between was nearly idle. Each viewer gets its own phase
 * (tick mod `every`), the phases kept balanced, so every tick builds
 * 1/`every` of the views and each viewer still gets one snapshot every
 * `every` ticks:
 *
 *   tick      100  101  102  103  104        every = 2
 *   phase 0   A C       A C       A C
 *   phase 1        B D       B D
 *
 * A joiner takes the least-loaded phase (ties: the one due soonest), so a join
 * burst's first full snapshots are spread too. When leaves unbalance the
 * phases by ≥ 2, viewers just served on this tick move to the emptiest phase,
 * always to a later tick: that one interval is every + (1 … every − 1) ticks,
 * never shorter (their acks' index ⌊tick ÷ every⌋ stays strictly increasing),
 * and a viewer moves at most once per interval. Balance is back within one
 * interval.
 *
 * Each entry also records the newest tick whose events the viewer was handed
 * (EventWindow.framesFor): events reach every viewer once, in order, with its
 * own next snapshot. A viewer first seen, or seen with a new link (a resume),
 * starts with the events of the tick it is first seen at (its Welcome's
 * serverTick was the tick before).
 */
import type { ClientLink } from '../rooms/clientLink';

/** What the schedule needs from a recipient (members and spectators are). */
export interface PhasedRecipient {
  readonly link: ClientLink | null;
}

interface Entry {
  phase: number;
  /** The tick of its next snapshot (≡ phase mod every). */
  nextTick: number;
  /** The link it had when last seen: a new one is a new connection (resume). */
  link: ClientLink | null;
  /** Events of ticks ≤ this were handed to it. */
  eventsThroughTick: number;
  seenTick: number;
}

export class ViewerPhases<R extends PhasedRecipient> {
  private readonly entries = new Map<R, Entry>();
  private readonly counts: Int32Array;
  private readonly due: R[] = [];

  constructor(readonly every: number) {
    if (!(Number.isInteger(every) && every >= 1)) throw new RangeError(`ViewerPhases: every must be an integer ≥ 1, got ${every}`);
    this.counts = new Int32Array(every);
  }

  get size(): number {
    return this.entries.size;
  }

  /** Viewers per phase (tests, the bench). */
  phaseCounts(): number[] {
    return Array.from(this.counts);
  }

  phaseOf(r: R): number {
    return this.entries.get(r)?.phase ?? -1;
  }

  /**
   * Take this tick's recipients (all of them): admit new ones, forget absent
   * ones (`onForget`), rebalance, and return those whose snapshot is due at
   * `tick` (a reused array, valid until the next call).
   */
  select(recipients: Iterable<R>, tick: number, onForget: (r: R) => void): R[] {
    const due = this.due;
    due.length = 0;
    let seen = 0;
    for (const r of recipients) {
      let e = this.entries.get(r);
      if (!e) e = this.admit(r, tick);
      else if (e.link !== r.link) {
        e.link = r.link;
        if (r.link) e.eventsThroughTick = tick - 1;
      }
      if (e.seenTick !== tick) seen++;
      e.seenTick = tick;
      if (e.nextTick <= tick) {
        due.push(r);
        e.nextTick = alignUp(tick + this.every, e.phase, this.every);
      }
    }
    if (seen !== this.entries.size) this.forgetAbsent(tick, onForget);
    this.rebalance(due);
    return due;
  }

  /** The newest tick whose events `r` was handed (−1: not scheduled). */
  eventsThrough(r: R): number {
    return this.entries.get(r)?.eventsThroughTick ?? -1;
  }

  /** `r` was handed the events of ticks ≤ `tick` (with its snapshot, or alone when backed up). */
  eventsDelivered(r: R, tick: number): void {
    const e = this.entries.get(r);
    if (e) e.eventsThroughTick = tick;
  }

  private admit(r: R, tick: number): Entry {
    let phase = 0;
    let best = Infinity;
    for (let p = 0; p < this.every; p++) {
      // Fewest viewers first; among equals, the phase due soonest.
      const rank = this.counts[p] * this.every + ((p - tick) % this.every + this.every) % this.every;
      if (rank < best) {
        best = rank;
        phase = p;
      }
    }
    const e: Entry = { phase, nextTick: alignUp(tick, phase, this.every), link: r.link, eventsThroughTick: tick - 1, seenTick: -1 };
    this.entries.set(r, e);
    this.counts[phase]++;
    return e;
  }

  private forgetAbsent(tick: number, onForget: (r: R) => void): void {
    for (const [r, e] of this.entries) {
      if (e.seenTick === tick) continue;
      this.entries.delete(r);
      this.counts[e.phase]--;
      onForget(r);
    }
  }

  /**
   * Move viewers just served (`due`, all of this tick's phase) to the emptiest
   * phase while this phase has ≥ 2 more (rare: after leaves). Only just-served
   * viewers move, so none moves twice in one interval.
   */
  private rebalance(due: readonly R[]): void {
    if (this.every < 2 || due.length === 0) return;
    const from = this.entries.get(due[0])!.phase;
    for (let i = due.length - 1; i >= 0; i--) {
      const to = this.emptiest();
      if (this.counts[from] - this.counts[to] < 2) return;
      const e = this.entries.get(due[i])!;
      // Later, never sooner: the interval grows once by (to − from) mod every ticks.
      e.nextTick += (((to - from) % this.every) + this.every) % this.every;
      e.phase = to;
      this.counts[from]--;
      this.counts[to]++;
    }
  }

  private emptiest(): number {
    let min = 0;
    for (let p = 1; p < this.every; p++) if (this.counts[p] < this.counts[min]) min = p;
    return min;
  }
}

/** The first tick ≥ `tick` that is ≡ `phase` (mod `every`). */
function alignUp(tick: number, phase: number, every: number): number {
  return tick + ((((phase - tick) % every) + every) % every);
}
