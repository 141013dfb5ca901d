/** One recorded match as GET /api/replays lists it (and the lobby's recent matches show it). */
export interface ReplaySummary {
  id: string;
  game: string;
  roomName: string;
  startedAtMs: number;
  endedAtMs: number;
  /** Seconds of play: tick 1 to the last tick a player was in the room. */
  durationSec: number;
  endReason: string;
  bytes: number;
  /** Everyone who played, in join order, with the game's own save of the player as its result (null: never sampled). */
  players: { id: number; name: string; result: Record<string, number | string | boolean> | null }[];
}

/** Replay ids: the room id and the start time in base 36 (also the file name, so strictly checked). */
export const REPLAY_ID_PATTERN = /^[0-9a-z]{1,32}-[0-9a-z]{1,12}$/;
