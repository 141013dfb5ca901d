/** uWS would share a busy port with another uWS server (SO_REUSEPORT); tickwire must refuse instead. */
import { expect, it } from 'vitest';
import { createLogger } from './logger';
import { startServer } from './startServer';
import { lineGame } from '../tests/support/lineGame';

it('a second server on the same port fails to start instead of splitting the traffic', async () => {
  const log = createLogger('silent');
  const first = await startServer({ port: 0, host: '127.0.0.1', drainGraceMs: 0 }, { games: [lineGame], log });
  try {
    await expect(startServer({ port: first.port, host: '127.0.0.1' }, { games: [lineGame], log })).rejects.toThrow(
      `port ${first.port} on 127.0.0.1 is already in use`,
    );
  } finally {
    await first.stop();
  }
  // Once stopped, the port is free again for a successor in the same process.
  const second = await startServer({ port: first.port, host: '127.0.0.1', drainGraceMs: 0 }, { games: [lineGame], log });
  await second.stop();
});
