/**
 * SessionLink following Moved, against fake nodes (the `ws` server speaking
 * real tickwire frames): the link is the unit under test. A node "welcomes"
 * with a Pong here (the link forwards it; the test then calls welcomed(), as
 * GameSession does on a Welcome), or sends Moved + close 4108, or drops.
 */
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import WebSocket, { WebSocketServer, type WebSocket as WsSocket } from 'ws';
import { CloseCode, Opcode, SUBPROTOCOL } from '../../../../shared/protocol/constants';
import { decodeClientFrame, decodeServerFrame, encodeServerMessage, type ServerMessage } from '../../../../shared/protocol/frameCodec';
import type { JoinBody } from '../../../../shared/protocol/messages';
import { MAX_MOVED_HOPS, MOVED_LOOP_MESSAGE } from '../net/closeDecision';
import { NetStats } from '../net/netStats';
import { PERFECT_LINK } from '../net/networkSimulator';
import { SessionLink } from './sessionLink';
import type { ClientPhase } from './sessionTypes';

type Behaviour = (ws: WsSocket, join: JoinBody) => void;

interface FakeNode {
  url: string;
  joins: JoinBody[];
  behave: Behaviour;
  sockets: WsSocket[];
  close(): Promise<void>;
}

const nodes: FakeNode[] = [];
// The browser's WebSocket, as Node's `ws` package provides it (same onopen/onmessage/onclose surface).
beforeAll(() => vi.stubGlobal('WebSocket', WebSocket));
const links: SessionLink[] = [];

async function fakeNode(behave: Behaviour): Promise<FakeNode> {
  const wss = new WebSocketServer({ port: 0, host: '127.0.0.1', handleProtocols: (p) => (p.has(SUBPROTOCOL) ? SUBPROTOCOL : false) });
  await new Promise((r) => wss.once('listening', r));
  const node: FakeNode = {
    url: `http://127.0.0.1:${(wss.address() as { port: number }).port}`,
    joins: [],
    behave,
    sockets: [],
    close: () => new Promise((r) => wss.close(() => r())),
  };
  wss.on('connection', (ws) => {
    node.sockets.push(ws);
    ws.on('message', (data: Buffer) => {
      const msg = decodeClientFrame(new Uint8Array(data));
      if ('op' in msg && msg.op === Opcode.Join) {
        node.joins.push(msg.body);
        node.behave(ws, msg.body);
      }
    });
  });
  nodes.push(node);
  return node;
}

const welcomeLike: Behaviour = (ws) => ws.send(encodeServerMessage({ op: Opcode.Pong, body: { t: 0, s: 0, k: 1 } }));
const movedTo =
  (url: () => string): Behaviour =>
  (ws) => {
    ws.send(encodeServerMessage({ op: Opcode.Moved, body: { url: url(), roomId: 'room1' } }));
    ws.close(CloseCode.Moved, 'room moved');
  };

function startLink(baseUrl: string): { link: SessionLink; phases: ClientPhase[]; received: ServerMessage[] } {
  const phases: ClientPhase[] = [];
  const received: ServerMessage[] = [];
  let welcomes = 0;
  const link: SessionLink = new SessionLink({
    baseUrl,
    name: 'ann',
    target: { kind: 'room', id: 'room1' },
    conditions: { up: PERFECT_LINK, down: PERFECT_LINK },
    stats: new NetStats(),
    decode: (bytes) => decodeServerFrame(bytes, null),
    onConnecting: () => undefined,
    onMessage: (msg) => {
      received.push(msg);
      if (msg.op === Opcode.Pong) link.welcomed(`tok${String(++welcomes).padStart(40, '0')}`, 'room1');
    },
    onPhase: (p) => phases.push(p),
    now: () => performance.now(),
  });
  link.start();
  links.push(link);
  return { link, phases, received };
}

async function until(predicate: () => boolean, what: string): Promise<void> {
  for (let i = 0; i < 500 && !predicate(); i++) await new Promise((r) => setTimeout(r, 10));
  if (!predicate()) throw new Error(`timed out waiting for ${what}`);
}

afterEach(async () => {
  for (const l of links.splice(0)) l.leave();
  await Promise.all(nodes.splice(0).map((n) => n.close()));
});

describe('SessionLink follows Moved', () => {
  it('connects at once to the Moved url with the same Join and resume token, hop after hop, and never shows the game a Moved', async () => {
    const b = await fakeNode(welcomeLike);
    const a = await fakeNode(movedTo(() => b.url));
    const origin = await fakeNode(welcomeLike);
    const { phases, received } = startLink(origin.url);
    await until(() => origin.joins.length === 1 && received.length === 1, 'welcome at the origin');
    origin.behave = movedTo(() => a.url);
    origin.sockets[0].send(encodeServerMessage({ op: Opcode.Moved, body: { url: a.url, roomId: 'room1' } }));
    origin.sockets[0].close(CloseCode.Moved, 'room moved');
    await until(() => b.joins.length === 1, 'join at b');
    const token = `tok${'1'.padStart(40, '0')}`;
    expect(a.joins).toEqual([{ name: 'ann', resume: token, room: 'room1' }]);
    expect(b.joins).toEqual([{ name: 'ann', resume: token, room: 'room1' }]);
    expect(phases.filter((p) => p.kind === 'reconnecting').map((p) => (p as { reason: string }).reason)).toEqual(['Moving to another server', 'Moving to another server']);
    expect(received.some((m) => m.op === Opcode.Moved)).toBe(false);
    expect(origin.joins).toHaveLength(1); // a Moved goes straight to the node it names
  });

  it(`gives up after ${MAX_MOVED_HOPS} Moved in a row (a loop), back to the lobby`, async () => {
    let self = '';
    const loop = await fakeNode(movedTo(() => self));
    self = loop.url;
    const { phases } = startLink(loop.url);
    await until(() => phases.some((p) => p.kind === 'failed'), 'failure');
    expect(phases.at(-1)).toEqual({ kind: 'failed', message: MOVED_LOOP_MESSAGE });
    expect(loop.joins).toHaveLength(1 + MAX_MOVED_HOPS);
  });

  it('after the node it moved to drops, resumes through the origin (which routes), not the dead node', async () => {
    const b = await fakeNode(welcomeLike);
    const origin = await fakeNode(movedTo(() => b.url));
    const { received } = startLink(origin.url);
    await until(() => received.length === 1, 'welcome at b');
    // A failover restored the room behind the origin: from now on the origin holds it (no Moved back to b).
    origin.behave = welcomeLike;
    b.sockets[0].terminate(); // b died (SIGKILL), as the client sees it: 1006
    await until(() => origin.joins.length === 2, 'resume through the origin');
    expect(origin.joins[1]).toEqual({ name: 'ann', resume: `tok${'1'.padStart(40, '0')}`, room: 'room1' });
    expect(b.joins).toHaveLength(1);
  });
});
