/**
 * Makes a good network feel like a bad one, per direction: added latency,
 * jitter and loss. WebSocket is TCP, so "loss" means the simulator drops the
 * message outright, and delivery stays in order (a jittered message never
 * overtakes an earlier one: its due time is at least its predecessor's).
 *
 * Pure and clock-free: `offer(item, nowMs)` queues or drops; `drain(nowMs)`
 * returns what is due. The connection pumps it from a timer.
 */
export interface LinkConditions {
  /** Added one-way latency, ms. */
  lagMs: number;
  /** Extra random latency, uniform in [0, jitterMs], ms. */
  jitterMs: number;
  /** Drop probability in percent [0, 100]. */
  lossPct: number;
}

export interface NetworkConditions {
  up: LinkConditions;
  down: LinkConditions;
}

export const PERFECT_LINK: LinkConditions = { lagMs: 0, jitterMs: 0, lossPct: 0 };

export function isPerfect(c: LinkConditions): boolean {
  return c.lagMs <= 0 && c.jitterMs <= 0 && c.lossPct <= 0;
}

interface Queued<T> {
  item: T;
  dueMs: number;
}

export class SimulatedLink<T> {
  conditions: LinkConditions;
  private readonly queue: Queued<T>[] = [];
  private lastDueMs = -Infinity;
  /** Messages dropped by the simulator. */
  dropped = 0;

  constructor(
    conditions: LinkConditions = PERFECT_LINK,
    private readonly random: () => number = Math.random,
  ) {
    this.conditions = { ...conditions };
  }

  /**
   * Offer a message sent at `nowMs`. `droppable` false exempts it from loss
   * (control messages that a real game would send on a reliable channel).
   * Returns false if it was dropped.
   */
  offer(item: T, nowMs: number, droppable = true): boolean {
    const c = this.conditions;
    if (droppable && c.lossPct > 0 && this.random() * 100 < c.lossPct) {
      this.dropped++;
      return false;
    }
    const dueMs = Math.max(nowMs + Math.max(0, c.lagMs) + Math.max(0, c.jitterMs) * this.random(), this.lastDueMs);
    this.lastDueMs = dueMs;
    this.queue.push({ item, dueMs });
    return true;
  }

  /** Messages due at `nowMs`, in send order. */
  drain(nowMs: number): T[] {
    let n = 0;
    while (n < this.queue.length && this.queue[n].dueMs <= nowMs) n++;
    return n === 0 ? [] : this.queue.splice(0, n).map((q) => q.item);
  }

  /** When the next message is due, or null if none is queued. */
  nextDueMs(): number | null {
    return this.queue.length > 0 ? this.queue[0].dueMs : null;
  }

  get pending(): number {
    return this.queue.length;
  }

  clear(): void {
    this.queue.length = 0;
    this.lastDueMs = -Infinity;
  }
}

/**
 * Conditions from URL parameters: `lag`, `jitter`, `loss` set both directions;
 * `lagUp`, `lagDown`, `jitterUp`, `jitterDown`, `lossUp`, `lossDown` override one.
 * `lag` is the added one-way latency in each direction.
 */
export function conditionsFromParams(params: URLSearchParams): NetworkConditions {
  const num = (name: string, fallback: number, max: number): number => {
    const raw = params.get(name);
    if (raw === null || raw.trim() === '') return fallback;
    const v = Number(raw);
    return Number.isFinite(v) ? Math.min(Math.max(v, 0), max) : fallback;
  };
  const lag = num('lag', 0, 5000);
  const jitter = num('jitter', 0, 5000);
  const loss = num('loss', 0, 100);
  return {
    up: { lagMs: num('lagUp', lag, 5000), jitterMs: num('jitterUp', jitter, 5000), lossPct: num('lossUp', loss, 100) },
    down: {
      lagMs: num('lagDown', lag, 5000),
      jitterMs: num('jitterDown', jitter, 5000),
      lossPct: num('lossDown', loss, 100),
    },
  };
}
