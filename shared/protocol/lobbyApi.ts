/**
 * JSON shapes of the lobby HTTP API (GET /api/games, GET/POST /api/rooms),
 * shared by the server that answers and the client that asks.
 */

/** One hosted game in `GET /api/games` → `{ games: GameSummary[], default: string }`. */
export interface GameSummary {
  /** Id for `?quick=<name>`, Join's `game`, POST /api/rooms' `game`. */
  name: string;
  title: string;
  /** Seats of a quick-play room. */
  defaultMaxPlayers: number;
  version: number;
  /** The game descriptor's hash, as in the Welcome. */
  hash: string;
}

/** One public room in `GET /api/rooms` → `{ rooms: RoomSummary[] }`. */
export interface RoomSummary {
  id: string;
  name: string;
  /** Seats taken: connected players and players within their resume grace. */
  players: number;
  maxPlayers: number;
  /** GameDefinition name, e.g. "arena". */
  game: string;
  private: boolean;
  /** Spectators (issue 15): watching now, not counted in `players` (absent from a cluster's other nodes). */
  spectators?: number;
}

/** `POST /api/rooms` → 201. `code` only for private rooms. */
export interface CreatedRoom {
  id: string;
  name: string;
  game: string;
  maxPlayers: number;
  private: boolean;
  code?: string;
}

/** Every 4xx/5xx body of the HTTP API. */
export interface ApiError {
  error: string;
  message: string;
}
