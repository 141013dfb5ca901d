/**
 * Per-address quota of live rooms created through POST /api/rooms. Without
 * it one address filled every room slot (1,000 private rooms in 0.5 s) and
 * everyone else got 503 on create and 1001 on quick play (issue 9, finding 4).
 * A room stops counting once it is disposed (empty for the room grace), so
 * the quota limits what one address holds, not what it may ever create.
 */
export class RoomQuota {
  private readonly byAddress = new Map<string, Set<string>>();

  constructor(
    readonly maxPerAddress: number,
    /** Does the room still exist? (the directory is the truth; we only remember who created what). */
    private readonly isLive: (roomId: string) => boolean,
  ) {}

  /** Live rooms `address` has created. */
  count(address: string): number {
    return this.live(address)?.size ?? 0;
  }

  allows(address: string): boolean {
    return this.count(address) < this.maxPerAddress;
  }

  record(address: string, roomId: string): void {
    const rooms = this.byAddress.get(address) ?? new Set<string>();
    rooms.add(roomId);
    this.byAddress.set(address, rooms);
  }

  /** Forget disposed rooms of every address (call periodically; memory stays bounded by live rooms). */
  prune(): void {
    for (const address of [...this.byAddress.keys()]) this.live(address);
  }

  private live(address: string): Set<string> | undefined {
    const rooms = this.byAddress.get(address);
    if (!rooms) return undefined;
    for (const id of rooms) if (!this.isLive(id)) rooms.delete(id);
    if (rooms.size === 0) this.byAddress.delete(address);
    return rooms.size > 0 ? rooms : undefined;
  }
}
