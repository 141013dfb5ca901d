/**
 * The guide's third game, hosted by the real server next to the arena: a
 * generic client (TestClient knows no game) joins it by name, learns its
 * vocabulary from the Welcome, walks, and sees its score and events — and
 * the arena still plays on the same process.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { arena } from '../../../shared/game/arena';
import { Opcode } from '../../../shared/protocol/constants';
import { createLogger } from '../../../server/logger';
import { startServer, type ServerHandle } from '../../../server/startServer';
import { SnapshotReplica } from '../../support/snapshotReplica';
import { TestClient } from '../../support/testClient';
import { coins, CoinKind, Dir } from './coins';

let server: ServerHandle;
const clients: TestClient[] = [];

beforeAll(async () => {
  server = await startServer({ port: 0, logLevel: 'silent' }, { games: [arena, coins], log: createLogger('silent') });
});

afterAll(async () => {
  for (const c of clients) c.close();
  await server.stop();
});

async function join(game: string, name: string): Promise<TestClient> {
  const c = await TestClient.connect(server.url, { query: `quick=${game}` });
  clients.push(c);
  await c.join(name);
  return c;
}

describe('a game from the test folder on the real server', () => {
  it('is listed by GET /api/games beside the arena', async () => {
    const res = (await (await fetch(`${server.url}/api/games`)).json()) as { games: { name: string }[]; default: string };
    expect(res.games.map((g) => g.name)).toEqual(['arena', 'coins']);
    expect(res.default).toBe('arena');
  });

  it('plays: the Welcome describes it, walking collects coins, snapshots and events decode generically', async () => {
    const c = await join('coins', 'walker');
    const welcome = c.messages.find((m) => m.op === Opcode.Welcome)!;
    if (welcome.op !== Opcode.Welcome) throw new Error('no welcome');
    expect(welcome.body.game.name).toBe('coins');
    expect(welcome.body.roomName).toBe('Coin field 1');
    expect(welcome.body.game.entities.kinds.map((k) => k.name)).toEqual(['walker', 'coin']);
    const me = welcome.body.playerId;
    const replica = new SnapshotReplica(c.codec!.layout);
    // Walk toward the nearest coin the replica shows, until one is collected.
    const absorb = () => {
      for (const m of c.messages.splice(0)) {
        if (m.op === Opcode.Snapshot && m.body.delta.tick > replica.ackTick) replica.apply(m.body);
        if (m.op === Opcode.Events && m.body.events.some((e) => e.type === 'collected' && e.id === me)) collected = true;
      }
    };
    let collected = false;
    const timer = setInterval(() => {
      absorb();
      const t = replica.latest;
      const row = t ? t.indexOf(me) : -1;
      if (!t || row < 0) return c.sendInput([0]);
      const [mx, my] = [t.get(row, 0), t.get(row, 1)];
      let best = [mx, my];
      let bestD = Infinity;
      for (let i = 0; i < t.count; i++) {
        if (t.kinds[i] !== CoinKind.Coin) continue;
        const d = (t.get(i, 0) - mx) ** 2 + (t.get(i, 1) - my) ** 2;
        if (d < bestD) [bestD, best] = [d, [t.get(i, 0), t.get(i, 1)]];
      }
      const dirs = (best[0] > mx + 2 ? Dir.Right : best[0] < mx - 2 ? Dir.Left : 0) | (best[1] > my + 2 ? Dir.Down : best[1] < my - 2 ? Dir.Up : 0);
      c.sendInput([dirs]);
    }, 1000 / 60);
    try {
      await c.waitUntil(() => (absorb(), collected), 'a coin collected', 25_000);
    } finally {
      clearInterval(timer);
    }
    await c.waitUntil(() => (absorb(), (replica.entity(me)?.[2] ?? 0) >= 1), 'points in a snapshot');
    const table = replica.latest!;
    const kinds = Array.from(table.kinds.subarray(0, table.count));
    expect(kinds.filter((k) => k === CoinKind.Coin)).toHaveLength(5);
    expect(c.decodeErrors).toEqual([]);
  });

  it('the arena still plays on the same process', async () => {
    const c = await join('arena', 'gunner');
    expect(c.codec!.descriptor.name).toBe('arena');
    const snap = await c.next(Opcode.Snapshot);
    expect(snap.body.delta.created.length).toBeGreaterThan(0);
  });
});
