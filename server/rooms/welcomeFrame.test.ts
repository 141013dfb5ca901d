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
