/**
 * Who gets in: foreign origins are refused before the upgrade; a resume token
 * only ever resumes its own player, and one connection at a time holds it
 * (a newer one takes over, the older is closed with 4103); private-room join
 * codes carry 50 bits from the CSPRNG; failed code guesses are limited per
 * client address, and only a trusted proxy can say what that address is.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CloseCode, JOIN_CODE_ALPHABET, Limits, Opcode } from '../../shared/protocol/constants';
import { InMemoryRoomDirectory, newJoinCode } from '../../server/rooms/roomDirectory';
import type { ServerHandle } from '../../server/startServer';
import { RawWebSocket } from '../support/rawWebSocket';
import { TestClient } from '../support/testClient';
import { createRoom, startLineServer } from './hostileKit';

let server: ServerHandle;
const clients: TestClient[] = [];

async function connect(query = '', headers: Record<string, string> = {}): Promise<TestClient> {
  const c = await TestClient.connect(server.url, { query, headers });
  clients.push(c);
  return c;
}

beforeAll(async () => {
  server = await startLineServer({ maxCodeGuessesPerMin: 4, trustedProxies: ['127.0.0.1'], sessionGraceMs: 10_000 });
});

afterAll(async () => {
  for (const c of clients) c.close();
  await server.stop();
});

describe('origin', () => {
  it.each(['https://evil.example', 'http://127.0.0.1.evil.example', 'null', 'file://', 'https://localhost.evil.example:443'])(
    'refuses Origin %s with 403 before any WebSocket byte',
    async (origin) => {
      const ws = await RawWebSocket.open(server.port, { origin });
      expect(ws.status).toBe(403);
      expect(ws.responseHead).not.toMatch(/sec-websocket-accept/i);
      ws.destroy();
    },
  );

  it('accepts its own origin and no Origin at all (non-browser clients)', async () => {
    for (const origin of [server.url, undefined]) {
      const ws = await RawWebSocket.open(server.port, origin ? { origin } : {});
      expect(ws.status).toBe(101);
      ws.destroy();
    }
  });
});

describe('resume tokens', () => {
  it('a token resumes only its own player, whatever room or name the join names', async () => {
    const room = await createRoom(server.url, { name: 'Tokens', maxPlayers: 8 });
    const other = await createRoom(server.url, { name: 'Elsewhere', maxPlayers: 8 });
    const alice = await connect(`room=${room.id}`);
    const wa = await alice.join('alice');
    const bob = await connect(`room=${room.id}`);
    const wb = await bob.join('bob');
    bob.close(); // bob is detached, within his grace: the tempting target
    await bob.closedWith();

    // Alice's token, asking for bob's name and another room: it is still alice.
    const thief = await connect();
    const w = await thief.join('bob', { resume: wa.body.resume, room: other.id });
    expect(w.body).toMatchObject({ resumed: true, playerId: wa.body.playerId, roomId: room.id });
    expect((await alice.closedWith()).code).toBe(CloseCode.SessionTakenOver);

    // Bob's own token still gets bob back, untouched.
    const bobAgain = await connect();
    const wb2 = await bobAgain.join('bob', { resume: wb.body.resume });
    expect(wb2.body).toMatchObject({ resumed: true, playerId: wb.body.playerId, roomId: room.id });

    // A token that differs from bob's in one character is nobody's: a fresh player.
    const flipped = wb.body.resume.slice(0, -1) + (wb.body.resume.endsWith('A') ? 'B' : 'A');
    const forger = await connect(`room=${room.id}`);
    const wf = await forger.join('forger', { resume: flipped });
    expect(wf.body.resumed).toBe(false);
    expect([wa.body.playerId, wb.body.playerId]).not.toContain(wf.body.playerId);
  });

  it('one connection holds a session at a time: each takeover closes the previous holder with 4103', async () => {
    const room = await createRoom(server.url, { name: 'Takeover', maxPlayers: 8 });
    const first = await connect(`room=${room.id}`);
    const w = await first.join('owner');
    const token = w.body.resume;

    // Five connections race to resume the same token.
    const racers = await Promise.all(Array.from({ length: 5 }, () => connect()));
    for (const r of racers) r.send({ op: Opcode.Join, body: { name: 'owner', resume: token } });
    await Promise.all(racers.map((r) => r.waitUntil(() => r.closed !== null || r.messages.some((m) => m.op === Opcode.Welcome), 'welcome or close')));
    // Let any takeover closes arrive.
    await first.closedWith();
    const holders = () => racers.filter((r) => r.closed === null);
    await racers[0].waitUntil(() => holders().length <= 1, 'a single holder', 5000);

    expect((await first.closedWith()).code).toBe(CloseCode.SessionTakenOver);
    expect(holders()).toHaveLength(1);
    for (const r of racers) if (r.closed) expect(r.closed.code).toBe(CloseCode.SessionTakenOver);
    // The room sees exactly one connected player with that id, linked to the holder.
    const live = server.host.directory.byId(room.id)!;
    expect(live.connectedCount).toBe(1);
    expect(live.playerCount).toBe(1);
    // The holder plays on: its snapshots keep coming.
    const holder = holders()[0];
    const before = holder.snapshots().length;
    await holder.waitUntil(() => holder.snapshots().length >= before + 3, 'holder snapshots');
  });
});

describe('private-room join codes', () => {
  const codes = (() => {
    const directory = new InMemoryRoomDirectory();
    return Array.from({ length: 20_000 }, () => newJoinCode(directory));
  })();

  it('are 10 symbols of a 30-symbol alphabet without look-alikes: ≈ 49 bits (≥ 40 required)', () => {
    expect(JOIN_CODE_ALPHABET).toHaveLength(30);
    expect(new Set(JOIN_CODE_ALPHABET).size).toBe(30);
    expect(JOIN_CODE_ALPHABET).not.toMatch(/[01ILOU]/);
    expect(Limits.joinCodeLength * Math.log2(JOIN_CODE_ALPHABET.length)).toBeGreaterThan(49);
    for (const c of codes) expect(c).toMatch(/^[2-9A-HJKMNP-TV-Z]{10}$/);
    expect(new Set(codes).size).toBe(codes.length);
  });

  it('are uniform: chi-square over all symbols and per position', () => {
    // 29 degrees of freedom: P(χ² > 80) ≈ 10⁻⁶, so a fair generator essentially never fails.
    const chiSquare = (counts: number[], n: number) => {
      const expected = n / counts.length;
      return counts.reduce((s, c) => s + (c - expected) ** 2 / expected, 0);
    };
    const symbols = JOIN_CODE_ALPHABET.length;
    const overall = new Array<number>(symbols).fill(0);
    const perPosition = Array.from({ length: 10 }, () => new Array<number>(symbols).fill(0));
    for (const code of codes) {
      for (let i = 0; i < code.length; i++) {
        const s = JOIN_CODE_ALPHABET.indexOf(code[i]);
        overall[s]++;
        perPosition[i][s]++;
      }
    }
    const total = chiSquare(overall, codes.length * 10);
    const worst = Math.max(...perPosition.map((p) => chiSquare(p, codes.length)));
    console.log(`join codes: ${codes.length} codes, χ²(29) overall ${total.toFixed(1)}, worst position ${worst.toFixed(1)}`);
    expect(total).toBeLessThan(80);
    expect(worst).toBeLessThan(80);
  });
});

describe('join-code guessing', () => {
  const n = JOIN_CODE_ALPHABET.length;
  const wrong = (i: number) => `ZZZZZZZZ${JOIN_CODE_ALPHABET[i % n]}${JOIN_CODE_ALPHABET[Math.floor(i / n) % n]}`;

  it('is limited per address (forwarded by the trusted proxy): upgrade 404s then 429, Join 4100s then 4104', async () => {
    const secret = await createRoom(server.url, { name: 'Vault', private: true });
    const from = (ip: string) => ({ 'X-Forwarded-For': ip });
    const statuses: number[] = [];
    for (let i = 0; i < 6; i++) {
      const r = await TestClient.open(server.url, { query: `code=${wrong(i)}`, headers: from('203.0.113.7') });
      statuses.push(r instanceof TestClient ? 101 : r.status);
    }
    expect(statuses).toEqual([404, 404, 404, 404, 429, 429]);
    // Blocked means blocked: even the right code.
    const right = await TestClient.open(server.url, { query: `code=${secret.code!}`, headers: from('203.0.113.7') });
    expect(right).toMatchObject({ status: 429 });

    // Through the Join message instead of the query: same budget per address.
    const closes: number[] = [];
    for (let i = 0; i < 6; i++) {
      const c = await connect('', from('198.51.100.9'));
      c.send({ op: Opcode.Join, body: { name: 'guesser', code: wrong(100 + i) } });
      closes.push((await c.closedWith()).code);
    }
    expect(closes).toEqual([4100, 4100, 4100, 4100, CloseCode.JoinRateLimited, CloseCode.JoinRateLimited]);

    // Another address is not affected.
    const honest = await connect(`code=${secret.code!}`, from('192.0.2.55'));
    expect((await honest.join('friend')).body.roomId).toBe(secret.id);
  });

  it('a client cannot pick its address with X-Forwarded-For unless it connects from a trusted proxy', async () => {
    const direct = await startLineServer({ maxCodeGuessesPerMin: 3 }); // trusts no proxy
    try {
      const statuses: number[] = [];
      for (let i = 0; i < 5; i++) {
        // A fresh "address" every time: ignored, the TCP peer (127.0.0.1) is what counts.
        const r = await TestClient.open(direct.url, { query: `code=${wrong(200 + i)}`, headers: { 'X-Forwarded-For': `10.0.0.${i + 1}` } });
        statuses.push(r instanceof TestClient ? 101 : r.status);
      }
      expect(statuses).toEqual([404, 404, 404, 429, 429]);
    } finally {
      await direct.stop();
    }
  });
});
