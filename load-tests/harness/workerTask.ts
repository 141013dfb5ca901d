/** What the main thread hands each bot worker (structured-cloned as workerData). */
export type BotKind = 'play' | 'connect' | 'ping' | 'colyseus-play';

export interface WorkerTask {
  workerId: number;
  kind: BotKind;
  /** ws://HOST:PORT/ws for tickwire; ws://HOST:PORT for Colyseus and the raw echo server. */
  wsUrl: string;
  /** Global bot numbers of this worker's bots, with the room each joins (play). */
  bots: { index: number; room?: string }[];
  durationMs: number;
  /** New connections per second from this worker (connect); play and ping bots open over `rampMs`. */
  connectRatePerSec: number;
  rampMs: number;
  hold: boolean;
  pipeline: number;
  raw: boolean;
  /** connect/play: the hand-written WebSocket client (FastConnectBot / RawWebSocket) instead of `ws`. */
  fastClient?: boolean;
  /** play: light bots (ack snapshots without applying them); see PlayBotOptions.light. */
  light?: boolean;
  /** play: lean full-behaviour bots (LeanPlayBot), one in VERIFY_EVERY a snapshot-applying PlayBot. */
  lean?: boolean;
  /** play: quick play of this game (tickwire); default arena. */
  game?: string;
  /** play: ticks per Input message (1 = every tick); default 2. */
  ticksPerMessage?: number;
  /** play: share (0..1) of Input messages dropped before sending (simulated upstream loss). */
  uplinkLoss?: number;
  /** Colyseus room name to join (colyseus-play). */
  roomName: string;
}
