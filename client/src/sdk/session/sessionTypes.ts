/** The words a game session and its screen share: where to join, what phase we are in, feed lines. */

/**
 * Where to join: quick play in a game, a public room by id, or a private room
 * by code; `watch` (issue 15): as a spectator of that room (no seat).
 */
export type JoinTarget =
  | { kind: 'quick'; game: string }
  | { kind: 'room'; id: string; watch?: boolean }
  | { kind: 'code'; code: string; watch?: boolean };

export type ClientPhase =
  | { kind: 'connecting' }
  | { kind: 'playing' }
  | { kind: 'reconnecting'; attempt: number; retryAtMs: number; reason: string }
  | { kind: 'failed'; message: string }
  | { kind: 'left' };

/** One line of the room feed (joins, leaves, chat, and whatever the game adds). */
export interface FeedItem {
  atMs: number;
  text: string;
}
