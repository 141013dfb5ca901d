/**
 * GameCodec.fromWelcome: a client builds the codec of a game it has no code
 * for from the Welcome alone; a hash mismatch or a descriptor the codec
 * cannot use is a DecodeError (4001), never a throw.
 */
import { describe, expect, it } from 'vitest';
import { arena } from '../game/arena/arena';
import { CloseCode } from './constants';
import { DecodeError } from './decodeError';
import { GameCodec } from './gameCodec';
import { describeGame, descriptorHash, type GameDescriptor, type GameDescriptorBody } from './gameDescriptor';
import type { WelcomeBody } from './messages';

const welcomeFor = (game: unknown, gameHash: string): WelcomeBody => ({
  v: 2,
  playerId: 1,
  roomId: 'r1',
  roomName: 'Room',
  game: game as GameDescriptorBody,
  gameHash,
  seed: 1,
  tickRate: 60,
  snapshotRate: 30,
  serverTick: 0,
  maxPlayers: 10,
  resume: 'A'.repeat(43),
  resumed: false,
  maxInputRate: 120,
  players: [],
});

const arenaWire = describeGame(arena);
const arenaHash = descriptorHash(arenaWire);

function expectRefused(result: GameCodec | DecodeError, reason: RegExp): void {
  expect(result).toBeInstanceOf(DecodeError);
  const err = result as DecodeError;
  expect(err.closeCode).toBe(CloseCode.InvalidMessage);
  expect(err.reason).toMatch(reason);
}

describe('GameCodec.fromWelcome', () => {
  it('builds the arena codec from the Welcome, equal to the server\'s', () => {
    const codec = GameCodec.fromWelcome(welcomeFor(arenaWire, arenaHash));
    if (codec instanceof DecodeError) throw new Error(codec.reason);
    const server = new GameCodec(arena);
    expect(codec.hash).toBe(server.hash);
    expect(codec.descriptor).toEqual(server.descriptor);
    expect(codec.layout.stride).toBe(server.layout.stride);
    expect(codec.eventsCheck.Check({ tick: 1, events: [{ type: 'killed', id: 1, by: 2 }] })).toBe(true);
    expect(codec.eventsCheck.Check({ tick: 1, events: [{ type: 'killed', id: 1 }] })).toBe(false);
  });

  it('refuses a hash that does not match the descriptor', () => {
    expectRefused(GameCodec.fromWelcome(welcomeFor(arenaWire, '00000000')), /game hash mismatch/);
    const tampered = { ...arenaWire, version: arenaWire.version + 1 };
    expectRefused(GameCodec.fromWelcome(welcomeFor(tampered, arenaHash)), /game hash mismatch/);
  });

  // Descriptors that pass the Welcome's structural validator but break the game rules.
  const broken: [string, (d: GameDescriptor) => GameDescriptor, RegExp][] = [
    ['duplicate entity kinds', (d) => ({ ...d, entities: { kinds: [d.entities.kinds[0], d.entities.kinds[0]] } }), /declared twice/],
    ['a reserved event type', (d) => ({ ...d, events: [...d.events, { type: 'chat', fields: {} }] }), /reserved/],
    ['an int input field of 1 bit', (d) => ({ ...d, input: { fields: [{ name: 'x', kind: 'int', bits: 1 }] } }), /at least 2 bits/],
    ['an input field named viewTick', (d) => ({ ...d, input: { fields: [{ name: 'viewTick', kind: 'uint', bits: 4 }] } }), /reserved/],
    [
      'a wrapping field not spanning 0..wrap-1',
      (d) => ({ ...d, entities: { kinds: [{ kind: 1, name: 'p', fields: [{ name: 'a', scale: 1, min: 0, max: 10, wrap: 64 }] }] } }),
      /wrapping field/,
    ],
    ['min above max', (d) => ({ ...d, entities: { kinds: [{ kind: 1, name: 'p', fields: [{ name: 'a', scale: 1, min: 5, max: 4 }] }] } }), /min ≤ max/],
    ['a kind without fields', (d) => ({ ...d, entities: { kinds: [{ kind: 1, name: 'p', fields: [] }] } }), /no fields/],
    ['an event int with min above max', (d) => ({ ...d, events: [{ type: 'x', fields: { n: { type: 'int', min: 1, max: 0 } } }] }), /min ≤ max/],
  ];

  it.each(broken)('refuses %s (with a matching hash) as 4001, without throwing', (_name, make, reason) => {
    const d = make(arenaWire);
    let result: GameCodec | DecodeError | undefined;
    expect(() => (result = GameCodec.fromWelcome(welcomeFor(d, descriptorHash(d))))).not.toThrow();
    expectRefused(result!, reason);
  });

  // A client must validate the Welcome first (decodeServerFrame does); fromWelcome must still not throw on shapes that skip it.
  const malformed: [string, unknown][] = [
    ['no input', { ...arenaWire, input: undefined }],
    ['input fields not an array', { ...arenaWire, input: { fields: 3 } }],
    ['no entities', { ...arenaWire, entities: null }],
    ['kinds of null', { ...arenaWire, entities: { kinds: [null] } }],
    ['fields of a string', { ...arenaWire, entities: { kinds: [{ kind: 1, name: 'p', fields: 'xy' }] } }],
    ['events not an array', { ...arenaWire, events: {} }],
    ['event fields missing', { ...arenaWire, events: [{ type: 'x' }] }],
    ['title a number', { ...arenaWire, title: 5 }],
    ['a number', 42],
    ['null', null],
  ];

  it.each(malformed)('does not throw on a malformed descriptor: %s', (_name, game) => {
    let result: GameCodec | DecodeError | undefined;
    expect(() => (result = GameCodec.fromWelcome(welcomeFor(game, '00000000')))).not.toThrow();
    expect(result).toBeInstanceOf(DecodeError);
  });
});
