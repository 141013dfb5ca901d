/** Per-connection state, attached to the uWS socket as its user data; and what the WebSocket handlers share. */
import type { Config } from '../config';
import type { Logger } from '../logger';
import type { Room } from '../rooms/room';
import type { RoomMember } from '../rooms/roomMember';
import type { Spectator } from '../rooms/spectator';
import type { RoomHost } from '../rooms/roomHost';
import type { ServerStats } from '../serverStats';
import type { CodeGuessLimiter } from './codeGuessLimiter';
import type { StallTolerantLimiter } from './stallTolerantLimiter';
import type { TokenBucket } from './tokenBucket';
import type { UwsLink } from './uwsLink';
import type { ClientLink } from '../rooms/clientLink';

export interface ConnectionData {
  readonly connId: number;
  /** Client address (after trusted-proxy resolution); for rate limits and logs. */
  readonly address: string;
  /** Seat held from the upgrade until Join. */
  reservation: Room | null;
  room: Room | null;
  member: RoomMember | null;
  /** Set instead of `member` when the connection watches (issue 15): it may send only Ack, Ping and Leave. */
  spectator: Spectator | null;
  link: UwsLink<ConnectionData> | null;
  /** The link its room holds: `link`, counting into the room's traffic (roomTraffic.ts); null before Join. */
  roomLink: ClientLink | null;
  readonly messageBucket: TokenBucket;
  readonly inputBucket: TokenBucket;
  readonly chatBucket: TokenBucket;
  /** The message and input buckets with their stall allowance; set when the socket opens. */
  limits?: { message: StallTolerantLimiter; input: StallTolerantLimiter };
  joinTimer: ReturnType<typeof setTimeout> | null;
  /** The client said Leave: its session ends with the connection. */
  left: boolean;
}

/** The services both the upgrade handler and the connection handlers use. */
export interface WsDeps {
  config: Config;
  host: RoomHost;
  stats: ServerStats;
  guesses: CodeGuessLimiter;
  log: Logger;
  /** Monotonic ms clock. */
  now: () => number;
}
