/**
 * The tickwire.v1 message catalog. Each message has exactly one definition: a
 * TypeBox schema, from which both its TypeScript type (`Static`) and its compiled
 * runtime validator come. Objects reject extra keys; numbers must be finite and
 * in range; strings and arrays are bounded.
 *
 * Bodies are msgpack maps with short keys, except Input, the hot path (60 Hz per
 * player), which is a msgpack array to save the key bytes (see PROTOCOL.md).
 * Snapshot bodies are a custom binary layout (snapshotFrame.ts), not msgpack.
 */
import { Type, type Static, type TSchema } from '@sinclair/typebox';
import { JOIN_CODE_ALPHABET, Limits, Opcode } from './constants';
import { WELL_FORMED_TEXT_PATTERN } from './wellFormedText';

const U32_MAX = 0xffffffff;
const strict = { additionalProperties: false } as const;

// ---- field types ---------------------------------------------------------

/** Printable, well-formed text, lengths in UTF-16 code units (wellFormedText.ts). */
const printable = (max: number, min = 1) => Type.String({ minLength: min, maxLength: max, pattern: WELL_FORMED_TEXT_PATTERN });

export const PlayerName = printable(Limits.maxNameLength);
export const RoomName = printable(Limits.maxRoomNameLength);
export const RoomId = Type.String({ pattern: '^[0-9a-z]{1,16}$' });
export const JoinCode = Type.String({ pattern: `^[${JOIN_CODE_ALPHABET}]{${Limits.joinCodeLength}}$` });
export const ResumeToken = Type.String({ pattern: `^[A-Za-z0-9_-]{${Limits.resumeTokenLength}}$` });
export const Tick = Type.Integer({ minimum: 0, maximum: U32_MAX });
export const Seq = Type.Integer({ minimum: 1, maximum: U32_MAX });
export const EntityId = Type.Integer({ minimum: 1, maximum: 0xffff });
/** Milliseconds on the sender's clock; any finite value. */
export const TimeMs = Type.Number();
export const Buttons = Type.Integer({ minimum: 0, maximum: 0xff });
/** Aim: fraction of a full turn in 1/65536 steps, 0 = +x axis, growing toward +y: clockwise on screen (y down), i.e. atan2(dy, dx). */
export const Aim = Type.Integer({ minimum: 0, maximum: Limits.aimSteps - 1 });

// ---- client → server -----------------------------------------------------

/** Join a room. Target: `room` (id), `code` (private join code), or neither for quick play. */
export const JoinBody = Type.Object(
  {
    name: PlayerName,
    room: Type.Optional(RoomId),
    code: Type.Optional(JoinCode),
    resume: Type.Optional(ResumeToken),
  },
  strict,
);

/** One simulation tick's controls: [buttons, aim]. */
export const InputFrame = Type.Tuple([Buttons, Aim]);

/**
 * [seq, clientTick, ackTick, viewTick, frames]
 * - frames[0] is input `seq`, frames[i] is input `seq - i`: the last few
 *   unacknowledged inputs repeated, so a lost or skipped frame costs nothing;
 * - clientTick: the tick the client predicted this input for (telemetry);
 * - ackTick: the newest snapshot tick the client has applied (0 = none). The
 *   server encodes the next delta against it (the acknowledged baseline);
 * - viewTick: the server tick the client was rendering remote entities at,
 *   i.e. its interpolation time (lag compensation).
 */
export const InputBody = Type.Tuple([
  Seq,
  Tick,
  Tick,
  Tick,
  Type.Array(InputFrame, { minItems: 1, maxItems: Limits.maxInputFrames }),
]);

export const PingBody = Type.Object({ t: TimeMs }, strict);
export const LeaveBody = Type.Object({}, strict);
export const ChatBody = Type.Object({ text: printable(Limits.maxChatLength) }, strict);

// ---- server → client -----------------------------------------------------

export const PlayerInfo = Type.Object({ id: EntityId, name: PlayerName }, strict);

export const WelcomeBody = Type.Object(
  {
    v: Type.Integer({ minimum: 1, maximum: 255 }),
    playerId: EntityId,
    roomId: RoomId,
    roomName: RoomName,
    game: Type.String({ maxLength: 32 }),
    seed: Type.Integer({ minimum: 0, maximum: U32_MAX }),
    tickRate: Type.Integer({ minimum: 1, maximum: 240 }),
    snapshotRate: Type.Integer({ minimum: 1, maximum: 240 }),
    serverTick: Tick,
    maxPlayers: Type.Integer({ minimum: 1, maximum: 256 }),
    resume: ResumeToken,
    resumed: Type.Boolean(),
    /** Inputs per second the server accepts before closing with 1008. */
    maxInputRate: Type.Integer({ minimum: 1, maximum: 10_000 }),
    players: Type.Array(PlayerInfo, { maxItems: 256 }),
  },
  strict,
);

const event = <T extends string, P extends Record<string, TSchema>>(type: T, props: P) =>
  Type.Object({ type: Type.Literal(type), ...props }, strict);

export const GameEvent = Type.Union([
  event('joined', { id: EntityId, name: PlayerName }),
  event('left', { id: EntityId }),
  event('hit', { id: EntityId, by: EntityId, damage: Type.Integer({ minimum: 0, maximum: 1000 }) }),
  event('killed', { id: EntityId, by: EntityId }),
  event('scored', { id: EntityId, score: Type.Integer({ minimum: -1e9, maximum: 1e9 }) }),
  event('respawned', { id: EntityId }),
  event('chat', { id: EntityId, text: printable(Limits.maxChatLength) }),
]);

export const EventsBody = Type.Object({ tick: Tick, events: Type.Array(GameEvent, { maxItems: 1024 }) }, strict);
/** t: the client's ping time echoed; s: server wall clock ms; k: server tick. */
export const PongBody = Type.Object({ t: TimeMs, s: TimeMs, k: Tick }, strict);
export const ErrorBody = Type.Object(
  { code: Type.Integer({ minimum: 1000, maximum: 4999 }), message: Type.String({ maxLength: 200 }) },
  strict,
);

// ---- catalogs: opcode → schema -------------------------------------------

export const clientCatalog = {
  [Opcode.Join]: JoinBody,
  [Opcode.Input]: InputBody,
  [Opcode.Ping]: PingBody,
  [Opcode.Leave]: LeaveBody,
  [Opcode.Chat]: ChatBody,
} as const;

/** Server msgpack messages. Snapshot (0x81) is binary and handled by snapshotFrame.ts. */
export const serverCatalog = {
  [Opcode.Welcome]: WelcomeBody,
  [Opcode.Events]: EventsBody,
  [Opcode.Pong]: PongBody,
  [Opcode.Error]: ErrorBody,
} as const;

type MessageOf<C> = { [K in keyof C]: C[K] extends TSchema ? { op: K; body: Static<C[K]> } : never }[keyof C];

export type ClientMessage = MessageOf<typeof clientCatalog>;
export type ServerMsgpackMessage = MessageOf<typeof serverCatalog>;

export type JoinBody = Static<typeof JoinBody>;
export type InputBody = Static<typeof InputBody>;
export type InputFrame = Static<typeof InputFrame>;
export type PingBody = Static<typeof PingBody>;
export type ChatBody = Static<typeof ChatBody>;
export type PlayerInfo = Static<typeof PlayerInfo>;
export type WelcomeBody = Static<typeof WelcomeBody>;
export type GameEvent = Static<typeof GameEvent>;
export type EventsBody = Static<typeof EventsBody>;
export type PongBody = Static<typeof PongBody>;
export type ErrorBody = Static<typeof ErrorBody>;
