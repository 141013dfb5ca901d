/**
 * bigcells on the real server: clients join a 1,000-seat room over
 * WebSockets, steer, and apply every snapshot to a replica (any delta
 * against a baseline the client does not hold would fail to apply). Each
 * sees its own cell and only the part of the 16,384 u world around it —
 * a few hundred entities, not the 16,000+ the world holds.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLogger } from '../../server/logger';
import { startServer, type ServerHandle } from '../../server/startServer';
import { bigcells, BIGCELLS_SEATS } from '../../shared/game/bigcells';
import { interestHalfAndMargin } from '../../shared/game/cells/interest';
import { CellField, POSITION_SCALE } from '../../shared/game/cells/schema';
import { Opcode } from '../../shared/protocol/constants';
import { SnapshotReplica } from '../support/snapshotReplica';
import { TestClient } from '../support/testClient';

let server: ServerHandle;
const clients: TestClient[] = [];

beforeAll(async () => {
  server = await startServer({ port: 0, logLevel: 'silent' }, { games: [bigcells], log: createLogger('silent') });
});

afterAll(async () => {
  for (const c of clients) c.close();
  await server.stop();
});

describe('bigcells on the real server', () => {
  it('each player receives its own surroundings as per-viewer deltas', async () => {
    const players = await Promise.all(
      [0, 1, 2].map(async (i) => {
        const c = await TestClient.connect(server.url, { query: 'quick=bigcells' });
        clients.push(c);
        const welcome = await c.join(`p${i}`);
        return { c, welcome, replica: new SnapshotReplica(c.codec!.layout), failed: 0, standings: [] as { op: number; body: unknown }[] };
      }),
    );
    expect(players[0].welcome.body.maxPlayers).toBe(BIGCELLS_SEATS);
    expect(players[0].welcome.body.game.name).toBe('bigcells');
    const absorb = (): void => {
      for (const p of players) {
        for (const m of p.c.messages.splice(0)) {
          if (m.op === Opcode.Snapshot && !p.replica.apply(m.body)) p.failed++;
          if (m.op === Opcode.Leaderboard || m.op === Opcode.Minimap || m.op === Opcode.Rank) p.standings.push(m);
        }
      }
    };
    const directions = [[2000, 0], [0, 2000], [-1400, -1400]];
    const timer = setInterval(() => players.forEach((p, i) => p.c.sendInput([...directions[i], 0])), 1000 / 60);
    try {
      await players[0].c.waitUntil(() => (absorb(), players.every((p) => (p.replica.latest?.tick ?? 0) > 120)), '2 s of snapshots', 15_000);
    } finally {
      clearInterval(timer);
    }
    absorb();
    for (const p of players) {
      expect(p.failed).toBe(0);
      const t = p.replica.latest!;
      const me = p.welcome.body.playerId;
      const row = t.indexOf(me);
      expect(row).toBeGreaterThanOrEqual(0);
      // A few hundred entities around the cell, not the world's 16,384 food pellets.
      expect(t.count).toBeGreaterThan(50);
      expect(t.count).toBeLessThan(2000);
      const { halfU, marginU } = interestHalfAndMargin(t.get(row, CellField.Mass));
      const reach = (halfU + marginU * 1.5 + 20) * POSITION_SCALE;
      const [mx, my] = [t.get(row, CellField.X), t.get(row, CellField.Y)];
      for (let i = 0; i < t.count; i++) {
        expect(Math.abs(t.get(i, 0) - mx)).toBeLessThan(reach);
        expect(Math.abs(t.get(i, 1) - my)).toBeLessThan(reach);
      }
      // The room-wide streams: the three players ranked on the Leaderboard, the Minimap, and its own Rank.
      const board = p.standings.find((m) => m.op === Opcode.Leaderboard)?.body as { n: number; top: [number, number][] } | undefined;
      expect(board?.n).toBe(3);
      expect(board?.top.map((e) => e[0]).sort()).toEqual(players.map((q) => q.welcome.body.playerId).sort());
      const rank = p.standings.find((m) => m.op === Opcode.Rank)?.body as { r: number } | undefined;
      expect(rank?.r).toBeGreaterThanOrEqual(1);
      expect(p.standings.some((m) => m.op === Opcode.Minimap)).toBe(true);
    }
  });
});
