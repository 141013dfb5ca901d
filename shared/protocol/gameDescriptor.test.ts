/**
 * The game descriptor: every problem listed at once, a hash that is stable
 * and canonical (key order and absent optionals do not matter, any wire
 * change does), and the arena's descriptor surviving the trip a Welcome
 * makes: msgpack, the Welcome validator, GameCodec.fromWelcome.
 */
import { TypeCompiler } from '@sinclair/typebox/compiler';
import { describe, expect, it } from 'vitest';
import { arena } from '../game/arena/arena';
import { Opcode } from './constants';
import { decodeServerFrame, encodeServerMessage } from './frameCodec';
import { GameCodec } from './gameCodec';
import {
  canonicalJson,
  describeGame,
  descriptorHash,
  GameDescriptorBody,
  gameDescriptorProblems,
  type GameDescriptor,
} from './gameDescriptor';
import type { WelcomeBody } from './messages';

const tiny: GameDescriptor = {
  name: 'tiny',
  title: 'Tiny',
  version: 1,
  input: { fields: [{ name: 'b', kind: 'flags', bits: 1 }] },
  entities: { kinds: [{ kind: 1, name: 'dot', fields: [{ name: 'x', scale: 1, min: 0, max: 9 }] }] },
  events: [{ type: 'pop', fields: { id: { type: 'entity' } } }],
};

describe('gameDescriptorProblems', () => {
  it('is empty for the arena and a minimal game', () => {
    expect(gameDescriptorProblems(arena)).toEqual([]);
    expect(gameDescriptorProblems(tiny)).toEqual([]);
  });

  it('lists every problem at once, each naming the game', () => {
    const bad: GameDescriptor = {
      name: 'Bad Game',
      title: '',
      version: 0,
      input: {
        fields: [
          { name: 'a', kind: 'uint', bits: 25 },
          { name: 'a', kind: 'int', bits: 1 },
          { name: 'viewTick', kind: 'flags', bits: 2, carryMask: 4 },
        ],
      },
      entities: { kinds: [{ kind: 0, name: 'k', fields: [{ name: 'x', scale: 0, min: 0, max: 1 }] }] },
      events: [
        { type: 'joined', fields: {} },
        { type: 'Boom', fields: { type: { type: 'entity' } } },
        { type: 'ok', fields: { n: { type: 'int', min: 2, max: 1 }, s: { type: 'string', maxLength: 2000 } } },
      ],
    };
    const problems = gameDescriptorProblems(bad);
    const expected = [
      /name "Bad Game" must match/,
      /title must be 1..32 characters/,
      /version must be 1..65535/,
      /input field "a": bits must be 1..24/,
      /input field "a" twice/,
      /input field "a": an int needs at least 2 bits/,
      /"viewTick" is reserved/,
      /input field "viewTick": carryMask outside the field/,
      /kind 0 \(k\): kind must be 1..255/,
      /kind 0 \(k\)\.x: scale must be > 0/,
      /event type "joined" declared twice or reserved/,
      /event type "Boom": must match/,
      /event Boom: bad field name "type"/,
      /event ok\.n: min\/max must be safe integers/,
      /event ok\.s: maxLength must be 0..1024/,
    ];
    for (const re of expected) expect(problems.some((p) => re.test(p)), `${re} in\n${problems.join('\n')}`).toBe(true);
    expect(problems).toHaveLength(expected.length);
    for (const p of problems) expect(p.startsWith('game Bad Game: ')).toBe(true);
  });
});

