/**
 * The real server on port 0 with real WebSocket clients: handshake and
 * subprotocol negotiation, Origin, joins (quick play, room id, join code),
 * inputs and acks, deltas, resume, hostile frames, and backpressure. The
 * room runtime is exercised with the tiny line game so assertions are exact.
 */
import net from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CloseCode, Opcode } from '../shared/protocol/constants';
import { encodeClientMessage } from '../shared/protocol/frameCodec';
import { createLogger } from './logger';
import { startServer, type ServerHandle } from './startServer';
import { LineButton as Button, lineGame } from '../tests/support/lineGame';
import { SnapshotReplica } from '../tests/support/snapshotReplica';
import { TestClient, type Refusal } from '../tests/support/testClient';

let server: ServerHandle;
const clients: TestClient[] = [];

async function connect(query = '', opts: Parameters<typeof TestClient.open>[1] = {}): Promise<TestClient> {
  const c = await TestClient.connect(server.url, { query, ...opts });
  clients.push(c);
  return c;
}

async function refused(query = '', opts: Parameters<typeof TestClient.open>[1] = {}): Promise<Refusal> {
  const r = await TestClient.open(server.url, { query, ...opts });
  if (r instanceof TestClient) {
    r.close();
    throw new Error('expected the upgrade to be refused');
  }
  return r;
}

/** Send one raw HTTP request and return the raw response head. */
function rawHandshake(port: number, protocolHeader: string | null): Promise<string> {
  return new Promise((resolve, reject) => {
    const sock = net.connect(port, '127.0.0.1', () => {
      sock.write(
        'GET /ws HTTP/1.1\r\nHost: 127.0.0.1\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n' +
          'Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n' +
          (protocolHeader !== null ? `Sec-WebSocket-Protocol: ${protocolHeader}\r\n` : '') +
          '\r\n',
      );
    });
    let data = '';
    sock.on('data', (chunk) => {
      data += chunk.toString('latin1');
      if (data.includes('\r\n\r\n')) {
        sock.destroy();
        resolve(data);
      }
    });
    sock.on('error', reject);
  });
}

