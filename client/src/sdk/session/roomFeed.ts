/**
 * Who is in the room (names by player id) and the feed of recent lines. Room
 * events — joined, left, chat — are the engine's, so the SDK handles them here;
 * a game adds its own lines through EventContext.feed.
 */
import type { AnyEvent } from '../../../../shared/protocol/eventSchema';
import type { PlayerInfo } from '../../../../shared/protocol/messages';
import type { FeedItem } from './sessionTypes';

/** Lines kept (the feed shows the recent ones). */
const FEED_LINES = 6;

export class RoomFeed {
  readonly items: FeedItem[] = [];
  private readonly names = new Map<number, string>();

  nameOf(id: number): string {
    return this.names.get(id) ?? `player ${id}`;
  }

  /** True while `id` is a player in the room. */
  isPlayer(id: number): boolean {
    return this.names.has(id);
  }

  /** Player ids in the room, ascending (a spectator cycles through them). */
  playerIds(): number[] {
    return [...this.names.keys()].sort((a, b) => a - b);
  }

  /** A new session: the Welcome's player list. */
  reset(players: readonly PlayerInfo[]): void {
    this.names.clear();
    for (const p of players) this.names.set(p.id, p.name);
  }

  push(nowMs: number, text: string): void {
    this.items.push({ atMs: nowMs, text });
    if (this.items.length > FEED_LINES) this.items.shift();
  }

  /** Handle a room event; false when `ev` is not one (it is the game's). */
  onRoomEvent(ev: AnyEvent, myId: number, nowMs: number): boolean {
    switch (ev.type) {
      case 'joined':
        this.names.set(Number(ev.id), String(ev.name));
        if (ev.id !== myId) this.push(nowMs, `${String(ev.name)} joined`);
        return true;
      case 'left':
        this.push(nowMs, `${this.nameOf(Number(ev.id))} left`);
        this.names.delete(Number(ev.id));
        return true;
      case 'chat':
        this.push(nowMs, `${this.nameOf(Number(ev.id))}: ${String(ev.text)}`);
        return true;
      default:
        return false;
    }
  }
}
