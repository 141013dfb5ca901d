/**
 * The Welcome frame, built from parts encoded once: the game descriptor is the
 * same for every joiner of a game (and most of the Welcome's bytes), the room's
 * fields for every joiner of the room; only the player's own fields are
 * packed per join. A msgpack map is its header followed by key/value pairs in
 * any order, so the parts are concatenated under one map header.
 *
 *   [op][fixmap 15]["game" descriptor "gameHash" h]  ← once per game codec
 *                  ["v" … "maxInputRate" n]         ← once per room
 *                  ["playerId" … "players" [...]]   ← per join: keys packed once, each
 *                                                       player's {id, name} once per room,
 *                                                       the scalars written by hand
 *
 * The bytes are the ones encodeServerMessage would have packed (welcomeFrame.test.ts);
 * same msgpackr options as shared/protocol/frameCodec.ts. Packing the joiner's part
 * with msgpackr was ~60 % of the Welcome's cost per join.
 */
import { Packr } from 'msgpackr';
import { Opcode } from '../../shared/protocol/constants';
import type { GameCodec } from '../../shared/protocol/gameCodec';
import type { WelcomeBody } from '../../shared/protocol/messages';

type GamePart = Pick<WelcomeBody, 'game' | 'gameHash'>;
type JoinerPart = Pick<WelcomeBody, 'playerId' | 'serverTick' | 'resume' | 'resumed' | 'players'>;
export type RoomPart = Omit<WelcomeBody, keyof GamePart | keyof JoinerPart>;

const packr = new Packr({
  useRecords: false,
  structuredClone: false,
  int64AsType: 'number',
  mapsAsObjects: true,
  moreTypes: false,
  skipValues: [undefined],
} as ConstructorParameters<typeof Packr>[0]);

const FIXMAP = 0x80;
const FIXMAP_MAX_ENTRIES = 15;

/** A map packed without its header: its entries' bytes and how many there are. */
interface Entries {
  readonly bytes: Uint8Array;
  readonly count: number;
}

function packEntries(part: object): Entries {
  const packed = packr.pack(part);
  const count = Object.values(part).filter((v) => v !== undefined).length;
  // Only small maps (fixmap) are split; every part here has ≤ 15 keys.
  if (count > FIXMAP_MAX_ENTRIES || packed[0] !== (FIXMAP | count)) {
    throw new RangeError(`WelcomeFrame: a part of ${count} keys does not pack as a fixmap`);
  }
  return { bytes: packed.slice(1), count };
}

/** The descriptor part, per game codec (codecs are shared by every room of a game). */
const gameParts = new WeakMap<GameCodec, Entries>();

function gamePart(codec: GameCodec): Entries {
  let part = gameParts.get(codec);
  if (!part) {
    const body: GamePart = { game: codec.descriptor as never, gameHash: codec.hash };
    gameParts.set(codec, (part = packEntries(body)));
  }
  return part;
}

/** The joiner part's keys, packed once, in the order msgpackr packs the object's own keys. */
const JOINER_KEYS = ['playerId', 'serverTick', 'resume', 'resumed', 'players'] as const;
const joinerKeys = JOINER_KEYS.map((k) => packr.pack(k));
const JOINER_KEYS_BYTES = joinerKeys.reduce((n, k) => n + k.length, 0);

/** Largest encoding of a uint32 (0xce + 4 bytes) and of a fixarray/array16 header. */
const MAX_UINT_BYTES = 5;
const MAX_ARRAY_HEADER_BYTES = 3;

export class WelcomeFrame {
  private readonly game: Entries;
  private readonly room: Entries;
  /** Each player's packed {id, name}, kept while the name stays (ids are reused in a room). */
  private readonly playerBytes = new Map<number, { name: string; bytes: Uint8Array }>();

  constructor(codec: GameCodec, room: RoomPart) {
    this.game = gamePart(codec);
    this.room = packEntries(room);
  }

  /** The whole Welcome frame (opcode first) for one joiner: a fresh array the caller may keep. */
  encode(joiner: JoinerPart): Uint8Array {
    const count = this.game.count + this.room.count + JOINER_KEYS.length;
    if (count > FIXMAP_MAX_ENTRIES) throw new RangeError(`WelcomeFrame: ${count} keys exceed a fixmap`);
    const players = joiner.players.map((p) => this.player(p.id, p.name));
    const resume = packString(joiner.resume);
    let size = 2 + this.game.bytes.length + this.room.bytes.length + JOINER_KEYS_BYTES + 2 * MAX_UINT_BYTES + resume.length + 1 + MAX_ARRAY_HEADER_BYTES;
    for (const p of players) size += p.length;
    const out = new Uint8Array(size);
    out[0] = Opcode.Welcome;
    out[1] = FIXMAP | count;
    let at = 2;
    out.set(this.game.bytes, at);
    at += this.game.bytes.length;
    out.set(this.room.bytes, at);
    at += this.room.bytes.length;
    at = putKey(out, at, 0);
    at = putUint(out, at, joiner.playerId);
    at = putKey(out, at, 1);
    at = putUint(out, at, joiner.serverTick);
    at = putKey(out, at, 2);
    out.set(resume, at);
    at += resume.length;
    at = putKey(out, at, 3);
    out[at++] = joiner.resumed ? 0xc3 : 0xc2;
    at = putKey(out, at, 4);
    at = putArrayHeader(out, at, players.length);
    for (const p of players) {
      out.set(p, at);
      at += p.length;
    }
    return out.subarray(0, at);
  }

  private player(id: number, name: string): Uint8Array {
    const known = this.playerBytes.get(id);
    if (known && known.name === name) return known.bytes;
    // A copy: msgpackr's result shares its working buffer with the next pack.
    const bytes = packr.pack({ id, name }).slice();
    this.playerBytes.set(id, { name, bytes });
    return bytes;
  }
}

function putKey(out: Uint8Array, at: number, key: number): number {
  out.set(joinerKeys[key], at);
  return at + joinerKeys[key].length;
}

/** A msgpack uint as msgpackr writes it (the smallest form); ids and ticks are u32. */
function putUint(out: Uint8Array, at: number, n: number): number {
  if (!Number.isInteger(n) || n < 0 || n > 0xffffffff) throw new RangeError(`WelcomeFrame: ${n} is not a u32`);
  if (n < 0x80) {
    out[at] = n;
    return at + 1;
  }
  if (n < 0x100) {
    out[at] = 0xcc;
    out[at + 1] = n;
    return at + 2;
  }
  if (n < 0x10000) {
    out[at] = 0xcd;
    out[at + 1] = n >>> 8;
    out[at + 2] = n & 0xff;
    return at + 3;
  }
  out[at] = 0xce;
  new DataView(out.buffer, out.byteOffset).setUint32(at + 1, n);
  return at + 5;
}

function putArrayHeader(out: Uint8Array, at: number, length: number): number {
  if (length < 16) {
    out[at] = 0x90 | length;
    return at + 1;
  }
  out[at] = 0xdc;
  out[at + 1] = length >>> 8;
  out[at + 2] = length & 0xff;
  return at + 3;
}

/** The resume token (43 base64url characters): packed by msgpackr (its string header rules), no map around it. */
function packString(s: string): Uint8Array {
  return packr.pack(s).slice();
}
