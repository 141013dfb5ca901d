/**
 * The lobby's HTTP calls (games, rooms), and telling apart why a WebSocket handshake failed
 * (the browser only ever sees "1006"): no answer at all → unreachable;
 * /readyz 503 → the server is restarting; otherwise it refused our protocol.
 */
import type { CreatedRoom, RoomSummary } from '../../../../shared/protocol/lobbyApi';

export type { CreatedRoom, RoomSummary };

/** One game of `GET /api/games` → `{ games: GameSummary[] }` (the fields the lobby uses). */
export interface GameSummary {
  name: string;
  title: string;
  defaultMaxPlayers: number;
}

export class LobbyError extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

type Fetch = typeof fetch;

export async function listRooms(baseUrl: string, fetchFn: Fetch = fetch): Promise<RoomSummary[]> {
  const res = await request(fetchFn, `${baseUrl}/api/rooms`, { cache: 'no-store' });
  const body = (await res.json()) as { rooms?: RoomSummary[] };
  return Array.isArray(body.rooms) ? body.rooms : [];
}

/** The games the server hosts; entries that are not well-formed are left out. */
export async function listGames(baseUrl: string, fetchFn: Fetch = fetch): Promise<GameSummary[]> {
  const res = await request(fetchFn, `${baseUrl}/api/games`, { cache: 'no-store' });
  const body = (await res.json()) as { games?: unknown };
  if (!Array.isArray(body.games)) return [];
  return body.games.filter(isGameSummary).map((g) => ({ name: g.name, title: g.title, defaultMaxPlayers: g.defaultMaxPlayers }));
}

function isGameSummary(g: unknown): g is GameSummary {
  if (typeof g !== 'object' || g === null) return false;
  const o = g as Record<string, unknown>;
  return typeof o.name === 'string' && typeof o.title === 'string' && Number.isInteger(o.defaultMaxPlayers);
}

export async function createRoom(
  baseUrl: string,
  req: { name: string; game?: string; maxPlayers?: number; private?: boolean },
  fetchFn: Fetch = fetch,
): Promise<CreatedRoom> {
  const res = await request(fetchFn, `${baseUrl}/api/rooms`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify(req),
  });
  return (await res.json()) as CreatedRoom;
}

/** fetch, turning network failures and 4xx/5xx JSON errors into LobbyError. */
async function request(fetchFn: Fetch, url: string, init: RequestInit): Promise<Response> {
  let res: Response;
  try {
    res = await fetchFn(url, init);
  } catch (err) {
    throw new LobbyError('unreachable', `Server unreachable (${err instanceof Error ? err.message : String(err)})`);
  }
  if (res.ok) return res;
  let code = `http_${res.status}`;
  let message = `Server answered ${res.status}`;
  try {
    const body = (await res.json()) as { error?: string; message?: string };
    if (body.error) code = body.error;
    if (body.message) message = body.message;
  } catch (err) {
    message += ` (${err instanceof Error ? err.message : 'no JSON body'})`;
  }
  throw new LobbyError(code, message);
}

export type HandshakeDiagnosis = 'unreachable' | 'restarting' | 'refused';

export async function diagnoseHandshake(baseUrl: string, fetchFn: Fetch = fetch): Promise<HandshakeDiagnosis> {
  try {
    const res = await fetchFn(`${baseUrl}/readyz`, { cache: 'no-store' });
    if (res.status === 503) return 'restarting';
    return res.ok ? 'refused' : 'unreachable';
  } catch {
    return 'unreachable';
  }
}
