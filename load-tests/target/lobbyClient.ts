/** The bits of the lobby HTTP API the load tool uses: create rooms for the bots. */
export interface CreatedRoom {
  id: string;
  name: string;
  maxPlayers: number;
}

export async function createRoom(baseUrl: string, name: string, maxPlayers: number): Promise<CreatedRoom> {
  const res = await fetch(new URL('/api/rooms', baseUrl), {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ name, maxPlayers }),
    signal: AbortSignal.timeout(5000),
  });
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
