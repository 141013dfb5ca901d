/**
 * The replay file: one room's command stream from tick 0 plus keyframes
 * (state hashes), compact and versioned. Node-free (Uint8Array, DataView) so
 * the browser player reads it with the same code.
 *
 *   "TWRP" u8 formatVersion u32 headerLen  header (msgpack map)
 *   section*   = u8 kind  u32 rawLen  u32 storedLen  stored bytes
 *                kind 1 block:  deflate-raw of records (replayRecords.ts), rawLen ≤ MAX_BLOCK_RAW_BYTES
 *                kind 2 footer: msgpack map, stored as is (last section)
 *   trailer    = u32 offset of the footer section  "TWEN"
 *
 * All integers little-endian. A file without its trailer was not finished
 * (the process died): readers say "truncated".
 */
import { Type, type Static } from '@sinclair/typebox';
import { TypeCompiler } from '@sinclair/typebox/compiler';
import { Packr, Unpackr } from 'msgpackr';
import { Limits } from '../../shared/protocol/constants';
import { checkMsgpack } from '../../shared/protocol/msgpackGuard';

export const REPLAY_FORMAT_VERSION = 1;
export const REPLAY_MAGIC = 'TWRP';
export const TRAILER_MAGIC = 'TWEN';
export const PROLOGUE_BYTES = 9;
export const SECTION_HEAD_BYTES = 9;
export const TRAILER_BYTES = 8;
/** A block's records before compression: the recorder seals at BLOCK_TARGET_BYTES, readers refuse more. */
export const MAX_BLOCK_RAW_BYTES = 1 << 20;
export const MAX_META_BYTES = 64 * 1024;
export const SectionKind = { Block: 1, Footer: 2 } as const;
/** The state hash algorithm keyframes use (shared/engine/stateHash.ts). */
export const STATE_HASH_NAME = 'statehash-v1';

export type ReplayErrorCode = 'bad-magic' | 'unsupported-version' | 'truncated' | 'corrupt' | 'bad-header' | 'bad-footer' | 'unknown-game' | 'game-mismatch';

/** Why a file cannot be read (never thrown past the reader's API: returned). */
export class ReplayFormatError extends Error {
  constructor(
    readonly code: ReplayErrorCode,
    message: string,
  ) {
    super(message);
  }
}

const Name = Type.String({ minLength: 1, maxLength: 64 });
const PlayerId = Type.Integer({ minimum: 1, maximum: Limits.maxPlayerId });
const Player = Type.Object({ id: PlayerId, name: Name }, { additionalProperties: false });
const Tick = Type.Integer({ minimum: 0, maximum: 0xffffffff });
const WallMs = Type.Integer({ minimum: 0, maximum: 2 ** 53 - 1 });
/** A PlayerSave, as roomCommand.ts bounds it. */
const Result = Type.Record(Type.String({ maxLength: 32 }), Type.Union([Type.Number(), Type.String({ maxLength: 256 }), Type.Boolean()]), { maxProperties: 64 });

export const ReplayHeaderSchema = Type.Object(
  {
    format: Type.Literal('tickwire-replay'),
    game: Type.String({ pattern: '^[a-z][a-z0-9-]{0,23}$' }),
    gameVersion: Type.Integer({ minimum: 1, maximum: 65535 }),
    gameHash: Type.String({ pattern: '^[0-9a-f]{8}$' }),
    commandStreamVersion: Type.Integer({ minimum: 1, maximum: 255 }),
    stateHash: Type.Literal(STATE_HASH_NAME),
    seed: Type.Integer({ minimum: 0, maximum: 0xffffffff }),
    tickRate: Type.Integer({ minimum: 1, maximum: 240 }),
    roomId: Type.String({ pattern: '^[0-9a-z]{1,32}$' }),
    roomName: Name,
    startedAtMs: WallMs,
    keyframeEveryTicks: Type.Integer({ minimum: 1, maximum: 1_000_000 }),
    /** Players in the room when recording began (none for a new room). */
    players: Type.Array(Player, { maxItems: Limits.maxPlayerId }),
  },
  { additionalProperties: false },
);
export type ReplayHeader = Static<typeof ReplayHeaderSchema>;

export const ReplayFooterSchema = Type.Object(
  {
    /** The last tick recorded. */
    endTick: Tick,
    /** The last tick a member was in the room (the match's end; later ticks are the room's empty grace). */
    lastActiveTick: Tick,
    endReason: Type.Union([Type.Literal('disposed'), Type.Literal('stopped'), Type.Literal('size-cap')]),
    endedAtMs: WallMs,
    keyframes: Type.Integer({ minimum: 0, maximum: 0xffffffff }),
    /** Everyone who played, with the game's own save of the player last seen (its result: whatever the game keeps, e.g. points). */
    players: Type.Array(Type.Object({ id: PlayerId, name: Name, result: Type.Union([Result, Type.Null()]) }, { additionalProperties: false }), { maxItems: 4096 }),
  },
  { additionalProperties: false },
);
export type ReplayFooter = Static<typeof ReplayFooterSchema>;

const headerCheck = TypeCompiler.Compile(ReplayHeaderSchema);
const footerCheck = TypeCompiler.Compile(ReplayFooterSchema);
const options = { useRecords: false, structuredClone: false, int64AsType: 'number', mapsAsObjects: true, moreTypes: false } as const;
const packr = new Packr(options as ConstructorParameters<typeof Packr>[0]);
const unpackr = new Unpackr(options as ConstructorParameters<typeof Unpackr>[0]);

export function encodeMeta(value: ReplayHeader | ReplayFooter): Uint8Array {
  return packr.pack(value);
}

/** Decode and validate a header or footer; never throws. */
export function decodeMeta<T extends 'header' | 'footer'>(bytes: Uint8Array, which: T): (T extends 'header' ? ReplayHeader : ReplayFooter) | ReplayFormatError {
  const code = which === 'header' ? 'bad-header' : 'bad-footer';
  const problem = checkMsgpack(bytes, 0, 4);
  if (problem !== null) return new ReplayFormatError(code, `${which}: ${problem}`);
  let raw: unknown;
  try {
    raw = unpackr.unpack(bytes);
  } catch (err) {
    return new ReplayFormatError(code, `${which}: msgpack decode failed (${(err as Error).message})`);
  }
  const check = which === 'header' ? headerCheck : footerCheck;
  if (!check.Check(raw)) {
    const first = check.Errors(raw).First();
    return new ReplayFormatError(code, `${which}: ${first ? `${first.path || '/'} ${first.message}` : 'schema mismatch'}`);
  }
  return raw as T extends 'header' ? ReplayHeader : ReplayFooter;
}

export function ascii(bytes: Uint8Array, at: number, n: number): string {
  let s = '';
  for (let i = 0; i < n && at + i < bytes.length; i++) s += String.fromCharCode(bytes[at + i]);
  return s;
}

export function writeAscii(out: Uint8Array, at: number, text: string): void {
  for (let i = 0; i < text.length; i++) out[at + i] = text.charCodeAt(i);
}
