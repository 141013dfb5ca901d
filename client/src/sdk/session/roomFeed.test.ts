import { describe, expect, it } from 'vitest';
import { RoomFeed } from './roomFeed';

describe('RoomFeed', () => {
  it('tracks names from the Welcome and room events, and keeps the last 6 lines', () => {
    const feed = new RoomFeed();
    feed.reset([{ id: 1, name: 'ann' }]);
    expect(feed.onRoomEvent({ type: 'joined', id: 2, name: 'bo' }, 1, 10)).toBe(true);
    expect(feed.onRoomEvent({ type: 'joined', id: 1, name: 'ann' }, 1, 11)).toBe(true); // our own join: no line
    expect(feed.onRoomEvent({ type: 'chat', id: 2, text: 'hi' }, 1, 12)).toBe(true);
    expect(feed.onRoomEvent({ type: 'left', id: 2 }, 1, 13)).toBe(true);
    expect(feed.items.map((i) => i.text)).toEqual(['bo joined', 'bo: hi', 'bo left']);
    expect(feed.isPlayer(2)).toBe(false);
    expect(feed.nameOf(2)).toBe('player 2');
    // A game's event is not the room's.
    expect(feed.onRoomEvent({ type: 'tagged', id: 1 }, 1, 14)).toBe(false);
    for (let i = 0; i < 10; i++) feed.push(20 + i, `line ${i}`);
    expect(feed.items.map((i) => i.text)).toEqual(['line 4', 'line 5', 'line 6', 'line 7', 'line 8', 'line 9']);
  });
});
