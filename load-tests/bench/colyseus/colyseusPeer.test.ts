import { Client, type Room } from '@colyseus/sdk';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ArenaButton } from '../../../shared/game/arena';
import { sanitizeArenaInput } from './arenaInput';
import { node22Binary, NODE22_ENV, Node22MissingError } from './node22Binary';
import { spawnColyseus, type SpawnedColyseus } from './spawnColyseus';

describe('sanitizeArenaInput', () => {
  it('masks flags, wraps the aim and turns NaN into the minimum', () => {
    const f = { buttons: 0xff, aim: 1025 };
    sanitizeArenaInput(f);
    expect(f).toEqual({ buttons: 0x1f, aim: 1 });
    const g = { buttons: Number.NaN, aim: -1 };
    sanitizeArenaInput(g);
    expect(g).toEqual({ buttons: 0, aim: 1023 });
  });
});

describe('node22Binary', () => {
  const saved = process.env[NODE22_ENV];
  afterAll(() => {
    if (saved === undefined) delete process.env[NODE22_ENV];
    else process.env[NODE22_ENV] = saved;
  });

  it('refuses a binary older than Node 22 and a path that does not exist', () => {
    process.env[NODE22_ENV] = process.execPath;
    if (Number(process.versions.node.split('.')[0]) < 22) expect(() => node22Binary()).toThrow(Node22MissingError);
    process.env[NODE22_ENV] = '/nonexistent/node22';
    expect(() => node22Binary()).toThrow(/does not exist/);
  });
});

function node22Available(): boolean {
  try {
    node22Binary();
    return true;
  } catch (err) {
    if (err instanceof Node22MissingError) return false;
    throw err;
  }
}

/** Polls `cond` every 20 ms until it holds (or the test times out). */
async function until(cond: () => boolean): Promise<void> {
  while (!cond()) await new Promise((r) => setTimeout(r, 20));
}

interface ArenaView {
  entities: { get(key: string): Record<string, number> | undefined };
}

describe.skipIf(!node22Available())('the Colyseus 0.18 arena room under Node 22', () => {
  let server: SpawnedColyseus;
  let room: Room;

  beforeAll(async () => {
    server = await spawnColyseus(10, 0);
    room = await new Client(server.wsUrl.replace(/^ws/, 'http')).joinOrCreate('arena', {});
  });
  afterAll(async () => {
    await room?.leave(true);
    await server?.stop();
  });

  it('runs on Node 22 with Colyseus 0.18', () => {
    expect(server.nodeVersion).toMatch(/^v22\./);
    expect(server.coreVersion).toMatch(/^0\.18\./);
  });

  it('applies typed inputs to the shared arena and acks each one in its state frames', async () => {
    let playerId = 0;
    room.onMessage('welcome', (m: { playerId: number }) => (playerId = m.playerId));
    const input = room.input({ mode: 'reliable' });
    const state = () => room.state as ArenaView;
    await until(() => playerId > 0 && state().entities.get(String(playerId)) !== undefined);
    const x0 = state().entities.get(String(playerId))!.x;
    const data = input.data as Record<string, number>;
    let seq = 0;
    for (let i = 0; i < 30; i++) {
      data.buttons = ArenaButton.Right;
      data.aim = 0;
      seq = input.send();
      await new Promise((r) => setTimeout(r, 1000 / 60));
    }
    expect(seq).toBe(30);
    // Every input is consumed by one fixed step and acked (the SDK's lastProcessed).
    await until(() => input.lastProcessed >= seq);
    expect(state().entities.get(String(playerId))!.x).toBeGreaterThan(x0);
  });
});
