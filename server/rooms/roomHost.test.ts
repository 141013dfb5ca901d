/**
 * Quick play in RoomHost: it keeps filling the room it chose (no scan of every
 * room per join) and re-chooses the fullest room after QUICK_PLAY_RESCAN_MS.
 */
import { describe, expect, it, vi } from 'vitest';
import { DEFAULT_CONFIG } from '../config';
import { GameCatalog } from '../games/gameCatalog';
import { createLogger } from '../logger';
import { ServerStats } from '../serverStats';
import { InMemorySessionStore } from '../sessions/sessionStore';
import { FakeLink } from '../../tests/support/fakeLink';
import { lineGame } from '../../tests/support/lineGame';
import { Room } from './room';
import { InMemoryRoomDirectory } from './roomDirectory';
import { RoomHost } from './roomHost';

function setup() {
  const config = { ...DEFAULT_CONFIG, defaultMaxPlayers: 10, maxSeatsPerAddress: 1000, quotaExempt: [] };
  const directory = new InMemoryRoomDirectory();
  const host = new RoomHost(config, new GameCatalog([lineGame]), directory, new InMemorySessionStore(), new ServerStats(), createLogger('silent'));
  const scans = vi.spyOn(directory, 'findQuickPlay');
  let n = 0;
  const quickJoin = (nowMs: number): Room => {
    const room = host.resolve({ kind: 'quick' }, nowMs);
    if (!(room instanceof Room)) throw new Error(`quick play refused: ${room}`);
    if (typeof room.join(new FakeLink(), `p${++n}`, false, `10.0.0.${n}`) === 'number') throw new Error('join refused');
    return room;
  };
  return { host, directory, scans, quickJoin };
}

describe('RoomHost quick play', () => {
  it('fills the room it picked without scanning every room per join: one scan per room filled', () => {
    const { scans, quickJoin, directory } = setup();
    const rooms = new Set<Room>();
    for (let i = 0; i < 25; i++) rooms.add(quickJoin(0));
    expect(rooms.size).toBe(3);
    expect([...rooms].map((r) => r.playerCount)).toEqual([10, 10, 5]);
    expect(directory.size).toBe(3);
    expect(scans).toHaveBeenCalledTimes(3); // the first join, and once each time the pick was full
  });

  it('re-chooses the fullest room once the pick is QUICK_PLAY_RESCAN_MS old', () => {
    const { host, quickJoin } = setup();
    const picked = quickJoin(0);
    const fuller = host.create({}, 0);
    if (!(fuller instanceof Room)) throw new Error(`create refused: ${fuller}`);
    for (let i = 0; i < 5; i++) fuller.join(new FakeLink(), `f${i}`, false, `10.0.1.${i}`);
    expect(quickJoin(50)).toBe(picked); // the pick is kept for 100 ms
    expect(quickJoin(150)).toBe(fuller); // then the fullest room is chosen again
  });

  it('never returns a pick that was disposed and removed', () => {
    const { host, directory, quickJoin } = setup();
    const picked = quickJoin(0);
    picked.dispose();
    directory.remove(picked);
    const next = host.resolve({ kind: 'quick' }, 1);
    expect(next).toBeInstanceOf(Room);
    expect(next).not.toBe(picked);
  });
});
