/**
 * Hand-built WebSocket frames from a raw TCP client, each from a player that
 * has joined the same room as a bystander. The table records what uWS (and
 * tickwire behind it) actually does with each — a close frame with a code, or
 * an abrupt TCP close without one — so PROTOCOL.md can document it. The
 * server must survive all of it, and the bystander's snapshots must keep
 * coming with consecutive ticks throughout.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CloseCode, Opcode } from '../../shared/protocol/constants';
import { DecodeError } from '../../shared/protocol/decodeError';
import { decodeClientFrame, encodeClientMessage } from '../../shared/protocol/frameCodec';
import type { ServerHandle } from '../../server/startServer';
import { buildFrame, closePayload, describeEnding, RawWebSocket, upgradeRequest, WsOpcode, type Ending } from '../support/rawWebSocket';
import { Bystander, createRoom, joinedRawSocket, startLineServer } from './hostileKit';

const ping = encodeClientMessage({ op: Opcode.Ping, body: { t: 7 } });
const bytes = (n: number, fill = 0) => new Uint8Array(n).fill(fill);
const bin = (payload: Uint8Array, extra: Partial<Parameters<typeof buildFrame>[0]> = {}) => buildFrame({ opcode: WsOpcode.Binary, payload, ...extra });

/** uWS ignores the MASK bit: it takes the first 4 payload bytes as the key. What it then decodes: */
function unmaskedAsUwsReadsIt(payload: Uint8Array, pad: Uint8Array): Uint8Array {
  const key = payload.subarray(0, 4);
  const rest = Buffer.concat([payload.subarray(4), pad]);
  return rest.map((b, i) => b ^ key[i & 3]);
}
const unmaskedExpected = decodeClientFrame(unmaskedAsUwsReadsIt(ping, bytes(4)));

type Expected = 'abrupt' | 'close-without-code' | number | 'pong-and-open';

interface Case {
  name: string;
  send: (ws: RawWebSocket) => void;
  expected: Expected;
}

