/**
 * The tickwire.v2 message catalog. Each msgpack message has exactly one
 * definition: a TypeBox schema, from which both its TypeScript type (`Static`)
 * and its compiled runtime validator come. Objects reject extra keys; numbers
 * must be finite and in range; strings and arrays are bounded.
 *
 * Bodies are msgpack maps with short keys. Two frames are custom binary
 * layouts instead: Input (inputCodec.ts, derived from the game's input schema)
 * and Snapshot (snapshotFrame.ts). Events are validated against the game's
 * declared event types (gameCodec.ts), so they are not in this catalog.
 */
import { Type, type Static, type TSchema } from '@sinclair/typebox';
import { JOIN_CODE_ALPHABET, Limits, Opcode } from './constants';
import { GAME_NAME_PATTERN, GameDescriptorBody } from './gameDescriptor';
import { textField } from './textField';
import type { AnyEvent } from './eventSchema';

const U32_MAX = 0xffffffff;
const strict = { additionalProperties: false } as const;

// ---- field types ---------------------------------------------------------

const printable = textField;

export const PlayerName = printable(Limits.maxNameLength);
export const RoomName = printable(Limits.maxRoomNameLength);
export const RoomId = Type.String({ pattern: '^[0-9a-z]{1,16}$' });
export const JoinCode = Type.String({ pattern: `^[${JOIN_CODE_ALPHABET}]{${Limits.joinCodeLength}}$` });
export const ResumeToken = Type.String({ pattern: `^[A-Za-z0-9_-]{${Limits.resumeTokenLength}}$` });
export const Tick = Type.Integer({ minimum: 0, maximum: U32_MAX });
export const EntityId = Type.Integer({ minimum: 1, maximum: 0xffff });
export const GameName = Type.String({ pattern: GAME_NAME_PATTERN });
/** Milliseconds on the sender's clock; any finite value. */
export const TimeMs = Type.Number();

// ---- client → server -----------------------------------------------------

/**
 * Join a room. Target: `room` (id), `code` (private join code), or neither for
 * quick play — of `game` if given, else of the server's default game.
 */
export const JoinBody = Type.Object(
  {
    name: PlayerName,
    room: Type.Optional(RoomId),
    code: Type.Optional(JoinCode),
    resume: Type.Optional(ResumeToken),
    game: Type.Optional(GameName),
    /** Spectators: watch the room named by `room` or `code` instead of playing (no seat, no entity). */
    watch: Type.Optional(Type.Literal(true)),
  },
  strict,
);

/**
 * t: the client's clock. r, l (operator console; optional): the
 * client's own smoothed RTT (ms) and snapshot loss (%) as it measures them.
 */
export const PingBody = Type.Object(
  {
    t: TimeMs,
    r: Type.Optional(Type.Number({ minimum: 0, maximum: 600_000 })),
    l: Type.Optional(Type.Number({ minimum: 0, maximum: 100 })),
  },
  strict,
);
export const LeaveBody = Type.Object({}, strict);
export const ChatBody = Type.Object({ text: printable(Limits.maxChatLength) }, strict);

/** A world coordinate a spectator's camera may report (game units; any game world fits). */
const CameraCoord = Type.Number({ minimum: -1e6, maximum: 1e6 });
/**
 * Spectators: the snapshot tick the spectator holds as its delta
 * baseline (0: none, send a full snapshot), the player it follows (0: free
 * camera) and its camera centre (world units): a big world's area of interest.
 */
export const AckBody = Type.Object({ k: Tick, f: Type.Integer({ minimum: 0, maximum: 0xffff }), x: CameraCoord, y: CameraCoord }, strict);

// ---- server → client -----------------------------------------------------

export const PlayerInfo = Type.Object({ id: EntityId, name: PlayerName }, strict);

