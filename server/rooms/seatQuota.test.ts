import { describe, expect, it } from 'vitest';
import { ServerStats } from '../serverStats';
import { SeatLedger, type DetachedSeat } from './seatQuota';

function seat(address: string, ended: string[], name: string): DetachedSeat {
  return { address, end: () => ended.push(name) };
}

describe('SeatLedger', () => {
  it('counts seats per address (IPv4-mapped IPv6 is the same address) and refuses beyond the quota', () => {
    const ledger = new SeatLedger({ maxSeatsPerAddress: 2, maxDetachedPerAddress: 1 });
    ledger.seat('10.0.0.1');
    ledger.seat('::ffff:10.0.0.1');
    expect(ledger.canSeat('10.0.0.1')).toBe(false);
    expect(ledger.canSeat('10.0.0.2')).toBe(true);
    ledger.unseat('10.0.0.1', null);
    expect(ledger.canSeat('10.0.0.1')).toBe(true);
    // Sessions adopted from a predecessor have no address and are never counted.
    for (let i = 0; i < 5; i++) ledger.seat('');
    expect(ledger.canSeat('')).toBe(true);
  });

  it('ends the oldest detached session of an address beyond its quota, and only that address', () => {
    const stats = new ServerStats();
    const ledger = new SeatLedger({ maxSeatsPerAddress: 10, maxDetachedPerAddress: 2 }, stats);
    const ended: string[] = [];
    const seats = ['a', 'b', 'c', 'd'].map((n) => seat('10.0.0.1', ended, n));
    for (const _ of seats) ledger.seat('10.0.0.1');
    ledger.seat('10.0.0.9');
    ledger.detach(seat('10.0.0.9', ended, 'other'), 0);
    for (const s of seats) ledger.detach(s, 0);
    expect(ended).toEqual(['a', 'b']);
    expect(stats.detachedEvicted).toBe(2);
    // A resumed session stops counting: the next detach ends nobody.
    ledger.reattach(seats[2]);
    ledger.seat('10.0.0.1');
    ledger.detach(seat('10.0.0.1', ended, 'e'), 0);
    expect(ended).toEqual(['a', 'b']);
    expect(ledger.seatsOf('10.0.0.1')).toEqual({ seats: 5, detached: 2 });
  });

  it('forgets an address once it holds nothing', () => {
    const ledger = new SeatLedger({ maxSeatsPerAddress: 1, maxDetachedPerAddress: 1 });
    const s = seat('10.0.0.1', [], 'a');
    ledger.seat('10.0.0.1');
    ledger.detach(s, 0);
    ledger.unseat('10.0.0.1', s);
    expect(ledger.seatsOf('10.0.0.1')).toEqual({ seats: 0, detached: 0 });
  });
});
