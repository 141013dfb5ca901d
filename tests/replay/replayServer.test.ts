/**
 * Replays through a real server: two players play arena over real
 * WebSockets, leave; the empty room is disposed and its replay appears in
 * GET /api/replays, GET /api/replays/:id serves the file, and it verifies.
 * A room still playing when the server stops is written too ("stopped").
 * Hostile ids are refused before any file is touched.
 */
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { registeredGames } from '../../shared/game/registry';
import { Opcode } from '../../shared/protocol/constants';
import { createLogger } from '../../server/logger';
import { verifyReplayBytes, verifyReplayFile } from '../../server/replay/verifyReplay';
import type { ReplaySummary } from '../../server/replay/replaySummary';
import { startServer, type ServerHandle } from '../../server/startServer';
import { TestClient } from '../support/testClient';

const dir = mkdtempSync(join(tmpdir(), 'tickwire-replay-srv-'));
let server: ServerHandle | null = null;
afterAll(async () => {
  await server?.stop();
  rmSync(dir, { recursive: true, force: true });
});

async function play(c: TestClient, ms: number, phase: number): Promise<void> {
  const until = Date.now() + ms;
  let t = phase;
  while (Date.now() < until) {
    c.sendInput([(t >> 3) % 16, (t * 37) % 1024]);
    t++;
    await new Promise((r) => setTimeout(r, 1000 / 60));
  }
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('replays on a real server', () => {
  it('records a real match, lists it, serves it, and it verifies', async () => {
    server = await startServer(
      { port: 0, logLevel: 'silent', replayDir: dir, roomEmptyGraceMs: 0, replayKeyframeSec: 1, games: ['arena'] },
      { log: createLogger('silent') },
    );
    const a = await TestClient.connect(server.url);
    const b = await TestClient.connect(server.url);
    await a.join('alice');
    await b.join('bob');
    await Promise.all([play(a, 1500, 0), play(b, 1500, 100)]);
    a.send({ op: Opcode.Leave, body: {} });
    b.send({ op: Opcode.Leave, body: {} });
    let list: ReplaySummary[] = [];
    for (let i = 0; i < 100 && list.length === 0; i++) {
      await sleep(100);
      list = ((await (await fetch(`${server.url}/api/replays`)).json()) as { replays: ReplaySummary[] }).replays;
    }
    expect(list).toHaveLength(1);
    const r = list[0];
    expect(r).toMatchObject({ game: 'arena', endReason: 'disposed' });
    expect(r.players.map((p) => p.name).sort()).toEqual(['alice', 'bob']);
    expect(r.durationSec).toBeGreaterThan(1);

    const res = await fetch(`${server.url}/api/replays/${r.id}`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/octet-stream');
    const bytes = new Uint8Array(await res.arrayBuffer());
    expect(bytes.length).toBe(r.bytes);
    const report = verifyReplayBytes(bytes, registeredGames);
    expect(report.error).toBeNull();
    expect(report.ok).toBe(true);
    expect(report.keyframes.length).toBeGreaterThan(1);
  });

  it('refuses hostile ids (400) and unknown ones (404) with JSON reasons', async () => {
    for (const bad of ['..%2F..%2Fetc%2Fpasswd', 'A-B', 'x'.repeat(60), '%00', 'abc-def.twr']) {
      const res = await fetch(`${server!.url}/api/replays/${bad}`);
      expect(res.status, bad).toBe(400);
      expect(((await res.json()) as { error: string }).error).toBe('invalid_id');
    }
    const res = await fetch(`${server!.url}/api/replays/abcdef-123`);
    expect(res.status).toBe(404);
  });

  it('a room still playing when the server stops is written, ended "stopped"', async () => {
    const c = await TestClient.connect(server!.url);
    await c.join('carol');
    await play(c, 500, 0);
    await server!.stop();
    server = null;
    const files = readdirSync(dir).filter((n) => n.endsWith('.twr'));
    expect(files).toHaveLength(2);
    const reports = await Promise.all(files.map((f) => verifyReplayFile(join(dir, f), registeredGames)));
    expect(reports.map((x) => x.footer?.endReason).sort()).toEqual(['disposed', 'stopped']);
    expect(reports.every((x) => x.ok)).toBe(true);
    expect(readdirSync(dir).filter((n) => n.endsWith('.partial'))).toEqual([]);
  });
});
