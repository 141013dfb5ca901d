/**
 * GameSession hands the game's logic every server message it does not handle
 * itself (GameLogic.onMessage), against a fake node (the `ws` server speaking
 * real tickwire frames): a Welcome for an SDK-only test game, then a Pong
 * (the session's own) and a Rank (a game's stream the SDK has no use for).
 */
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import WebSocket, { WebSocketServer } from 'ws';
import { Opcode, PROTOCOL_VERSION, SUBPROTOCOL } from '../../../../shared/protocol/constants';
import { decodeClientFrame, encodeServerMessage, type ServerMessage } from '../../../../shared/protocol/frameCodec';
import { describeGame, descriptorHash, type GameDescriptorBody } from '../../../../shared/protocol/gameDescriptor';
import type { WelcomeBody } from '../../../../shared/protocol/messages';
import type { GameLogic } from '../gameModule';
import { PERFECT_LINK } from '../net/networkSimulator';
import { testClientGame, testGameDefinition } from '../testing/testGame';
import { GameCatalog } from './gameCatalog';
import { GameSession } from './gameSession';

beforeAll(() => vi.stubGlobal('WebSocket', WebSocket));
const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

function welcomeOf(name: string): WelcomeBody {
  const game = describeGame(testGameDefinition(name));
  return {
    v: PROTOCOL_VERSION,
    playerId: 7,
    roomId: 'r1',
    roomName: 'Probe 1',
    game: game as GameDescriptorBody,
    gameHash: descriptorHash(game),
    seed: 1,
    tickRate: 60,
    snapshotRate: 20,
    serverTick: 0,
    maxPlayers: 4,
    resume: 'a'.repeat(43),
    resumed: false,
    maxInputRate: 200,
    players: [{ id: 7, name: 'me' }],
  };
}

/** A node that welcomes the joiner into `name`, then sends `after`. */
async function fakeNode(name: string, after: Uint8Array[]): Promise<string> {
  const wss = new WebSocketServer({ port: 0, host: '127.0.0.1', handleProtocols: (p) => (p.has(SUBPROTOCOL) ? SUBPROTOCOL : false) });
  await new Promise((r) => wss.once('listening', r));
  cleanups.push(
    () =>
      new Promise<void>((r) => {
        for (const ws of wss.clients) ws.terminate();
        wss.close(() => r());
      }),
  );
  wss.on('connection', (ws) => {
    ws.on('message', (data: Buffer) => {
      const msg = decodeClientFrame(new Uint8Array(data));
      if (!('op' in msg) || msg.op !== Opcode.Join) return;
      ws.send(encodeServerMessage({ op: Opcode.Welcome, body: welcomeOf(name) }));
      for (const frame of after) ws.send(frame);
    });
  });
  return `http://127.0.0.1:${(wss.address() as { port: number }).port}`;
}

describe('GameSession → GameLogic.onMessage', () => {
  it('passes a message the SDK does not handle to the game logic, and keeps its own', async () => {
    const received: { msg: ServerMessage; nowMs: number }[] = [];
    const logic: GameLogic<null, null, null> = {
      lerp: { layout: undefined as never, kinds: {} },
      prediction: null,
      input: () => ({ dir: 0 }),
      onEvent: () => undefined,
      view: () => null,
      onMessage: (msg, nowMs) => received.push({ msg, nowMs }),
    };
    const module = { ...testClientGame('probe'), createLogic: () => logic };
    const place = { r: 2, s: 30 };
    const baseUrl = await fakeNode('probe', [
      encodeServerMessage({ op: Opcode.Pong, body: { t: 0, s: 0, k: 1 } }),
      encodeServerMessage({ op: Opcode.Rank, body: place }),
    ]);
    const session = new GameSession({
      baseUrl,
      name: 'me',
      target: { kind: 'quick', game: 'probe' },
      conditions: { up: PERFECT_LINK, down: PERFECT_LINK },
      games: new GameCatalog([module]),
      controls: () => null,
      onPhase: () => undefined,
      now: () => 1234,
    });
    cleanups.push(() => session.leave());
    session.start();
    await vi.waitFor(() => expect([received.length, session.lastClose]).toEqual([1, null]), { timeout: 5000 });
    expect(session.phase.kind).toBe('playing');
    expect(received[0]).toEqual({ msg: { op: Opcode.Rank, body: place }, nowMs: 1234 });
  });
});