const cases: Case[] = [
  { name: 'RSV1 set (no extension negotiated)', send: (w) => w.write(bin(ping, { rsv: 4 })), expected: 'abrupt' },
  { name: 'RSV2 set', send: (w) => w.write(bin(ping, { rsv: 2 })), expected: 'abrupt' },
  { name: 'RSV3 set', send: (w) => w.write(bin(ping, { rsv: 1 })), expected: 'abrupt' },
  { name: 'reserved data opcode 0x3', send: (w) => w.write(buildFrame({ opcode: 0x3, payload: ping })), expected: 'abrupt' },
  { name: 'reserved data opcode 0x7', send: (w) => w.write(buildFrame({ opcode: 0x7, payload: ping })), expected: 'abrupt' },
  { name: 'reserved control opcode 0xB', send: (w) => w.write(buildFrame({ opcode: 0xb, payload: ping })), expected: 'abrupt' },
  { name: 'reserved control opcode 0xF', send: (w) => w.write(buildFrame({ opcode: 0xf, payload: ping })), expected: 'abrupt' },
  { name: 'ping with a 126-byte payload (control frames ≤ 125)', send: (w) => w.write(buildFrame({ opcode: WsOpcode.Ping, payload: bytes(126) })), expected: 'abrupt' },
  { name: 'close with a 126-byte payload', send: (w) => w.write(buildFrame({ opcode: WsOpcode.Close, payload: bytes(126) })), expected: 'abrupt' },
  { name: 'fragmented ping (FIN=0 control frame)', send: (w) => w.write(buildFrame({ opcode: WsOpcode.Ping, payload: bytes(4), fin: false })), expected: 'abrupt' },
  { name: 'fragmented close', send: (w) => w.write(buildFrame({ opcode: WsOpcode.Close, payload: closePayload(1000), fin: false })), expected: 'abrupt' },
  { name: 'stray continuation frame', send: (w) => w.write(buildFrame({ opcode: WsOpcode.Continuation, payload: ping })), expected: 'abrupt' },
  {
    name: 'new data frame inside a fragmented message (uWS treats it as the continuation)',
    send: (w) => {
      w.write(bin(ping.subarray(0, 2), { fin: false }));
      w.write(bin(ping.subarray(2)));
    },
    expected: 'pong-and-open',
  },
  {
    name: 'fragmented binary message (legal: reassembled)',
    send: (w) => {
      w.write(bin(ping.subarray(0, 3), { fin: false }));
      w.write(buildFrame({ opcode: WsOpcode.Ping, payload: bytes(3) })); // control frames may interleave
      w.write(buildFrame({ opcode: WsOpcode.Continuation, payload: ping.subarray(3) }));
    },
    expected: 'pong-and-open',
  },
  { name: '64-bit length form for a short frame (legal, accepted)', send: (w) => w.write(bin(ping, { lengthForm: 64 })), expected: 'pong-and-open' },
  { name: 'declared length 2^63', send: (w) => w.write(bin(ping, { declaredLength: 1n << 63n })), expected: 'abrupt' },
  { name: 'declared length 2^64 − 1', send: (w) => w.write(bin(ping, { declaredLength: (1n << 64n) - 1n })), expected: 'abrupt' },
  { name: 'binary message of 4097 bytes (over --max-payload 4096)', send: (w) => w.write(bin(bytes(4097, 1))), expected: CloseCode.MessageTooBig },
  { name: 'binary message of 16384 bytes (at the uWS hard cap)', send: (w) => w.write(bin(bytes(16384, 1))), expected: CloseCode.MessageTooBig },
  { name: 'binary message of 16385 bytes (over the uWS hard cap)', send: (w) => w.write(bin(bytes(16385, 1))), expected: 'abrupt' },
  {
    name: 'fragmented message of 2 × 3000 bytes (over 4096 in total)',
    send: (w) => {
      w.write(bin(bytes(3000, 1), { fin: false }));
      w.write(buildFrame({ opcode: WsOpcode.Continuation, payload: bytes(3000, 1) }));
    },
    expected: CloseCode.MessageTooBig,
  },
  {
    name: 'fragmented message of 5 × 4000 bytes (over the uWS hard cap in total)',
    send: (w) => {
      for (let i = 0; i < 5; i++) w.write(buildFrame({ opcode: i === 0 ? WsOpcode.Binary : WsOpcode.Continuation, payload: bytes(4000, 1), fin: i === 4 }));
    },
    expected: 'abrupt',
  },
  { name: 'empty binary message', send: (w) => w.write(bin(new Uint8Array(0))), expected: CloseCode.DecodeFailed },
  { name: 'text frame where binary is expected', send: (w) => w.write(buildFrame({ opcode: WsOpcode.Text, payload: Buffer.from('{"op":"join"}') })), expected: CloseCode.UnsupportedData },
  { name: 'text frame with invalid UTF-8 (C3 28)', send: (w) => w.write(buildFrame({ opcode: WsOpcode.Text, payload: Uint8Array.of(0xc3, 0x28) })), expected: 'abrupt' },
  { name: 'text frame with a UTF-8 surrogate (ED A0 80)', send: (w) => w.write(buildFrame({ opcode: WsOpcode.Text, payload: Uint8Array.of(0xed, 0xa0, 0x80) })), expected: 'abrupt' },
  {
    name: 'unmasked client frame (uWS reads the first 4 payload bytes as the mask key; tickwire rejects the garbled message)',
    send: (w) => w.write(Buffer.concat([bin(ping, { masked: false }), bytes(4)])),
    expected: unmaskedExpected instanceof DecodeError ? unmaskedExpected.closeCode : 'pong-and-open',
  },
  { name: 'close frame 1000 from the client (echoed)', send: (w) => w.write(buildFrame({ opcode: WsOpcode.Close, payload: closePayload(1000, 'bye') })), expected: 1000 },
  { name: 'close frame with invalid code 999', send: (w) => w.write(buildFrame({ opcode: WsOpcode.Close, payload: closePayload(999) })), expected: 'close-without-code' },
  { name: 'close frame with a 1-byte payload', send: (w) => w.write(buildFrame({ opcode: WsOpcode.Close, payload: bytes(1) })), expected: 'close-without-code' },
  {
    name: 'close frame with an invalid UTF-8 reason',
    send: (w) => w.write(buildFrame({ opcode: WsOpcode.Close, payload: Buffer.concat([closePayload(1000), Uint8Array.of(0xff, 0xfe)]) })),
    expected: 'close-without-code',
  },
  {
    name: 'unsolicited pong, then a ping message (pong ignored)',
    send: (w) => {
      w.write(buildFrame({ opcode: WsOpcode.Pong, payload: bytes(3) }));
      w.write(bin(ping));
    },
    expected: 'pong-and-open',
  },
];

