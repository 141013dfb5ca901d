import { describe, expect, it } from 'vitest';
import { arena } from '../../shared/game/arena/arena';
import { Opcode, PROTOCOL_VERSION } from '../../shared/protocol/constants';
import { decodeServerFrame, encodeServerMessage } from '../../shared/protocol/frameCodec';
import { GameCodec } from '../../shared/protocol/gameCodec';
import type { WelcomeBody } from '../../shared/protocol/messages';
import { WelcomeFrame } from './welcomeFrame';

const codec = new GameCodec(arena);
const room = {
  v: PROTOCOL_VERSION,
  roomId: 'r0abcdefgh',
  roomName: 'Arena 1',
  seed: 123456789,
  tickRate: 60,
  snapshotRate: 30,
  maxPlayers: 10,
  maxInputRate: 120,
};
const joiner = {
  playerId: 7,
  serverTick: 4242,
  resume: 'x'.repeat(43),
  resumed: false,
  players: [{ id: 3, name: 'ann' }, { id: 7, name: 'bob 2' }],
};

describe('WelcomeFrame', () => {
  it('decodes to exactly the Welcome encodeServerMessage packs', () => {
    const body: WelcomeBody = { ...room, ...joiner, game: codec.descriptor as never, gameHash: codec.hash };
    const reference = decodeServerFrame(encodeServerMessage({ op: Opcode.Welcome, body }), null);
    const frame = new WelcomeFrame(codec, room).encode(joiner);
    const decoded = decodeServerFrame(frame, null);
    expect(decoded).toEqual(reference);
    expect(decoded).toMatchObject({ op: Opcode.Welcome, body: { playerId: 7, gameHash: codec.hash, players: joiner.players } });
    expect(frame.length).toBe(encodeServerMessage({ op: Opcode.Welcome, body }).length);
  });

  it('packs each joiner on its own: frames do not share bytes', () => {
    const welcome = new WelcomeFrame(codec, room);
    const a = welcome.encode(joiner);
    const b = welcome.encode({ ...joiner, playerId: 8, resumed: true, players: [] });
    expect(decodeServerFrame(a, null)).toMatchObject({ body: { playerId: 7, resumed: false } });
    expect(decodeServerFrame(b, null)).toMatchObject({ body: { playerId: 8, resumed: true, players: [] } });
  });
});

describe('WelcomeFrame: the joiner part written by hand', () => {
  const reference = (j: typeof joiner) =>
    encodeServerMessage({ op: Opcode.Welcome, body: { ...room, ...j, game: codec.descriptor as never, gameHash: codec.hash } as WelcomeBody });

  it('writes the very bytes msgpackr packs, at every size of id, tick and roster', () => {
    const welcome = new WelcomeFrame(codec, room);
    for (const playerId of [1, 127, 128, 255, 256, 65_535, 65_536]) {
      for (const serverTick of [0, 127, 200, 40_000, 70_000, 2 ** 32 - 1]) {
        for (const n of [0, 1, 9, 15, 16, 20]) {
          const j = { playerId, serverTick, resume: 'A-_z'.repeat(10) + 'abc', resumed: n % 2 === 0, players: Array.from({ length: n }, (_, k) => ({ id: k + 1, name: `player ${k} ✓` })) };
          const frame = welcome.encode(j);
          // Same length and object as the generic encoding, and the joiner's entries byte for byte
          // (the generic map puts them elsewhere in the key order; msgpack maps are unordered).
          expect(frame.length).toBe(reference(j).length);
          expect(decodeServerFrame(frame, null)).toEqual(decodeServerFrame(reference(j), null));
          const alone = encodeServerMessage({ op: Opcode.Welcome, body: j as never }).subarray(2);
          expect(Array.from(frame.subarray(frame.length - alone.length))).toEqual(Array.from(alone));
        }
      }
    }
  });

  it('repacks a player whose id was reused under another name', () => {
    const welcome = new WelcomeFrame(codec, room);
    welcome.encode({ ...joiner, players: [{ id: 3, name: 'ann' }] });
    const j = { ...joiner, players: [{ id: 3, name: 'cid' }] };
    expect(decodeServerFrame(welcome.encode(j), null)).toMatchObject({ body: { players: [{ id: 3, name: 'cid' }] } });
  });
});
