/**
 * The Welcome frame, built from parts encoded once: the game descriptor is the
 * same for every joiner of a game (and most of the Welcome's bytes), the room's
 * fields for every joiner of the room; only the player's own fields are
 * packed per join. A msgpack map is its header followed by key/value pairs in
 * any order, so the parts are concatenated under one map header.
 *
 *   [op][fixmap 15]["game" descriptor "gameHash" h]  ← once per game codec
 *                  ["v" … "maxInputRate" n]         ← once per room
 *                  ["playerId" … "players" [...]]   ← per join
 *
 * The bytes decode to exactly the object encodeServerMessage would have packed
 * (welcomeFrame.test.ts); same msgpackr options as shared/protocol/frameCodec.ts.
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

export class WelcomeFrame {
  private readonly game: Entries;
  private readonly room: Entries;

  constructor(codec: GameCodec, room: RoomPart) {
    this.game = gamePart(codec);
    this.room = packEntries(room);
  }

  /** The whole Welcome frame (opcode first) for one joiner: a fresh array the caller may keep. */
  encode(joiner: JoinerPart): Uint8Array {
    const own = packEntries(joiner);
    const count = this.game.count + this.room.count + own.count;
    if (count > FIXMAP_MAX_ENTRIES) throw new RangeError(`WelcomeFrame: ${count} keys exceed a fixmap`);
    const out = new Uint8Array(2 + this.game.bytes.length + this.room.bytes.length + own.bytes.length);
    out[0] = Opcode.Welcome;
    out[1] = FIXMAP | count;
    out.set(this.game.bytes, 2);
    out.set(this.room.bytes, 2 + this.game.bytes.length);
    out.set(own.bytes, 2 + this.game.bytes.length + this.room.bytes.length);
    return out;
  }
}
