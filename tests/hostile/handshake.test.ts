/**
 * Finding 9 (issue 9): the RFC 6455 opening handshake answered as the RFC
 * says, and the small deviations from our own documents. Before: version 8
 * and a request without Upgrade were upgraded (101), a missing key got 404,
 * only the first Sec-WebSocket-Protocol line was read, `?quick` without "="
 * reserved nothing at the upgrade, HEAD /healthz was 405.
 *
 * Prints each request and the status it got.
 */
import net from 'node:net';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { SUBPROTOCOL } from '../../shared/protocol/constants';
import type { ServerHandle } from '../../server/startServer';
import { RawWebSocket } from '../support/rawWebSocket';
import { startLineServer } from './hostileKit';

let server: ServerHandle;
const seen: string[] = [];

beforeAll(async () => {
  server = await startLineServer();
});

afterAll(async () => {
  console.log(`[handshake] ${seen.join('; ')}`);
  await server.stop();
});

/** Send one raw request; the response head (status line + headers) and body. */
function rawRequest(request: string): Promise<{ status: number; head: string; body: string }> {
  return new Promise((resolve, reject) => {
    const s = net.connect(server.port, '127.0.0.1', () => s.write(request));
    let text = '';
    s.on('data', (d: Buffer) => {
      text += d.toString('latin1');
      const end = text.indexOf('\r\n\r\n');
      if (end < 0) return;
      const head = text.slice(0, end);
      const length = Number(/content-length: (\d+)/i.exec(head)?.[1] ?? '0');
      if (text.length - end - 4 >= length || /^HTTP\/1.1 101/.test(head)) {
        s.destroy();
        resolve({ status: Number(head.split(' ')[1]), head, body: text.slice(end + 4) });
      }
    });
    s.on('error', reject);
  });
}

const KEY = 'dGhlIHNhbXBsZSBub25jZQ==';
const upgrade = (lines: string[], path = '/ws') =>
  `GET ${path} HTTP/1.1\r\nHost: 127.0.0.1\r\n${lines.map((l) => `${l}\r\n`).join('')}\r\n`;
const STANDARD = ['Upgrade: websocket', 'Connection: Upgrade', `Sec-WebSocket-Key: ${KEY}`, 'Sec-WebSocket-Version: 13'];
const without = (prefix: string) => STANDARD.filter((l) => !l.startsWith(prefix));

async function expectStatus(label: string, request: string, status: number): Promise<{ head: string; body: string }> {
  const r = await rawRequest(request);
  seen.push(`${label} → ${r.status}`);
  expect(r.status, label).toBe(status);
  return r;
}

it('answers a wrong WebSocket version with 426 naming version 13', async () => {
  const r = await expectStatus('version 8', upgrade([...without('Sec-WebSocket-Version'), 'Sec-WebSocket-Version: 8', `Sec-WebSocket-Protocol: ${SUBPROTOCOL}`]), 426);
  expect(r.head).toMatch(/\r\nSec-WebSocket-Version: 13/i);
});

it('answers a request without Upgrade: websocket with 426, with or without a key', async () => {
  const a = await expectStatus('no Upgrade header', upgrade([...without('Upgrade'), `Sec-WebSocket-Protocol: ${SUBPROTOCOL}`]), 426);
  expect(a.head).toMatch(/\r\nUpgrade: websocket/i);
  await expectStatus('plain GET /ws', upgrade([]), 426);
});

it('answers a missing or malformed Sec-WebSocket-Key with 400, not 404', async () => {
  await expectStatus('no key', upgrade([...without('Sec-WebSocket-Key'), `Sec-WebSocket-Protocol: ${SUBPROTOCOL}`]), 400);
  await expectStatus('key of 15 bytes', upgrade([...without('Sec-WebSocket-Key'), 'Sec-WebSocket-Key: AAAAAAAAAAAAAAAAAAAA', `Sec-WebSocket-Protocol: ${SUBPROTOCOL}`]), 400);
  await expectStatus('key not base64', upgrade([...without('Sec-WebSocket-Key'), 'Sec-WebSocket-Key: !!!!!!!!!!!!!!!!!!!!!A==', `Sec-WebSocket-Protocol: ${SUBPROTOCOL}`]), 400);
});

it('reads every Sec-WebSocket-Protocol line', async () => {
  const r = await expectStatus('protocol on the second line', upgrade([...STANDARD, 'Sec-WebSocket-Protocol: chat.v9', `Sec-WebSocket-Protocol: ${SUBPROTOCOL}`]), 101);
  expect(r.head).toMatch(new RegExp(`\\r\\nSec-WebSocket-Protocol: ${SUBPROTOCOL.replace('.', '\\.')}`, 'i'));
});

it('treats ?quick without "=" as quick play at the upgrade (a seat is reserved: the room exists before Join)', async () => {
  expect(server.host.directory.size).toBe(0);
  const ws = await RawWebSocket.open(server.port, { path: '/ws?quick' });
  seen.push(`?quick → ${ws.status}, rooms after upgrade ${server.host.directory.size}`);
  expect(ws.status).toBe(101);
  expect(server.host.directory.size).toBe(1);
  ws.socket.destroy();
});

it('answers HEAD /healthz and /readyz with 200 and no body', async () => {
  for (const path of ['/healthz', '/readyz']) {
    const r = await expectStatus(`HEAD ${path}`, `HEAD ${path} HTTP/1.1\r\nHost: x\r\n\r\n`, 200);
    expect(r.body).toBe('');
  }
});