export const WelcomeBody = Type.Object(
  {
    v: Type.Integer({ minimum: 1, maximum: 255 }),
    playerId: EntityId,
    roomId: RoomId,
    roomName: RoomName,
    /** The game's vocabulary: enough to decode its inputs, entities and events without its code. */
    game: GameDescriptorBody,
    /** descriptorHash(game): a client with its own copy of the game checks it matches. */
    gameHash: Type.String({ pattern: '^[0-9a-f]{8}$' }),
    seed: Type.Integer({ minimum: 0, maximum: U32_MAX }),
    tickRate: Type.Integer({ minimum: 1, maximum: 240 }),
    snapshotRate: Type.Integer({ minimum: 1, maximum: 240 }),
    serverTick: Tick,
    maxPlayers: Type.Integer({ minimum: 1, maximum: 2047 }),
    resume: ResumeToken,
    resumed: Type.Boolean(),
    /** Inputs per second the server accepts before closing with 1008. */
    maxInputRate: Type.Integer({ minimum: 1, maximum: 10_000 }),
    players: Type.Array(PlayerInfo, { maxItems: 2047 }),
  },
  strict,
);

/** Most events in one Events frame. */
export const MAX_EVENTS_PER_FRAME = 256;

/**
 * Spectators: a Welcome without a seat (no playerId, resume,
 * resumed); `spectators` is how many watch, this one included.
 */
export const WatchingBody = Type.Object(
  {
    ...Type.Omit(WelcomeBody, ['playerId', 'resume', 'resumed']).properties,
    spectators: Type.Integer({ minimum: 1, maximum: 0xffff }),
  },
  strict,
);

/** An Events body for a game whose events validate against `event` (gameCodec.ts builds it). */
export const eventsBodySchema = (event: TSchema) =>
  Type.Object({ tick: Tick, events: Type.Array(event, { maxItems: MAX_EVENTS_PER_FRAME }) }, strict);
/** t: the client's ping time echoed; s: server wall clock ms; k: server tick. */
export const PongBody = Type.Object({ t: TimeMs, s: TimeMs, k: Tick }, strict);
export const ErrorBody = Type.Object(
  { code: Type.Integer({ minimum: 1000, maximum: 4999 }), message: Type.String({ maxLength: 200 }) },
  strict,
);

/**
 * The room lives elsewhere now (another node of the cluster; a drain or a
 * failover moved it): reconnect to `url` (the node's public http(s) base URL,
 * the WebSocket endpoint is `/ws` under it) and send the same Join (with the
 * resume token when you have one). Followed by close 4108.
 */
export const MovedBody = Type.Object(
  // Printable ASCII only: a URL a client can follow without any further escaping.
  { url: Type.String({ maxLength: 512, pattern: '^https?://[\\x21-\\x7e]+$' }), roomId: RoomId },
  strict,
);

/**
 * The server's input buffer for this client (§8.7): `a` ticks to move its
 * input clock by (+ run further ahead: frames arrived with too little to
 * spare or late; − fall back: too many waited), which the client spreads
 * over the next ticks by running its input clock a few percent fast or slow.
 */
export const MAX_INPUT_TIMING_TICKS = 30;
export const InputTimingBody = Type.Object(
  { a: Type.Integer({ minimum: -MAX_INPUT_TIMING_TICKS, maximum: MAX_INPUT_TIMING_TICKS }) },
  strict,
);

// ---- big worlds: standings streams (§8.9–8.11) -----------------------------

/** Players listed in a Leaderboard, and top players placed on a Minimap. */
export const MAX_STANDINGS_ENTRIES = 10;
/** Largest Minimap grid side (squares per row). */
export const MAX_MINIMAP_SIDE = 32;
/** A Minimap square's density class: players in it, capped here. */
export const MAX_MINIMAP_DENSITY = 15;

const StandingsPlayerId = Type.Integer({ minimum: 1, maximum: 65535 });
const StandingsScore = Type.Integer({ minimum: 0, maximum: 2 ** 31 - 1 });
const StandingsTick = Type.Integer({ minimum: 0, maximum: 2 ** 32 - 1 });
/** A position on the Minimap: 0..255 across the world's width or height. */
const MinimapCoord = Type.Integer({ minimum: 0, maximum: 255 });

/**
 * The room's top players by the game's score, highest first (ties: lower id
 * first), at tick `t`; `n` players were ranked. The same frame for every member.
 */
