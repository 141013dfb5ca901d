/**
 * What the hostile tests share: an in-process server on port 0 running the
 * line game, a joined raw connection, a bystander that watches the snapshot
 * cadence of a room while it is attacked, and free-port lookup for servers
 * started as child processes.
 */
import net from 'node:net';
import type { Config } from '../../server/config';
import { Opcode } from '../../shared/protocol/constants';
import { encodeClientMessage } from '../../shared/protocol/frameCodec';
import { createLogger } from '../../server/logger';
import { startServer, type ServerHandle } from '../../server/startServer';
import { lineGame } from '../support/lineGame';
import { buildFrame, RawWebSocket, WsOpcode } from '../support/rawWebSocket';
import { TestClient } from '../support/testClient';


export function startLineServer(overrides: Partial<Config> = {}): Promise<ServerHandle> {
  return startServer(
    { port: 0, host: '127.0.0.1', logLevel: 'silent', ...overrides },
    { games: [lineGame], log: createLogger('silent') },
  );
}

/** POST /api/rooms; returns the new room's id (and code if private). */
export async function createRoom(baseUrl: string, body: { name: string; maxPlayers?: number; private?: boolean }): Promise<{ id: string; code?: string }> {
  const res = await fetch(`${baseUrl}/api/rooms`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  if (res.status !== 201) throw new Error(`room create failed: ${res.status} ${await res.text()}`);
  return (await res.json()) as { id: string; code?: string };
}

/** A raw connection that has joined `roomId` (Welcome received). */
export async function joinedRawSocket(port: number, roomId: string, name = 'raw'): Promise<RawWebSocket> {
  const ws = await RawWebSocket.open(port, { path: `/ws?room=${roomId}` });
  if (ws.status !== 101) throw new Error(`raw upgrade answered ${ws.status}`);
  ws.write(buildFrame({ opcode: WsOpcode.Binary, payload: encodeClientMessage({ op: Opcode.Join, body: { name } }) }));
  await ws.waitFor(() => ws.frames.some((f) => f.payload[0] === Opcode.Welcome) || ws.tcpClosed, 'welcome');
  if (ws.tcpClosed) throw new Error('raw join refused');
  return ws;
}

/**
 * A joined player that only watches: it records every snapshot tick and can
 * say whether the ticks were consecutive (each exactly `every` after the
 * previous one, i.e. no snapshot was skipped or lost).
 */
export class Bystander {
  private constructor(
    readonly client: TestClient,
    readonly playerId: number,
    readonly snapshotEvery: number,
  ) {}

  static async join(baseUrl: string, roomId: string, name = 'bystander'): Promise<Bystander> {
    const client = await TestClient.connect(baseUrl, { query: `room=${roomId}` });
    const welcome = await client.join(name);
    return new Bystander(client, welcome.body.playerId, welcome.body.tickRate / welcome.body.snapshotRate);
  }

  ticks(): number[] {
    return this.client.snapshots().map((s) => s.body.delta.tick);
  }

  /** Pairs of consecutive received ticks that are not `every` apart, from index `from` on. */
  gaps(from = 0): [number, number][] {
    const t = this.ticks().slice(from);
    const out: [number, number][] = [];
    for (let i = 1; i < t.length; i++) if (t[i] - t[i - 1] !== this.snapshotEvery) out.push([t[i - 1], t[i]]);
    return out;
  }

  /** Wait for `n` more snapshots than now. */
  async more(n: number, timeoutMs = 5000): Promise<void> {
    const target = this.ticks().length + n;
    await this.client.waitUntil(() => this.client.snapshots().length >= target, `${n} more snapshots`, timeoutMs);
  }

  close(): void {
    this.client.close();
  }
}

/** A TCP port that was free a moment ago (bind 0, read, release). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as net.AddressInfo;
      srv.close(() => resolve(port));
    });
  });
}

export const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

export { spawnServerCli, type CliServer } from '../support/serverCli';
