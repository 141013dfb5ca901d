/**
 * A room's spectators: admitted up to the room's own cap (separate from its
 * seats: a full spectator list refuses with 4112 while players still join),
 * acknowledged like players, closed 4005 when idle (no Ack or Ping for the
 * player idle timeout, counted in ticks like players' inputs). Spectators
 * count in no player figure: not in seats, the seat quota, quick-play
 * fullness or the game's world.
 */
import { CloseCode } from '../../shared/protocol/constants';
import type { ClientLink } from './clientLink';
import { Spectator } from './spectator';

export type WatchRefusal = typeof CloseCode.SpectatorsFull;

export class SpectatorList {
  private readonly list = new Map<number, Spectator>();
  private nextId = 1;

  constructor(readonly cap: number) {}

  get count(): number {
    return this.list.size;
  }

  get isFull(): boolean {
    return this.list.size >= this.cap;
  }

  /** Admit a spectator at room tick `tick`, or refuse: the list is full (or the cap is 0: watching is off). */
  admit(link: ClientLink, address: string, tick: number): Spectator | WatchRefusal {
    if (this.isFull) return CloseCode.SpectatorsFull;
    const s = new Spectator(this.nextId++, link, address, tick);
    this.list.set(s.spectatorId, s);
    return s;
  }

  /** The spectator's connection ended (idempotent). */
  remove(s: Spectator): void {
    if (this.list.get(s.spectatorId) === s) this.list.delete(s.spectatorId);
    s.link = null;
  }

  has(s: Spectator): boolean {
    return this.list.get(s.spectatorId) === s;
  }

  values(): IterableIterator<Spectator> {
    return this.list.values();
  }

  /** Close and remove spectators silent for more than `idleTicks` at room tick `tick`; returns how many. */
  closeIdle(tick: number, idleTicks: number, reason: string): number {
    let closed = 0;
    for (const s of this.list.values()) {
      if (tick - s.lastActiveTick <= idleTicks) continue;
      const link = s.link;
      this.remove(s);
      link?.close(CloseCode.Idle, reason);
      closed++;
    }
    return closed;
  }

  closeAll(code: number, reason: string): void {
    for (const s of this.list.values()) s.link?.close(code, reason);
  }
}

/** Spectators per room when the room's options do not say (the server's --max-spectators default). */
export const DEFAULT_MAX_SPECTATORS = 32;