export const LeaderboardBody = Type.Object(
  { t: StandingsTick, n: Type.Integer({ minimum: 0, maximum: 65535 }), top: Type.Array(Type.Tuple([StandingsPlayerId, StandingsScore]), { maxItems: MAX_STANDINGS_ENTRIES }) },
  strict,
);

/**
 * The whole world at tick `t`, coarsely: an `s` × `s` grid of density classes
 * (row-major from the top left; players in the square, capped at 15) and the top
 * players' positions in 1/256 of the world. The same frame for every member.
 * A `d` whose length is not s × s is ignored by the client.
 */
export const MinimapBody = Type.Object(
  {
    t: StandingsTick,
    s: Type.Integer({ minimum: 1, maximum: MAX_MINIMAP_SIDE }),
    d: Type.Array(Type.Integer({ minimum: 0, maximum: MAX_MINIMAP_DENSITY }), { maxItems: MAX_MINIMAP_SIDE * MAX_MINIMAP_SIDE }),
    p: Type.Array(Type.Tuple([StandingsPlayerId, MinimapCoord, MinimapCoord]), { maxItems: MAX_STANDINGS_ENTRIES }),
  },
  strict,
);

/** The receiving player's own place: rank `r` (1 = first, 0 = not ranked) with score `s`, sent right after the Leaderboard. */
export const RankBody = Type.Object({ r: Type.Integer({ minimum: 0, maximum: 65535 }), s: StandingsScore }, strict);

// ---- catalogs: opcode → schema -------------------------------------------

/** Client msgpack messages. Input (0x02) is binary and handled by inputCodec.ts. */
export const clientCatalog = {
  [Opcode.Join]: JoinBody,
  [Opcode.Ping]: PingBody,
  [Opcode.Leave]: LeaveBody,
  [Opcode.Chat]: ChatBody,
  [Opcode.Ack]: AckBody,
} as const;

/** Server msgpack messages with a fixed schema. Snapshot (0x81) is binary; Events (0x82) depend on the game. */
export const serverCatalog = {
  [Opcode.Welcome]: WelcomeBody,
  [Opcode.Pong]: PongBody,
  [Opcode.Error]: ErrorBody,
  [Opcode.Moved]: MovedBody,
  [Opcode.InputTiming]: InputTimingBody,
  [Opcode.Watching]: WatchingBody,
  [Opcode.Leaderboard]: LeaderboardBody,
  [Opcode.Minimap]: MinimapBody,
  [Opcode.Rank]: RankBody,
} as const;

type MessageOf<C> = { [K in keyof C]: C[K] extends TSchema ? { op: K; body: Static<C[K]> } : never }[keyof C];

export type ClientMsgpackMessage = MessageOf<typeof clientCatalog>;
/** An Input frame, kept as bytes: the room decodes it against the player's input state. */
export type ClientInputMessage = { op: typeof Opcode.Input; bytes: Uint8Array };
export type ClientMessage = ClientMsgpackMessage | ClientInputMessage;
export type ServerMsgpackMessage = MessageOf<typeof serverCatalog> | { op: typeof Opcode.Events; body: EventsBody };

export type JoinBody = Static<typeof JoinBody>;
export type PingBody = Static<typeof PingBody>;
export type ChatBody = Static<typeof ChatBody>;
export type PlayerInfo = Static<typeof PlayerInfo>;
export type WelcomeBody = Static<typeof WelcomeBody>;
export interface EventsBody {
  tick: number;
  events: AnyEvent[];
}
export type PongBody = Static<typeof PongBody>;
export type ErrorBody = Static<typeof ErrorBody>;
export type MovedBody = Static<typeof MovedBody>;
export type InputTimingBody = Static<typeof InputTimingBody>;
/** InputAck (0x87, binary: opcode + varuint): the server received every Input frame through `seq` it will ever apply. */
export interface InputAckBody {
  seq: number;
}
export type AckBody = Static<typeof AckBody>;
export type WatchingBody = Static<typeof WatchingBody>;
export type LeaderboardBody = Static<typeof LeaderboardBody>;
export type MinimapBody = Static<typeof MinimapBody>;
export type RankBody = Static<typeof RankBody>;
