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
  /** Highest score first (null scores last). */
  players: { id: number; name: string; score: number | null }[];
}

/** Replay ids: the room id and the start time in base 36 (also the file name, so strictly checked). */
export const REPLAY_ID_PATTERN = /^[0-9a-z]{1,32}-[0-9a-z]{1,12}$/;
