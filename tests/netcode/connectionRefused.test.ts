/**
 * The SDK's Connection under Node's `ws` (the headless netcode harness): a
 * refused handshake must become a close the session can decide on, not an
 * uncaught 'error' event that ends the process.
 */
import { createServer } from 'node:net';
import { afterEach, describe, expect, it, vi } from 'vitest';
import WebSocket from 'ws';
import { Connection, type CloseInfo } from '../../client/src/sdk/net/connection';
import { NetStats } from '../../client/src/sdk/net/netStats';
import { PERFECT_LINK } from '../../client/src/sdk/net/networkSimulator';
import { DecodeError } from '../../shared/protocol/decodeError';

/** A port nothing listens on: bind one, then close it. */
async function deadPort(): Promise<number> {
  const srv = createServer();
  await new Promise<void>((r) => srv.listen(0, '127.0.0.1', () => r()));
  const port = (srv.address() as { port: number }).port;
  await new Promise<void>((r) => srv.close(() => r()));
  return port;
}

describe('Connection on a refused handshake (Node)', () => {
  afterEach(() => vi.unstubAllGlobals());

  it('reports a close, never an uncaught error', async () => {
    vi.stubGlobal('WebSocket', WebSocket);
    const port = await deadPort();
    const closed = new Promise<CloseInfo>((resolve) => {
      const conn = new Connection(
        `ws://127.0.0.1:${port}/ws`,
        () => new DecodeError(4000, 'unused'),
        { up: PERFECT_LINK, down: PERFECT_LINK },
        new NetStats(),
        { onOpen: () => undefined, onMessage: () => undefined, onClose: (info) => resolve(info) },
      );
      expect(conn.isOpen).toBe(false);
    });
    const info = await closed;
    expect(info.opened).toBe(false);
    expect(info.code).toBe(1006);
  });
});
