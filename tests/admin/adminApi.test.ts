/**
 * The operator console's API on a real server: off (404) without a token;
 * with one, every request without it is a bare 401 and an address that keeps
 * failing is refused (429) even with the right token; with it, the state
 * lists rooms and players, actions work on real WebSocket clients (kick →
 * 4110 and no resume, mute drops chat, close room → 4111), every action is in
 * the audit list, and the event stream sends live updates.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Opcode } from '../../shared/protocol/constants';
import { createLogger } from '../../server/logger';
import type { AdminState } from '../../server/admin/adminView';
import { startServer, type ServerHandle } from '../../server/startServer';
import { TestClient } from '../support/testClient';

const TOKEN = 'test-admin-token-0123456789';
let server: ServerHandle;
const clients: TestClient[] = [];

beforeAll(async () => {
  server = await startServer(
    { port: 0, logLevel: 'silent', adminToken: TOKEN, replays: false, games: ['arena'], trustedProxies: ['127.0.0.1'] },
    { log: createLogger('silent') },
  );
});
afterAll(async () => {
  for (const c of clients) c.close();
  await server.stop();
});

const auth = { authorization: `Bearer ${TOKEN}` };
const get = (path: string, headers: Record<string, string> = auth) => fetch(`${server.url}${path}`, { headers });
const post = (path: string, headers: Record<string, string> = auth) => fetch(`${server.url}${path}`, { method: 'POST', headers });
const state = async () => (await (await get('/admin/api/state')).json()) as AdminState;

async function player(name: string): Promise<TestClient> {
  const c = await TestClient.connect(server.url);
  clients.push(c);
  await c.join(name);
  return c;
}

describe('operator console API', () => {
  it('is off (404) on a server without --admin-token', async () => {
    const off = await startServer({ port: 0, logLevel: 'silent', replays: false }, { log: createLogger('silent') });
    try {
      for (const path of ['/admin', '/admin/api/state', '/admin.js']) expect((await fetch(`${off.url}${path}`)).status, path).toBe(404);
      expect((await fetch(`${off.url}/admin/api/drain`, { method: 'POST' })).status).toBe(404);
    } finally {
      await off.stop();
    }
  });

  it('refuses requests without the token with a bare 401, and rate-limits an address that keeps failing', async () => {
    // Failures from 10.1.1.1 (X-Forwarded-For from a trusted proxy): the tests' own 127.0.0.1 stays unlimited.
    const stranger = { 'x-forwarded-for': '10.1.1.1' };
    const offers: Record<string, string>[] = [{}, { authorization: 'Bearer wrong-token-0123456789' }, { authorization: TOKEN }, { authorization: `Bearer ${TOKEN}x` }];
    for (const headers of offers) {
      const res = await get('/admin/api/state', { ...stranger, ...headers });
      expect(res.status).toBe(401);
      expect(await res.json()).toEqual({ error: 'unauthorized', message: 'unauthorized' });
    }
    expect((await post('/admin/api/drain', stranger)).status).toBe(401);
    expect((await get('/admin/api/state', { ...stranger, ...auth })).status).toBe(429);
    // 5 failures from 10.9.9.9 (a trusted proxy's X-Forwarded-For): then 429, even with the right token.
    const from = { 'x-forwarded-for': '10.9.9.9' };
    for (let i = 0; i < 5; i++) expect((await get('/admin/api/state', { ...from, authorization: 'Bearer nope' })).status).toBe(401);
    expect((await get('/admin/api/state', { ...from, ...auth })).status).toBe(429);
    // Another address is not affected.
    expect((await get('/admin/api/state', { 'x-forwarded-for': '10.9.9.10', ...auth })).status).toBe(200);
  });

  it('lists rooms and players; kick closes 4110 and frees the seat; mute drops chat; close room sends 4111; all audited', async () => {
    const a = await player('alice');
    const b = await player('bob');
    let s = await state();
    const room = s.rooms.find((r) => r.members.some((m) => m.name === 'alice'))!;
    expect(room.members.map((m) => m.name).sort()).toEqual(['alice', 'bob']);
    expect(room.game).toBe('arena');
    const bobId = room.members.find((m) => m.name === 'bob')!.id;
    const aliceId = room.members.find((m) => m.name === 'alice')!.id;

    expect((await post(`/admin/api/rooms/${room.id}/players/${aliceId}/mute`)).status).toBe(200);
    a.send({ op: Opcode.Chat, body: { text: 'muted words' } });
    b.send({ op: Opcode.Chat, body: { text: 'still heard' } });
    await b.waitUntil(() => b.messages.some((m) => m.op === Opcode.Events && m.body.events.some((e) => e.type === 'chat' && e.text === 'still heard')), 'chat');
    const chats = b.messages.flatMap((m) => (m.op === Opcode.Events ? m.body.events.filter((e) => e.type === 'chat') : []));
    expect(chats.map((e) => (e as unknown as { text: string }).text)).toEqual(['still heard']);

    expect((await post(`/admin/api/rooms/${room.id}/players/${bobId}/kick`)).status).toBe(200);
    expect((await b.closedWith()).code).toBe(4110);
    s = await state();
    expect(s.rooms.find((r) => r.id === room.id)!.members.map((m) => m.name)).toEqual(['alice']);
    expect((await post(`/admin/api/rooms/${room.id}/players/200/kick`)).status).toBe(404);

    expect((await post(`/admin/api/rooms/${room.id}/close`)).status).toBe(200);
    expect((await a.closedWith()).code).toBe(4111);
    s = await state();
    expect(s.rooms.some((r) => r.id === room.id)).toBe(false);
    expect(s.audit.map((e) => `${e.action}:${e.result}`)).toEqual(['close-room:done', 'kick:not-found', 'kick:done', 'mute:done']);
  });

  it('streams live updates over SSE (with the token only)', async () => {
    expect((await get('/admin/api/events', { 'x-forwarded-for': '10.2.2.2' })).status).toBe(401);
    const res = await get('/admin/api/events');
    expect(res.headers.get('content-type')).toMatch(/text\/event-stream/);
    const reader = res.body!.getReader();
    const seen: AdminState[] = [];
    let text = '';
    while (seen.length < 3) {
      const { value, done } = await reader.read();
      if (done) break;
      text += new TextDecoder().decode(value);
      const parts = text.split('\n\n');
      text = parts.pop()!;
      for (const p of parts) if (p.startsWith('data: ')) seen.push(JSON.parse(p.slice(6)) as AdminState);
    }
    await reader.cancel();
    expect(seen.length).toBe(3);
    expect(seen[2].history.length).toBeGreaterThan(0);
    expect(seen[2].latest).not.toBeNull();
  });
});