describe('descriptorHash', () => {
  it('is 8 hex digits, stable across runs and builds (the arena v5 value is pinned)', () => {
    const h = descriptorHash(describeGame(arena));
    expect(h).toMatch(/^[0-9a-f]{8}$/);
    // Changing the arena's schemas changes this value: bump arena.version and update it on purpose.
    expect(h).toBe('8f7d4af3');
    expect(descriptorHash(describeGame(arena))).toBe(h);
  });

  it('is canonical: key order and optional keys left undefined do not change it', () => {
    const reordered = {
      events: [{ fields: { id: { type: 'entity' } }, type: 'pop' }],
      entities: { kinds: [{ fields: [{ max: 9, min: 0, scale: 1, name: 'x', wrap: undefined }], name: 'dot', kind: 1 }] },
      input: { fields: [{ bits: 1, kind: 'flags', name: 'b', carryMask: undefined }] },
      version: 1,
      title: 'Tiny',
      name: 'tiny',
    } as unknown as GameDescriptor;
    expect(canonicalJson(reordered)).toBe(canonicalJson(tiny));
    expect(descriptorHash(reordered)).toBe(descriptorHash(tiny));
    expect(canonicalJson({ b: [1, { d: 2, c: 'x' }], a: null })).toBe('{"a":null,"b":[1,{"c":"x","d":2}]}');
  });

  it('changes with any part of the wire vocabulary', () => {
    const base = descriptorHash(tiny);
    const variants: GameDescriptor[] = [
      { ...tiny, name: 'tinier' },
      { ...tiny, title: 'Tiny!' },
      { ...tiny, version: 2 },
      { ...tiny, input: { fields: [{ name: 'b', kind: 'flags', bits: 2 }] } },
      { ...tiny, input: { fields: [{ name: 'b', kind: 'flags', bits: 1, carryMask: 1 }] } },
      { ...tiny, entities: { kinds: [{ kind: 2, name: 'dot', fields: tiny.entities.kinds[0].fields }] } },
      { ...tiny, entities: { kinds: [{ kind: 1, name: 'dot', fields: [{ name: 'x', scale: 2, min: 0, max: 9 }] }] } },
      { ...tiny, events: [] },
      { ...tiny, events: [{ type: 'pop', fields: { id: { type: 'int', min: 0, max: 1 } } }] },
    ];
    const hashes = new Set(variants.map(descriptorHash));
    expect(hashes.size).toBe(variants.length);
    expect(hashes.has(base)).toBe(false);
  });

  it('describeGame keeps the wire vocabulary only, so a definition and its description hash alike through GameCodec', () => {
    const d = describeGame(arena);
    expect(Object.keys(d).sort()).toEqual(['entities', 'events', 'input', 'name', 'title', 'version']);
    expect(JSON.parse(JSON.stringify(d))).toEqual(d); // plain data
    expect(new GameCodec(arena).hash).toBe(descriptorHash(d));
  });
});

describe('the arena descriptor in a Welcome', () => {
  const welcome: WelcomeBody = {
    v: 2,
    playerId: 1,
    roomId: 'r1',
    roomName: 'Arena 1',
    game: describeGame(arena) as GameDescriptorBody,
    gameHash: descriptorHash(describeGame(arena)),
    seed: 1,
    tickRate: 60,
    snapshotRate: 30,
    serverTick: 0,
    maxPlayers: 10,
    resume: 'A'.repeat(43),
    resumed: false,
    maxInputRate: 120,
    players: [],
  };

  it('passes the descriptor validator', () => {
    const check = TypeCompiler.Compile(GameDescriptorBody);
    expect([...check.Errors(describeGame(arena))]).toEqual([]);
    expect(check.Check(describeGame(tiny))).toBe(true);
  });

  it('round-trips through msgpack and the Welcome validator, and a client builds the same codec from it', () => {
    const bytes = encodeServerMessage({ op: Opcode.Welcome, body: welcome });
    const decoded = decodeServerFrame(bytes, null);
    expect(decoded).toEqual({ op: Opcode.Welcome, body: welcome });
    if (!('op' in decoded) || decoded.op !== Opcode.Welcome) throw new Error('not a welcome');
    const codec = GameCodec.fromWelcome(decoded.body);
    if (!(codec instanceof GameCodec)) throw new Error(codec.reason);
    const server = new GameCodec(arena);
    expect(codec.hash).toBe(server.hash);
    expect(codec.layout.stride).toBe(11);
    expect([codec.layout.fieldCount(1), codec.layout.fieldCount(2)]).toEqual([11, 7]);
    expect(codec.input.names).toEqual(['buttons', 'aim']);
    expect(Array.from(codec.input.bits)).toEqual([5, 10]);
    console.info(`arena Welcome: ${bytes.length} bytes (game descriptor included), hash ${codec.hash}`);
  });
});
