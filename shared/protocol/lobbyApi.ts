/**
 * JSON shapes of the lobby HTTP API (GET/POST /api/rooms), shared by the
 * server that answers and the client that asks.
 */

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
}

/** `POST /api/rooms` → 201. `code` only for private rooms. */
export interface CreatedRoom {
  id: string;
  name: string;
  maxPlayers: number;
  private: boolean;
  code?: string;
}

/** Every 4xx/5xx body of the HTTP API. */
export interface ApiError {
  error: string;
  message: string;
}
