/**
 * Finding 3 (issue 9): text must be well-formed Unicode. Before: POST
 * /api/rooms accepted "\ud800…" (lone surrogates); each went out as 3 bytes
 * that decoders turn into U+FFFD×3, the name outgrew 32, and every client's
 * own schema check rejected the Welcome (4000, no retry). Now the API refuses
 * it with 400. Over WebSocket a lone surrogate cannot even be sent as such:
 * msgpack carries UTF-8, the sender writes 3 ill-formed bytes and the
 * server's decoder yields U+FFFD for them; the Join is then held to the same
 * rule and limits (counted after decoding), so it is either refused with 4001
 * or admitted under a well-formed name every client accepts (its Welcome
 * decodes under the client's own schema check). Control characters: 4001.
 * An astral character (2 UTF-16 units, the unit every limit is counted in)
 * is fine up to the limit.
 *
 * Prints what each hostile string got.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { CloseCode, Limits, Opcode } from '../../shared/protocol/constants';
import { decodeServerFrame, encodeClientMessage } from '../../shared/protocol/frameCodec';
import { isWellFormedText } from '../../shared/protocol/wellFormedText';
import type { ServerHandle } from '../../server/startServer';
import { buildFrame, RawWebSocket, WsOpcode } from '../support/rawWebSocket';
import { createRoom, startLineServer } from './hostileKit';

let server: ServerHandle;
const seen: string[] = [];

beforeAll(async () => {
  server = await startLineServer();
});

afterAll(async () => {
  console.log(`[well-formed text] ${seen.join('; ')}`);
  await server.stop();
});

async function postRoom(name: string): Promise<{ status: number; body: { error?: string; message?: string } }> {
  const res = await fetch(`${server.url}/api/rooms`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ name }) });
  return { status: res.status, body: (await res.json()) as { error?: string; message?: string } };
}

const HOSTILE: [string, string][] = [
  ['lone high surrogates', '\ud800'.repeat(20)],
  ['lone low surrogate', 'ab\udc00cd'],
  ['reversed pair', '\ude00\ud83d'],
  ['NUL', 'a\u0000b'],
  ['escape', 'a\u001b[31mred'],
  ['C1 control', 'a\u0085b'],
  ['line separator', 'a\u2028b'],
];

it('POST /api/rooms refuses ill-formed names and control characters with 400 invalid_text', async () => {
  for (const [label, name] of HOSTILE) {
    const r = await postRoom(name);
    seen.push(`API ${label} → ${r.status}`);
    expect(r.status, label).toBe(400);
    expect(r.body.error, label).toBe('invalid_text');
  }
  expect(server.host.directory.size).toBe(0);
});

it('counts limits in UTF-16 code units on both ends: 16 emoji fill a 32-unit room name, 17 do not', async () => {
  const ok = await postRoom('😀'.repeat(Limits.maxRoomNameLength / 2));
  const over = await postRoom('😀'.repeat(Limits.maxRoomNameLength / 2 + 1));
  seen.push(`API 16 emoji → ${ok.status}, 17 emoji → ${over.status}`);
  expect(ok.status).toBe(201);
  expect(over.status).toBe(400);
});

it('a WebSocket Join with a hostile name is refused with 4001 or admitted only under a well-formed name clients accept', async () => {
  const room = await createRoom(server.url, { name: 'Text', maxPlayers: 16 });
  for (const [label, name] of HOSTILE) {
    const ws = await RawWebSocket.open(server.port, { path: `/ws?room=${room.id}` });
    ws.write(buildFrame({ opcode: WsOpcode.Binary, payload: encodeClientMessage({ op: Opcode.Join, body: { name } }) }));
    const welcome = () => ws.frames.find((f) => f.payload[0] === Opcode.Welcome);
    await ws.waitFor(() => ws.closeFrame !== undefined || ws.tcpClosed || welcome() !== undefined, 'close or welcome');
    const frame = welcome();
    if (frame) {
      const msg = decodeServerFrame(new Uint8Array(frame.payload), null);
      const names = 'op' in msg && msg.op === Opcode.Welcome ? msg.body.players.map((p) => p.name) : [];
      seen.push(`Join ${label} → admitted as ${JSON.stringify(names.at(-1))}`);
      expect('op' in msg && msg.op === Opcode.Welcome, `${label}: the Welcome decodes under the client's schema`).toBe(true);
      expect(names.every(isWellFormedText), label).toBe(true);
      expect(/[\u0000-\u001f\u007f-\u009f\u2028\u2029]/.test(name), `${label}: control characters are never admitted`).toBe(false);
    } else {
      const code = ws.closeFrame ? ws.closeFrame.payload.readUInt16BE(0) : null;
      seen.push(`Join ${label} → ${code}`);
      expect(code, label).toBe(CloseCode.InvalidMessage);
    }
    ws.socket.destroy();
  }
});
