/**
 * tickwire.v2 protocol constants. Every number a peer must agree on lives here;
 * PROTOCOL.md documents each one. An incompatible change is a new subprotocol name.
 */

/**
 * The subprotocol this build speaks. Offered in `Sec-WebSocket-Protocol`.
 * v2: the game declares its vocabulary (the Welcome carries it), compact
 * bit-packed Input; v1 (arena-only) is retired.
 */
export const SUBPROTOCOL = 'tickwire.v2';
/** Every subprotocol the server accepts, most preferred first. */
export const SUPPORTED_SUBPROTOCOLS: readonly string[] = [SUBPROTOCOL];
/** Protocol version number carried in the welcome. */
export const PROTOCOL_VERSION = 2;

/**
 * First byte of every binary frame. Client→server opcodes are 0x01–0x7f,
 * server→client 0x80–0xff, so a misdirected frame is rejected by range alone.
 */
export const Opcode = {
  // client → server
  Join: 0x01,
  Input: 0x02,
  Ping: 0x03,
  Leave: 0x04,
  Chat: 0x05,
  // ---- spectators ----
  /** A spectator acknowledges the snapshot it holds (and says where it looks): its only frame besides Ping and Leave. */
  Ack: 0x07,
  // server → client
  Welcome: 0x80,
  Snapshot: 0x81,
  Events: 0x82,
  Pong: 0x83,
  Error: 0x84,
  Moved: 0x85,
  InputTiming: 0x86,
  /** Input frames received through a seq (binary: opcode + varuint seq): the client stops repeating them. */
  InputAck: 0x87,
  // ---- spectators ----
  /** The Welcome of a spectator: the room and its game, no seat, no player id, no resume token. */
  Watching: 0x8b,
  // server → client, big worlds: room-wide standings streams (PROTOCOL.md §8.9–8.11)
  Leaderboard: 0x88,
  Minimap: 0x89,
  Rank: 0x8a,
} as const;
export type Opcode = (typeof Opcode)[keyof typeof Opcode];
export type ClientOpcode = typeof Opcode.Join | typeof Opcode.Input | typeof Opcode.Ping | typeof Opcode.Leave | typeof Opcode.Chat | typeof Opcode.Ack;
export type ServerOpcode = Exclude<Opcode, ClientOpcode>;

/**
 * WebSocket close codes the server sends. 1xxx are RFC 6455 codes, 4xxx are
 * tickwire's own (4000–4099: the client's fault; 4100–4199: room/session state).
 */
export const CloseCode = {
  /** Client sent Leave, or the server ended the session normally. */
  Normal: 1000,
  /** The room was disposed or the server is shutting down for good. */
  GoingAway: 1001,
  /** Text frame where binary is required. */
  UnsupportedData: 1003,
  /** Policy: input/message rate limit exceeded (flooding). */
  PolicyViolation: 1008,
  /** Frame larger than the negotiated limit. */
  MessageTooBig: 1009,
  /** A server bug; the connection is closed to protect the room. */
  InternalError: 1011,
  /** Server restarting (deploy): reconnect with backoff and resume. */
  ServiceRestart: 1012,

  /** Frame could not be decoded: bad msgpack, unknown or misdirected opcode, truncated. */
  DecodeFailed: 4000,
  /** Frame decoded but failed the message schema (missing/extra field, range, size). */
  InvalidMessage: 4001,
  /** Valid message at the wrong time (input before join, second join). */
  ProtocolViolation: 4002,
  /** No join message within the join timeout. */
  JoinTimeout: 4003,
  /** Client stayed backed up (not reading) past the slow-consumer limit. */
  SlowConsumer: 4004,
  /** A joined player sent no Input for the server's player idle timeout; its seat is freed. */
  Idle: 4005,
  /**
   * Spectators: a spectator sent a player-only frame (Input, Chat),
   * or a player sent a spectator-only one (Ack); closed, nobody else affected.
   */
  NotAPlayer: 4006,

  /** Room id or join code unknown. */
  RoomNotFound: 4100,
  /** Room has no free seat. */
  RoomFull: 4101,
  /** Resume token unknown, expired, or already in use. */
  ResumeRejected: 4102,
  /** This session was resumed by a newer connection. */
  SessionTakenOver: 4103,
  /** Too many failed join-code guesses from this address. */
  JoinRateLimited: 4104,
  /** This client address already holds the server's maximum number of seats. */
  SeatQuotaExceeded: 4105,
  /** Cluster core: the cluster store (Redis) is unreachable, so a join or resume that may belong to another node cannot be routed; retry shortly. */
  ClusterUnavailable: 4106,
  /** Cluster core: the room is registered to a node that is no longer live (crashed; failover pending); retry shortly. */
  RoomNodeLost: 4107,
  /**
   * The room (or the resumed session's room) lives on another node, or is
   * moving there (drain, failover): a Moved message with its address came first.
   */
  Moved: 4108,
  // ---- operator console ----
  /** An operator kicked this player (the console): its session is ended; do not reconnect. */
  Kicked: 4110,
  /** An operator closed the room (the console): every member is closed; do not reconnect to it. */
  RoomClosedByOperator: 4111,
  // ---- spectators ----
  /** The room's spectator list is full (--max-spectators); players may still join. */
  SpectatorsFull: 4112,
  /** This room cannot be watched: its game's views are per player and it offers no spectator view. */
  NotWatchable: 4113,
} as const;
export type CloseCode = (typeof CloseCode)[keyof typeof CloseCode];

/** Close codes after which a client should reconnect and resume automatically. */
export const RECONNECTABLE_CLOSE_CODES: ReadonlySet<number> = new Set([
  1001, 1006, 1011, 1012, CloseCode.SlowConsumer,
]);

/** Hard limits. The server may configure some lower, never higher. */
export const Limits = {
  /** Largest client→server frame in bytes (also uWS maxPayloadLength). */
  maxClientFrameBytes: 4096,
  /** Deepest msgpack nesting accepted from a client. */
  maxNestingDepth: 4,
  /** Player name, UTF-16 code units. */
  maxNameLength: 24,
  /** Chat text, UTF-16 code units. */
  maxChatLength: 200,
  /** Room names, UTF-16 code units. */
  maxRoomNameLength: 32,
  /** Resume tokens: 32 random bytes as base64url (43 chars). */
  resumeTokenLength: 43,
  /** Join codes: 10 chars from a 30-symbol alphabet ≈ 49 bits. */
  joinCodeLength: 10,
  /** Milliseconds a client has to send Join after the upgrade. */
  joinTimeoutMs: 5000,
  /** Player ids a room hands out: the lowest free one, 1..maxPlayerId (big worlds: bigcells seats 1,000). */
  maxPlayerId: 2047,
} as const;

/**
 * Join-code alphabet: people read codes aloud and type them on phones, so no
 * look-alikes: Crockford base32 without 0 and 1 as well (no 0/O, 1/I/L, U).
 */
export const JOIN_CODE_ALPHABET = '23456789ABCDEFGHJKMNPQRSTVWXYZ';

/**
 * Codes of non-fatal Error messages (the connection stays open). Fatal
 * errors are sent with the close code they close with (CloseCode).
 */
export const ErrorCode = {
  /** A chat message over the per-connection chat rate was dropped. */
  ChatThrottled: 4200,
} as const;
export type ErrorCode = (typeof ErrorCode)[keyof typeof ErrorCode];
