/** The bits of the lobby HTTP API the load tool uses: create rooms for the bots. */
export interface CreatedRoom {
  id: string;
  name: string;
  game: string;
  maxPlayers: number;
}

/** POST /api/rooms: a public room of `game` (the server's default game when omitted). */
export async function createRoom(baseUrl: string, name: string, maxPlayers: number, game?: string): Promise<CreatedRoom> {
  let res: Response;
  try {
    res = await fetch(new URL('/api/rooms', baseUrl), {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(game === undefined ? { name, maxPlayers } : { name, maxPlayers, game }),
      signal: AbortSignal.timeout(5000),
    });
  } catch (err) {
    const cause = (err as { cause?: { code?: string } }).cause?.code ?? (err as Error).message;
    throw new Error(`cannot reach ${baseUrl} to create rooms (${cause}); is the server running? (or use --spawn-server)`);
  }
  const body = (await res.json()) as CreatedRoom & { error?: string; message?: string };
  if (res.status !== 201) throw new Error(`POST /api/rooms → ${res.status} ${body.error ?? ''} ${body.message ?? ''}`.trim());
  return body;
}

/** ws://HOST:PORT/ws for an http(s)://HOST:PORT base URL. */
export function wsUrlOf(baseUrl: string, path = '/ws'): string {
  const u = new URL(path, baseUrl);
  u.protocol = u.protocol === 'https:' || u.protocol === 'wss:' ? 'wss:' : 'ws:';
  return u.href;
}
