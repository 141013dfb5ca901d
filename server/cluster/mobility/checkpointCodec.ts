/**
 * Room checkpoints on the wire and on disk: msgpack, checked like a client
 * frame. The bytes come from Redis or a file another process wrote, so they
 * are hostile: a size cap before anything else, our structural guard
 * (msgpackGuard: no ext/bin, no length larger than the bytes, bounded depth),
 * msgpackr with safe options, then a strict schema (no extra keys, bounded
 * strings and arrays, integers in range). Decoding returns a CheckpointError,
 * never throws.
 *
 * Layout: one byte CHECKPOINT_MAGIC, then the msgpack map of RoomCheckpoint.
 * The version is the map's `v`: a reader refuses versions it does not know.
 */
import { Type, type Static } from '@sinclair/typebox';
import { TypeCompiler } from '@sinclair/typebox/compiler';
import { Packr, Unpackr } from 'msgpackr';
import { Limits } from '../../../shared/protocol/constants';
import { checkMsgpack } from '../../../shared/protocol/msgpackGuard';
import { GameName, JoinCode, PlayerName, ResumeToken, RoomId, RoomName } from '../../../shared/protocol/messages';
import { CHECKPOINT_VERSION, type RoomCheckpoint } from './roomCheckpoint';

/** First byte of every checkpoint ('K'): a stray value under the key is refused before msgpack. */
export const CHECKPOINT_MAGIC = 0x4b;
/** 255 players × a few hundred bytes of save each stays far below this. */
export const MAX_CHECKPOINT_BYTES = 256 * 1024;
export const MAX_SAVE_FIELDS = 64;
export const MAX_SAVE_STRING = 256;
/** checkpoint map → members array → member map → save map. */
const MAX_DEPTH = 4;
/** Save field names: identifiers (the record schema alone does not bound its keys). */
const SAVE_KEY = /^[A-Za-z_][A-Za-z0-9_]{0,31}$/;

const U32 = Type.Integer({ minimum: 0, maximum: 0xffffffff });
const strict = { additionalProperties: false } as const;
const SaveValue = Type.Union([Type.Number(), Type.String({ maxLength: MAX_SAVE_STRING }), Type.Boolean()]);

const MemberSchema = Type.Object(
  {
    token: ResumeToken,
    playerId: Type.Integer({ minimum: 1, maximum: Limits.maxPlayerId }),
    name: PlayerName,
    save: Type.Record(Type.String(), SaveValue, { maxProperties: MAX_SAVE_FIELDS }),
    graceLeftMs: Type.Union([Type.Integer({ minimum: 0, maximum: 86_400_000 }), Type.Null()]),
  },
  strict,
);

const CheckpointSchema = Type.Object(
  {
    v: Type.Literal(CHECKPOINT_VERSION),
    roomId: RoomId,
    name: RoomName,
    code: Type.Union([JoinCode, Type.Null()]),
    seed: U32,
    game: GameName,
    gameVersion: Type.Integer({ minimum: 1, maximum: 65535 }),
    gameHash: Type.String({ pattern: '^[0-9a-f]{8}$' }),
    maxPlayers: Type.Integer({ minimum: 1, maximum: Limits.maxPlayerId }),
    tick: U32,
    holder: Type.String({ pattern: '^[0-9A-Za-z_-]{0,64}$' }),
    takenAtEpochMs: Type.Integer({ minimum: 0, maximum: Number.MAX_SAFE_INTEGER }),
    members: Type.Array(MemberSchema, { maxItems: Limits.maxPlayerId }),
  },
  strict,
);

// Compile-time check that the schema and the interface describe the same thing.
type SchemaShape = Static<typeof CheckpointSchema>;
const _sameShape: (c: RoomCheckpoint) => SchemaShape = (c) => c;
void _sameShape;

const validator = TypeCompiler.Compile(CheckpointSchema);
const msgpackOptions = { useRecords: false, structuredClone: false, int64AsType: 'number', mapsAsObjects: true, moreTypes: false } as const;
const packr = new Packr(msgpackOptions);
const unpackr = new Unpackr(msgpackOptions);

export type CheckpointErrorCode = 'too-big' | 'bad-magic' | 'bad-msgpack' | 'bad-schema' | 'duplicate-player';

export class CheckpointError {
  constructor(
    readonly code: CheckpointErrorCode,
    readonly detail: string,
  ) {}

  get message(): string {
    return `checkpoint ${this.code}: ${this.detail}`;
  }
}

export function encodeCheckpoint(c: RoomCheckpoint): Uint8Array {
  const packed = packr.pack(c);
  const out = new Uint8Array(packed.length + 1);
  out[0] = CHECKPOINT_MAGIC;
  out.set(packed, 1);
  return out;
}

export function decodeCheckpoint(bytes: Uint8Array): RoomCheckpoint | CheckpointError {
  if (bytes.length > MAX_CHECKPOINT_BYTES) return new CheckpointError('too-big', `${bytes.length} bytes exceed ${MAX_CHECKPOINT_BYTES}`);
  if (bytes.length < 2 || bytes[0] !== CHECKPOINT_MAGIC) return new CheckpointError('bad-magic', 'not a room checkpoint');
  const problem = checkMsgpack(bytes, 1, MAX_DEPTH);
  if (problem !== null) return new CheckpointError('bad-msgpack', problem);
  let value: unknown;
  try {
    value = unpackr.unpack(bytes.subarray(1));
  } catch (err) {
    // The guard should make this unreachable; whatever msgpackr throws is still only a refusal.
    return new CheckpointError('bad-msgpack', (err as Error).message);
  }
  if (!validator.Check(value)) {
    const first = validator.Errors(value).First();
    return new CheckpointError('bad-schema', first ? `${first.path || '/'}: ${first.message}` : 'schema mismatch');
  }
  const ids = new Set<number>();
  for (const m of value.members) {
    if (ids.has(m.playerId)) return new CheckpointError('duplicate-player', `player ${m.playerId} twice`);
    ids.add(m.playerId);
    const badKey = Object.keys(m.save).find((k) => !SAVE_KEY.test(k));
    if (badKey !== undefined) return new CheckpointError('bad-schema', `player ${m.playerId}: save field name not an identifier`);
  }
  return value as RoomCheckpoint;
}