async function postRoom(body: unknown, contentType = 'application/json'): Promise<{ status: number; json: Record<string, unknown> }> {
  const res = await fetch(`${server.url}/api/rooms`, {
    method: 'POST',
    headers: { 'content-type': contentType },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
  return { status: res.status, json: (await res.json()) as Record<string, unknown> };
}

beforeAll(async () => {
  server = await startServer(
    // Every client here comes from 127.0.0.1 and stays seated until the end: per-address quotas off.
    { port: 0, host: '127.0.0.1', logLevel: 'silent', defaultMaxPlayers: 4, maxCodeGuessesPerMin: 5, trustedProxies: ['127.0.0.1'] },
    { games: [lineGame], log: createLogger('silent') },
  );
});

afterAll(async () => {
  for (const c of clients) c.close();
  await server.stop();
});

describe('handshake (RFC 6455 subprotocol negotiation)', () => {
  it('refuses a request that offers no subprotocol, naming the supported ones', async () => {
    const head = await rawHandshake(server.port, null);
    expect(head).toMatch(/^HTTP\/1\.1 400 /);
    const r = await refused('', { protocols: [] });
    expect(r.status).toBe(400);
    expect(JSON.parse(r.body)).toMatchObject({ error: 'unsupported_subprotocol', supported: ['tickwire.v2'] });
  });

  it('refuses a request that offers only unsupported subprotocols', async () => {
    const r = await refused('', { protocols: ['tickwire.v0', 'chat'] });
    expect(r.status).toBe(400);
    expect(r.body).toContain('tickwire.v2');
  });

  it('selects exactly one of several offered and echoes only it', async () => {
    const head = await rawHandshake(server.port, 'tickwire.v1, tickwire.v2, chat');
    expect(head).toMatch(/^HTTP\/1\.1 101 Switching Protocols\r\n/);
    const echoed = head.split('\r\n').filter((l) => /^sec-websocket-protocol:/i.test(l));
    expect(echoed).toEqual(['Sec-WebSocket-Protocol: tickwire.v2']);
    const c = await connect('', { protocols: ['tickwire.v1', 'tickwire.v2'] });
    expect(c.ws.protocol).toBe('tickwire.v2');
  });
});

describe('origin allowlist', () => {
  it('refuses a foreign Origin with 403 before the upgrade', async () => {
    expect((await refused('', { origin: 'https://evil.example' })).status).toBe(403);
  });

  it('accepts localhost origins and the server’s own origin', async () => {
    await connect('', { origin: 'http://localhost:5173' });
    await connect('', { origin: server.url });
  });
});

describe('joining rooms', () => {
  it('quick play puts two players in the same room and announces the second', async () => {
    const a = await connect('quick=1');
    const wa = await a.join('alice');
    const b = await connect('quick=1');
    const wb = await b.join('bob');
    expect(wb.body.roomId).toBe(wa.body.roomId);
    expect(wb.body.players.map((p) => p.name).sort()).toEqual(['alice', 'bob']);
    await a.waitUntil(
      () => a.messages.some((m) => m.op === Opcode.Events && m.body.events.some((e) => e.type === 'joined' && e.id === wb.body.playerId)),
      'joined event',
    );
  });

  it('refuses a full room with 409 at the upgrade and with 4101 at Join', async () => {
    const { json } = await postRoom({ name: 'Tiny', maxPlayers: 1 });
    const a = await connect(`room=${json.id as string}`);
    await a.join('one');
    expect((await refused(`room=${json.id as string}`)).status).toBe(409);
    const b = await connect();
    b.send({ op: Opcode.Join, body: { name: 'two', room: json.id as string } });
    expect((await b.closedWith()).code).toBe(CloseCode.RoomFull);
  });

  it('joins a private room by code, hides it from the lobby, and rate-limits wrong code and id guesses per address', async () => {
    const { status, json } = await postRoom({ name: 'Secret', private: true });
    expect(status).toBe(201);
    expect(json.code).toMatch(/^[0-9A-HJKMNP-TV-Z]{10}$/);
    const list = (await (await fetch(`${server.url}/api/rooms`)).json()) as { rooms: { id: string }[] };
    expect(list.rooms.map((r) => r.id)).not.toContain(json.id);
    const c = await connect(`code=${json.code as string}`);
    expect((await c.join('spy')).body.roomId).toBe(json.id);

    // The guesser comes through the (trusted) local proxy as 203.0.113.7; other tests stay unaffected.
    const guesser = { headers: { 'X-Forwarded-For': '203.0.113.7' } };
    const guesses: number[] = [];
    for (let i = 0; i < 4; i++) guesses.push((await refused('code=ZZZZZZZZZZ', guesser)).status);
    guesses.push((await refused('room=nosuchroom', guesser)).status); // room ids are guessed secrets too
    for (let i = 0; i < 2; i++) guesses.push((await refused('code=ZZZZZZZZZZ', guesser)).status);
    expect(guesses).toEqual([404, 404, 404, 404, 404, 429, 429]);
    // Even the right code (or id) is refused while this address is blocked.
    expect((await refused(`code=${json.code as string}`, guesser)).status).toBe(429);
    expect((await refused(`room=${json.id as string}`, guesser)).status).toBe(429);
  });

  it('refuses an unknown room id with 404', async () => {
    expect((await refused('room=doesnotexist')).status).toBe(404);
  });

  it('closes a connection that never joins with 4003', { timeout: 10_000 }, async () => {
    const c = await connect();
    expect((await c.closedWith(8000)).code).toBe(CloseCode.JoinTimeout);
  });
});

describe('playing', () => {
  it('inputs move the player and the acknowledged sequence advances', async () => {
    const c = await connect('quick=1');
    const welcome = await c.join('mover');
    const replica = new SnapshotReplica(c.codec!.layout);
    const timer = setInterval(() => c.sendInput([Button.Right, 0]), 1000 / 60);
    try {
      await c.waitUntil(() => {
        for (const m of c.messages.splice(0)) if (m.op === Opcode.Snapshot) replica.apply(m.body);
        return replica.ackSeq >= 30;
      }, 'ack of 30 inputs');
    } finally {
      clearInterval(timer);
    }
    const me = replica.entity(welcome.body.playerId)!;
    expect(me[0]).toBeGreaterThanOrEqual(30); // x moved right once per applied input
  });

  it('a client that drops snapshots still reconstructs exactly the server state', async () => {
    const c = await connect('quick=1');
    const welcome = await c.join('lossy');
    const replica = new SnapshotReplica(c.codec!.layout);
    let seq = 0;
    let received = 0;
    const timer = setInterval(() => {
      seq++;
      // Acknowledge only what this replica applied (it "loses" every third snapshot).
      c.ackTick = replica.ackTick;
      c.sendInput([seq % 40 < 20 ? Button.Down : Button.Up, 0]);
    }, 1000 / 60);
    try {
      await c.waitUntil(() => {
        for (const m of c.messages.splice(0)) {
          if (m.op !== Opcode.Snapshot) continue;
          received++;
          if (received % 3 !== 0) replica.apply(m.body); // every third snapshot is "lost"
        }
        return replica.applied >= 40;
      }, '40 applied snapshots', 10_000);
    } finally {
      clearInterval(timer);
    }
    const room = server.host.directory.byId(welcome.body.roomId)!;
    const truth = room.latestSnapshot!;
    // The replica may be one snapshot behind; compare against the tick it has.
    const mine = replica.table(truth.tick) ?? replica.latest!;
    if (mine.tick === truth.tick) expect(mine.sameEntities(truth)).toBe(true);
    expect(replica.latest!.indexOf(welcome.body.playerId)).toBeGreaterThanOrEqual(0);
  });

  it('resumes a dropped player with its token: same id, same position', async () => {
    const c = await connect('quick=1');
    const welcome = await c.join('phoenix');
    let seq = 0;
    const replica = new SnapshotReplica(c.codec!.layout);
    const timer = setInterval(() => (seq = c.sendInput([Button.Right, 0])), 1000 / 60);
    await c.waitUntil(() => {
      for (const m of c.messages.splice(0)) if (m.op === Opcode.Snapshot) replica.apply(m.body);
      return replica.ackSeq >= 20;
    }, 'ack of 20 inputs');
    clearInterval(timer);
    // Stand still: the server repeats the last input while none is due, so end on an idle one.
    seq = c.sendInput([0, 0]);
    await c.waitUntil(() => {
      for (const m of c.messages.splice(0)) if (m.op === Opcode.Snapshot) replica.apply(m.body);
      return replica.ackSeq === seq;
    }, 'all inputs acked');
    const before = replica.entity(welcome.body.playerId)!;
    c.ws.terminate(); // abrupt: no Leave
    await c.closedWith();

    const again = await connect();
    const w2 = await again.join('phoenix', { resume: welcome.body.resume, room: welcome.body.roomId });
    expect(w2.body.resumed).toBe(true);
    expect(w2.body.playerId).toBe(welcome.body.playerId);
    const snap = await again.next(Opcode.Snapshot);
    const r2 = new SnapshotReplica(again.codec!.layout);
    r2.apply(snap.body);
    expect(r2.entity(welcome.body.playerId)!.slice(0, 2)).toEqual(before.slice(0, 2));
  });

  it('a forged or unknown resume token gets a fresh player, not someone else', async () => {
    const c = await connect('quick=1');
    const w = await c.join('impostor', { resume: 'A'.repeat(43) });
    expect(w.body.resumed).toBe(false);
  });

  it('answers Ping with Pong echoing the client time', async () => {
    const c = await connect();
    c.send({ op: Opcode.Ping, body: { t: 1234.5 } });
    const pong = await c.next(Opcode.Pong);
    expect(pong.body.t).toBe(1234.5);
    expect(Number.isFinite(pong.body.s)).toBe(true);
  });

  it('Leave closes with 1000 and frees the seat at once', async () => {
    const { json } = await postRoom({ name: 'Door', maxPlayers: 1 });
    const a = await connect(`room=${json.id as string}`);
    await a.join('a');
    a.send({ op: Opcode.Leave, body: {} });
    expect((await a.closedWith()).code).toBe(CloseCode.Normal);
    const b = await connect(`room=${json.id as string}`);
    expect((await b.join('b')).body.roomId).toBe(json.id);
  });
});

describe('hostile frames close only their sender, with documented codes', () => {
  const cases: [string, (c: TestClient) => void, number][] = [
    ['text frame', (c) => c.sendRaw('hello', false), CloseCode.UnsupportedData],
    ['unknown opcode', (c) => c.sendRaw(new Uint8Array([0x7e, 0x80])), CloseCode.DecodeFailed],
    ['server opcode from a client', (c) => c.sendRaw(new Uint8Array([0x81, 0x80])), CloseCode.DecodeFailed],
    ['truncated msgpack', (c) => c.sendRaw(new Uint8Array([0x01, 0x82, 0xa4])), CloseCode.DecodeFailed],
    ['msgpack extension type', (c) => c.sendRaw(new Uint8Array([0x03, 0x81, 0xa1, 0x74, 0xd4, 0x01, 0x00])), CloseCode.DecodeFailed],
    ['schema violation (extra field)', (c) => c.sendRaw(encodeClientMessage({ op: Opcode.Ping, body: { t: 1, x: 2 } as never })), CloseCode.InvalidMessage],
    ['input before join', (c) => c.sendRaw(new Uint8Array([0x02, 0x01, 0x0d])), CloseCode.ProtocolViolation],
    ['frame over the 4 KiB limit', (c) => c.sendRaw(new Uint8Array(8192)), CloseCode.MessageTooBig],
  ];

  it.each(cases)('%s', async (_name, misbehave, code) => {
    const bystander = await connect('quick=1');
    await bystander.join('bystander');
    const bad = await connect('quick=1');
    misbehave(bad);
    expect((await bad.closedWith()).code).toBe(code);
    const before = bystander.snapshots().length;
    await bystander.waitUntil(() => bystander.snapshots().length >= before + 3, 'bystander snapshots continue');
    expect(bystander.closed).toBeNull();
  });

  it('an input flood is closed with 1008', async () => {
    const c = await connect('quick=1');
    await c.join('flooder');
    // More at once than any stall piles up (the stall allowance is maxMessageRate × stallToleranceSec = 3600).
    for (let i = 1; i <= 10_000; i++) c.sendInput([0, 0]);
    expect((await c.closedWith()).code).toBe(CloseCode.PolicyViolation);
  });
});

describe('HTTP', () => {
  it('serves health, readiness, metrics and the lobby list', async () => {
    expect((await fetch(`${server.url}/healthz`)).status).toBe(200);
    expect((await fetch(`${server.url}/readyz`)).status).toBe(200);
    const metrics = await (await fetch(`${server.url}/metrics`)).text();
    for (const name of ['tickwire_rooms', 'tickwire_players', 'tickwire_connections', 'tickwire_tick_duration_seconds_bucket', 'tickwire_tick_overruns_total', 'tickwire_messages_in_total', 'tickwire_bytes_out_total', 'tickwire_snapshots_skipped_total', 'tickwire_closes_total', 'tickwire_event_loop_lag_seconds']) {
      expect(metrics).toContain(name);
    }
    const list = (await (await fetch(`${server.url}/api/rooms`)).json()) as { rooms: unknown[] };
    expect(Array.isArray(list.rooms)).toBe(true);
  });

  it('rejects malformed room requests with JSON 4xx and a reason', async () => {
    expect((await postRoom('{not json')).status).toBe(400);
    expect((await postRoom({ name: 'x', extra: 1 })).status).toBe(400);
    expect((await postRoom({ name: 'y', maxPlayers: 10_000 })).status).toBe(400);
    expect((await postRoom({ name: '' })).status).toBe(400);
    expect((await postRoom({ name: 'z' }, 'text/plain')).status).toBe(415);
    const big = await postRoom({ name: 'q'.repeat(5000) });
    expect(big.status).toBe(413);
    expect(big.json.error).toBe('payload_too_large');
    await postRoom({ name: 'Twin' });
    expect((await postRoom({ name: 'twin' })).status).toBe(409);
  });
});
