/**
 * Per-address seat quotas across every room of the process, so that no one
 * address can hold the seats others want (issue 9, finding 6: ten
 * join-and-drop connections kept a 10-seat room full for the whole 15 s
 * session grace with no connection open).
 *
 *   seats     players an address has in rooms, connected or awaiting resume:
 *             at most maxSeatsPerAddress; a Join beyond is refused (4105).
 *   detached  of those, sessions awaiting resume: at most maxDetachedPerAddress;
 *             one more ends the address's oldest at once, freeing its seat.
 *
 * A detach the server caused (a drain, 1012) is not counted: those sessions
 * are handed to the successor. The empty address ('': a session adopted
 * from a predecessor, whose address is not known) and addresses exempt from
 * per-address quotas (--quota-exempt: the loopback host by default) are never
 * counted.
 */
import type { ServerStats } from '../serverStats';

/** One key per client address: uWS reports IPv4 peers as IPv4-mapped IPv6 (::ffff:127.0.0.1). */
function normalizeAddress(address: string): string {
  const lower = address.toLowerCase();
  return lower.startsWith('::ffff:') ? lower.slice(7) : lower;
}

export interface SeatQuotaOptions {
  maxSeatsPerAddress: number;
  maxDetachedPerAddress: number;
  /** Addresses the quotas do not apply to (server/limits/quotaExemption.ts). */
  isExempt?: (address: string) => boolean;
}

/** A session awaiting resume, as the ledger holds it: it can be ended to free its seat. */
export interface DetachedSeat {
  readonly address: string;
  /** End the session now (the seat is freed). */
  end(nowMs: number): void;
}

interface AddressSeats {
  seats: number;
  /** Oldest first. */
  detached: DetachedSeat[];
}

export class SeatLedger {
  private readonly byAddress = new Map<string, AddressSeats>();

  constructor(
    private readonly opts: SeatQuotaOptions,
    private readonly stats: ServerStats | null = null,
  ) {}

  /** No limits (rooms built without a host, in unit tests). */
  static unlimited(): SeatLedger {
    return new SeatLedger({ maxSeatsPerAddress: Infinity, maxDetachedPerAddress: Infinity });
  }

  /** May `address` take one more seat? */
  canSeat(address: string): boolean {
    return !this.counted(address) || (this.byAddress.get(normalizeAddress(address))?.seats ?? 0) < this.opts.maxSeatsPerAddress;
  }

  seat(address: string): void {
    if (!this.counted(address)) return;
    const key = normalizeAddress(address);
    const entry = this.byAddress.get(key);
    if (entry) entry.seats++;
    else this.byAddress.set(key, { seats: 1, detached: [] });
  }

  /** The seat is gone (left, expired, ended). Forgets its detached entry too, if any. */
  unseat(address: string, detached: DetachedSeat | null): void {
    if (!this.counted(address)) return;
    const key = normalizeAddress(address);
    const entry = this.byAddress.get(key);
    if (!entry) return;
    if (detached) this.forget(entry, detached);
    entry.seats--;
    if (entry.seats <= 0 && entry.detached.length === 0) this.byAddress.delete(key);
  }

  /** A seat's player disconnected and may resume; ends the address's oldest beyond the quota. */
  detach(seat: DetachedSeat, nowMs: number): void {
    if (!this.counted(seat.address)) return;
    const entry = this.byAddress.get(normalizeAddress(seat.address));
    if (!entry) return;
    entry.detached.push(seat);
    while (entry.detached.length > this.opts.maxDetachedPerAddress) {
      const oldest = entry.detached.shift()!;
      if (this.stats) this.stats.detachedEvicted++;
      oldest.end(nowMs);
    }
  }

  /** The session was resumed: it no longer counts as detached. */
  reattach(seat: DetachedSeat): void {
    const entry = this.byAddress.get(normalizeAddress(seat.address));
    if (entry) this.forget(entry, seat);
  }

  /** Seats held by `address` (for tests and logs). */
  seatsOf(address: string): { seats: number; detached: number } {
    const entry = this.byAddress.get(normalizeAddress(address));
    return { seats: entry?.seats ?? 0, detached: entry?.detached.length ?? 0 };
  }

  private counted(address: string): boolean {
    return address !== '' && !(this.opts.isExempt?.(address) ?? false);
  }

  private forget(entry: AddressSeats, seat: DetachedSeat): void {
    const i = entry.detached.indexOf(seat);
    if (i >= 0) entry.detached.splice(i, 1);
  }
}
