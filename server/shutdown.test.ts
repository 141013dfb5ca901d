/** Graceful shutdown, in process: readiness fails before the listen socket closes; clients get 1012. */
import { describe, expect, it } from 'vitest';
import { CloseCode } from '../shared/protocol/constants';
import { createLogger } from './logger';
import { startServer } from './startServer';
import { lineGame } from '../tests/support/lineGame';
import { TestClient } from '../tests/support/testClient';

describe('graceful shutdown', () => {
  it('answers readyz 503 and refuses upgrades while draining, closes clients with 1012, then stops listening', async () => {
    const server = await startServer(
      { port: 0, host: '127.0.0.1', logLevel: 'silent', drainGraceMs: 3000 },
      { games: [lineGame], log: createLogger('silent') },
    );
    const player = await TestClient.connect(server.url, { query: 'quick=1' });
    await player.join('p');
    expect((await fetch(`${server.url}/readyz`)).status).toBe(200);

    const stopped = server.stop();
    expect((await player.closedWith()).code).toBe(CloseCode.ServiceRestart);
    const readyz = await fetch(`${server.url}/readyz`);
    expect(readyz.status).toBe(503);
    expect(await readyz.text()).toBe('draining\n');
    const refused = await TestClient.open(server.url);
    expect(refused).toMatchObject({ status: 503 });
    expect((await fetch(`${server.url}/healthz`)).status).toBe(200);

    await stopped;
    await expect(fetch(`${server.url}/healthz`)).rejects.toThrow();
    expect(server.stats.closesByCode.get(CloseCode.ServiceRestart)).toBe(1);
  });
});
