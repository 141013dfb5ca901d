/**
 * Open WebSocket connections per client address, checked at the upgrade
 * (429 beyond the cap): without it one address could take every connection
 * slot (issue 9, finding 5). Counted on open and released on close; uWS
 * calls `open` synchronously inside `res.upgrade`, so an upgrade cannot slip
 * between the check and the count.
 */
export class AddressConnections {
  private readonly counts = new Map<string, number>();

  constructor(readonly maxPerAddress: number) {}

  allows(address: string): boolean {
    return (this.counts.get(address) ?? 0) < this.maxPerAddress;
  }

  opened(address: string): void {
    this.counts.set(address, (this.counts.get(address) ?? 0) + 1);
  }

  closed(address: string): void {
    const n = (this.counts.get(address) ?? 0) - 1;
    if (n > 0) this.counts.set(address, n);
    else this.counts.delete(address);
  }

  get addresses(): number {
    return this.counts.size;
  }
}
