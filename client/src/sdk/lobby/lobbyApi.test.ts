import { describe, expect, it, vi } from 'vitest';
import { createRoom, diagnoseHandshake, listGames, listRooms, LobbyError } from './lobbyApi';

const json = (status: number, body: unknown) => new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } });

describe('lobbyApi', () => {
  it('lists rooms and creates one', async () => {
    const rooms = [{ id: 'abc', name: 'x', players: 1, maxPlayers: 8, game: 'one', private: false }];
    expect(await listRooms('http://h', vi.fn(async () => json(200, { rooms })))).toEqual(rooms);
    const fetchFn = vi.fn(async () => json(201, { id: 'r1', name: 'mine', maxPlayers: 4, code: 'ABCDEFGHJK' }));
    expect(await createRoom('http://h', { name: 'mine', maxPlayers: 4, private: true }, fetchFn)).toMatchObject({ code: 'ABCDEFGHJK' });
    expect(fetchFn).toHaveBeenCalledWith('http://h/api/rooms', expect.objectContaining({ method: 'POST' }));
  });

  it('lists games, leaving out malformed entries', async () => {
    const games = [
      { name: 'one', title: 'One', defaultMaxPlayers: 8, version: 1 },
      { name: 'two', title: 7, defaultMaxPlayers: 8 },
      null,
      { name: 'three', title: 'Three', defaultMaxPlayers: 100 },
    ];
    expect(await listGames('http://h', vi.fn(async () => json(200, { games })))).toEqual([
      { name: 'one', title: 'One', defaultMaxPlayers: 8 },
      { name: 'three', title: 'Three', defaultMaxPlayers: 100 },
    ]);
    expect(await listGames('http://h', vi.fn(async () => json(200, { games: 'no' })))).toEqual([]);
  });

  it('turns server errors and network failures into LobbyError with the server message', async () => {
    const err = await createRoom('http://h', { name: 'dup' }, async () => json(409, { error: 'name_taken', message: 'a room with that name exists' })).catch(
      (e: unknown) => e,
    );
    expect(err).toBeInstanceOf(LobbyError);
    expect(err).toMatchObject({ code: 'name_taken', message: 'a room with that name exists' });
    const down = await listRooms('http://h', async () => {
      throw new TypeError('Failed to fetch');
    }).catch((e: unknown) => e);
    expect(down).toMatchObject({ code: 'unreachable' });
  });

  it('diagnoses a failed handshake from /readyz', async () => {
    expect(await diagnoseHandshake('http://h', async () => new Response('ready', { status: 200 }))).toBe('refused');
    expect(await diagnoseHandshake('http://h', async () => new Response('draining', { status: 503 }))).toBe('restarting');
    expect(
      await diagnoseHandshake('http://h', async () => {
        throw new TypeError('Failed to fetch');
      }),
    ).toBe('unreachable');
  });
});
