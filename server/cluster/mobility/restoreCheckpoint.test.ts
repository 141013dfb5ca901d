import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createLogger } from '../../logger';
import { DEFAULT_CONFIG } from '../../config';
import { GameCatalog } from '../../games/gameCatalog';
import { InMemoryRoomDirectory } from '../../rooms/roomDirectory';
import { RoomHost } from '../../rooms/roomHost';
import type { Room } from '../../rooms/room';
import { ServerStats } from '../../serverStats';
import { InMemorySessionStore } from '../../sessions/sessionStore';
import { FakeLink } from '../../../tests/support/fakeLink';
import { lineGame, type LineState } from '../../../tests/support/lineGame';
import { decodeCheckpoint, encodeCheckpoint } from './checkpointCodec';
import { captureCheckpoint, type RoomCheckpoint } from './roomCheckpoint';
import { restoreCheckpoint, RestoreError } from './restoreCheckpoint';

const GRACE_MS = 15_000;
const newHost = () =>
  new RoomHost({ ...DEFAULT_CONFIG, sessionGraceMs: GRACE_MS, defaultMaxPlayers: 8 }, new GameCatalog([lineGame]), new InMemoryRoomDirectory(), new InMemorySessionStore(), new ServerStats(), createLogger('silent'));

/** A room with `positions.length` players moved to those positions; the first `detached` of them disconnected at t=1000. */
function playedRoom(host: RoomHost, positions: [number, number][], detached: number): Room {
  const room = host.create({ name: 'Line 1', isPrivate: true }, 0) as Room;
  const members = positions.map((_, i) => room.join(new FakeLink(), `p${i}`, false));
  room.step(0);
  const state = room.state as LineState;
  positions.forEach(([x, y], i) => Object.assign(state.players.get(i + 1)!, { x, y, presses: x + y }));
  for (let i = 0; i < detached; i++) room.disconnect(members[i] as never, false, 1000);
  room.step(1000);
  return room;
}

const capture = (host: RoomHost, room: Room, nowMs: number, epochNowMs: number): RoomCheckpoint =>
  captureCheckpoint(room, host.games.get('line')!, { holder: 'a', nowMs, epochNowMs, sessionGraceMs: GRACE_MS });

const saves = (room: Room) => room.savedMembers().map((m) => ({ id: m.playerId, name: m.name, token: m.session.token, save: m.save }));

describe('restoreCheckpoint', () => {
  it("a restored room's players equal the original's saves, whatever they did (property)", () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.integer({ min: -1000, max: 1000 }), fc.integer({ min: -1000, max: 1000 })), { minLength: 1, maxLength: 8 }),
        fc.nat(8),
        (positions, detachedWanted) => {
          const source = newHost();
          const room = playedRoom(source, positions, Math.min(detachedWanted, positions.length));
          // Monotonic clocks are fractional: the grace left must still encode (an integer).
          const bytes = encodeCheckpoint(capture(source, room, 2000.25, 1_000_000));
          const target = newHost();
          const restored = restoreCheckpoint(target, decodeCheckpoint(bytes) as RoomCheckpoint, 50, 1_000_100);
          expect(restored).not.toBeInstanceOf(RestoreError);
          const r = restored as Room;
          expect([r.id, r.code, r.seed, r.name, r.maxPlayers]).toEqual([room.id, room.code, room.seed, room.name, room.maxPlayers]);
          expect(saves(r)).toEqual(saves(room));
          for (const m of r.savedMembers()) expect(target.sessions.find(m.session.token)).toEqual(m.session);
        },
      ),
      { numRuns: 50 },
    );
  });

  it('a resumed player plays on from its save', () => {
    const source = newHost();
    const room = playedRoom(source, [[5, 6]], 0);
    const target = newHost();
    const r = restoreCheckpoint(target, capture(source, room, 2000, 10), 0, 10) as Room;
    const session = target.sessions.find(room.memberById(1)!.session.token)!;
    expect(r.resume(session, new FakeLink(), 1)).not.toBeNull();
    r.step(2);
    expect((r.state as LineState).players.get(1)).toMatchObject({ x: 5, y: 6, presses: 11 });
  });

  it('carries the grace left over, minus the wall-clock time since, and drops sessions past it', () => {
    const source = newHost();
    const room = playedRoom(source, [[1, 1], [2, 2]], 1); // player 1 detached at 1000
    const c = capture(source, room, 11_000, 0); // 10 s into its 15 s grace
    expect(c.members.map((m) => m.graceLeftMs)).toEqual([5000, null]);
    const early = restoreCheckpoint(newHost(), c, 0, 4000) as Room;
    expect(early.playerCount).toBe(2);
    const late = restoreCheckpoint(newHost(), c, 0, 6000) as Room;
    expect(late.savedMembers().map((m) => m.playerId)).toEqual([2]);
    expect((restoreCheckpoint(newHost(), c, 0, 20_000) as RestoreError).code).toBe('nothing-to-restore');
  });

  it('refuses another build of the game, a room it already holds, and takes another name when the name is taken', () => {
    const source = newHost();
    const room = playedRoom(source, [[1, 1]], 0);
    const c = capture(source, room, 2000, 0);
    expect((restoreCheckpoint(newHost(), { ...c, gameHash: 'ffffffff' }, 0, 0) as RestoreError).code).toBe('game-mismatch');
    expect((restoreCheckpoint(newHost(), { ...c, game: 'chess' }, 0, 0) as RestoreError).code).toBe('unknown-game');
    expect((restoreCheckpoint(source, c, 0, 0) as RestoreError).code).toBe('room-exists');
    const busy = newHost();
    busy.create({ name: 'Line 1' }, 0);
    expect((restoreCheckpoint(busy, c, 0, 0) as Room).name).toBe('Line 1 2');
  });
});