function matches(e: Ending, ws: RawWebSocket, expected: Expected): boolean {
  if (expected === 'abrupt') return e.kind === 'abrupt';
  if (expected === 'close-without-code') return e.kind === 'close-frame' && e.code === null;
  if (expected === 'pong-and-open') return e.kind === 'open' && ws.frames.some((f) => f.opcode === WsOpcode.Binary && f.payload[0] === Opcode.Pong);
  return e.kind === 'close-frame' && e.code === expected;
}

let server: ServerHandle;
let roomId: string;
let bystander: Bystander;
const observed: string[] = [];

beforeAll(async () => {
  server = await startLineServer({ sessionGraceMs: 0 });
  roomId = (await createRoom(server.url, { name: 'Raw frames', maxPlayers: 64 })).id;
  bystander = await Bystander.join(server.url, roomId);
  await bystander.more(3);
});

afterAll(async () => {
  bystander.close();
  await server.stop();
  // The table for PROTOCOL.md (printed, not asserted).
  console.log(`raw frame outcomes (uWS.js v20 via npm uwebsockets@3.0.6, behind tickwire):\n${observed.join('\n')}`);
});

describe('raw WebSocket frames from a joined player', () => {
  it.each(cases)('$name', async ({ send, expected, name }) => {
    const ws = await joinedRawSocket(server.port, roomId);
    const from = bystander.ticks().length;
    send(ws);
    // 'open' outcomes need the pong; everything else waits for the server to end it.
    const ending = expected === 'pong-and-open'
      ? (await ws.waitFor(() => ws.frames.some((f) => f.opcode === WsOpcode.Binary && f.payload[0] === Opcode.Pong) || ws.tcpClosed, 'pong'), await ws.ending(300))
      : await ws.ending(5000);
    observed.push(`| ${name} | ${describeEnding(ending)}${ending.kind === 'close-frame' && ending.reason ? ` "${ending.reason}"` : ''} |`);
    expect(matches(ending, ws, expected), `${name}: expected ${String(expected)}, got ${describeEnding(ending)}`).toBe(true);
    ws.destroy();
    await bystander.more(2);
    expect(bystander.gaps(from)).toEqual([]);
    expect(bystander.client.closed).toBeNull();
  });

  it('survives abrupt closes mid-frame and mid-handshake, and cleans up after them', async () => {
    const baseline = server.stats.connections;
    const from = bystander.ticks().length;
    const frame = bin(bytes(200, 1));
    const attackers: Promise<void>[] = [];
    for (let i = 0; i < 20; i++) {
      attackers.push(
        (async () => {
          // Mid-frame: a joined player sends half a frame, then the TCP connection dies.
          const ws = await joinedRawSocket(server.port, roomId, `cut${i}`);
          ws.write(frame.subarray(0, 1 + ((i * 37) % (frame.length - 1))));
          ws.destroy();
          // Mid-handshake: part of the upgrade request, then gone.
          const hs = await RawWebSocket.connect(server.port);
          hs.write(upgradeRequest(server.port).slice(0, 5 + i * 7));
          hs.destroy();
        })(),
      );
    }
    await Promise.all(attackers);
    await bystander.client.waitUntil(() => server.stats.connections === baseline, 'server-side cleanup of the cut connections');
    await bystander.more(3);
    expect(bystander.gaps(from)).toEqual([]);
    expect((await fetch(`${server.url}/healthz`)).status).toBe(200);
    // Every seat taken by a cut player was given back (session grace 0 here).
    expect(server.host.directory.byId(roomId)!.playerCount).toBe(1);
  });

  it('kept the bystander’s snapshots consecutive through every case', () => {
    expect(bystander.gaps()).toEqual([]);
    expect(bystander.ticks().length).toBeGreaterThan(cases.length * 2);
  });
});
