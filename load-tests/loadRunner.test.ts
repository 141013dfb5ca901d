/**
 * The load tool against a real server on port 0: it counts correctly, stops
 * by itself, and reports a server that dies mid-run instead of hanging.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { startServer, type ServerHandle } from '../server/startServer';
import { lineGame } from '../tests/support/lineGame';
import { defaultOptions, type LoadOptions, type Scenario } from './cliOptions';
import { runLoad } from './loadRunner';
import { spawnTickwire, type SpawnedServer } from './target/spawnProcess';

let server: ServerHandle | null = null;
let child: SpawnedServer | null = null;

afterEach(async () => {
  await server?.stop();
  server = null;
  await child?.stop();
  child = null;
});

function options(scenario: Scenario, over: Partial<LoadOptions>): LoadOptions {
  return { ...defaultOptions(scenario), workers: 1, ...over };
}

const inProcessTarget = (s: ServerHandle) => ({ url: s.url, spawned: false, pinning: 'in-process', pid: null });

describe('load runs against a live server', () => {
  it('play: inputs sent = acknowledged + in flight, and the run stops by itself', async () => {
    server = await startServer({ port: 0, host: '127.0.0.1', logLevel: 'silent' });
    const o = options('play', { clients: 4, rooms: 2, durationSec: 3, workers: 2 });
    const r = await runLoad(o, { progress: false, target: inProcessTarget(server) });
    expect(r.notes).toEqual([]); // no worker errors, none terminated for missing its deadline
    expect(r.figures['bots welcomed']).toBe(4);
    const sent = r.counters.inputsSent;
    expect(sent).toBeGreaterThan(0);
    expect(sent).toBe(r.counters.inputsAcked + r.counters.inputsInFlight);
    expect(r.latency['input→ack RTT'].count).toBe(r.counters.inputsAcked);
    expect(r.disconnects).toEqual({});
    expect(r.failures).toEqual({});
    // Bounded: the timeline never runs past the duration (+ the closing second).
    expect(r.timeline.length).toBeLessThanOrEqual(o.durationSec + 1);
    expect(r.server?.players).not.toBeNull();
  });

  it('play with the built-in fast client: same counting invariant, no decode errors', async () => {
    server = await startServer({ port: 0, host: '127.0.0.1', logLevel: 'silent' });
    const r = await runLoad(options('play', { clients: 3, rooms: 1, durationSec: 3, fastClient: true }), {
      progress: false,
      target: inProcessTarget(server),
    });
    expect(r.figures['bots welcomed']).toBe(3);
    expect(r.counters.inputsSent).toBeGreaterThan(0);
    expect(r.counters.inputsSent).toBe(r.counters.inputsAcked + r.counters.inputsInFlight);
    expect(r.figures['decode errors']).toBe(0);
    expect(r.counters.snapshotsWithoutBaseline ?? 0).toBe(0);
    expect(r.disconnects).toEqual({});
  });

  it('play --lean: the server takes the lean bots\' Inputs (acknowledged, nobody closed), the SDK schedule, the verifiers decode cleanly', async () => {
    server = await startServer({ port: 0, host: '127.0.0.1', logLevel: 'silent' });
    // 51 bots: bots 0 and 50 are snapshot-applying verifiers (1 in 50), the rest lean.
    const o = options('play', { clients: 51, rooms: 3, durationSec: 4, lean: true });
    const r = await runLoad(o, { progress: false, target: inProcessTarget(server) });
    const c = r.counters;
    expect(r.notes.filter((n) => !n.startsWith('GENERATOR SATURATED'))).toEqual([]);
    expect(r.figures['bots welcomed']).toBe(51);
    expect(c.inputsSent).toBeGreaterThan(0);
    expect(c.inputsSent).toBe(c.inputsAcked + c.inputsInFlight);
    expect(c.inputsAcked).toBeGreaterThan(c.inputsSent / 2);
    expect(c.inputsNeverSent ?? 0).toBe(0);
    // The SDK's schedule: at least one message per 3 frames, well under one per 2.
    expect(c.inputMessages).toBeGreaterThanOrEqual(c.inputsSent / 3 - 51);
    expect(c.inputMessages).toBeLessThan(c.inputsSent / 2);
    expect(c.inputWireBytes).toBe(c.inputBytes + 6 * c.inputMessages);
    expect(c.snapshots).toBeGreaterThan(0);
    expect(r.figures['decode errors']).toBe(0);
    expect(c.snapshotsWithoutBaseline ?? 0).toBe(0);
    expect(r.figures.bots).toMatch(/lean/);
    expect(r.disconnects).toEqual({});
    expect(r.failures).toEqual({});
  }, 60_000);

  it('play at 3 ticks per message with 5 % of messages dropped: about a third of the messages, no frame lost on the way', async () => {
    server = await startServer({ port: 0, host: '127.0.0.1', logLevel: 'silent' });
    const o = options('play', { clients: 4, rooms: 1, durationSec: 3, ticksPerMessage: 3, uplinkLossPercent: 5 });
    const r = await runLoad(o, { progress: false, target: inProcessTarget(server) });
    const c = r.counters;
    expect(r.figures['bots welcomed']).toBe(4);
    expect(c.inputsSent).toBe(c.inputsAcked + c.inputsInFlight);
    // One message per 3 frames (sent or dropped), plus one at each button change (sent at once),
    // give or take each bot's unfinished batch: at least a third, well under a half.
    const messages = c.inputMessages + (c.inputMessagesDropped ?? 0);
    expect(messages).toBeGreaterThanOrEqual(c.inputsSent / 3 - 4);
    expect(messages).toBeLessThan(c.inputsSent / 2);
    expect(c.inputMessagesDropped ?? 0).toBeGreaterThan(0);
    // Redundancy: every frame is carried by some message that was written.
    expect(c.inputsNeverSent ?? 0).toBe(0);
    // Wire bytes: 2-byte header + 4-byte mask on every (small) client frame.
    expect(c.inputWireBytes).toBe(c.inputBytes + 6 * c.inputMessages);
    expect(r.figures['decode errors']).toBe(0);
    expect(r.disconnects).toEqual({});
  });

  it('play --game drives a game the bots have no pattern for, from the input schema its Welcome declares', async () => {
    server = await startServer({ port: 0, host: '127.0.0.1', logLevel: 'silent' }, { games: [lineGame] });
    const r = await runLoad(options('play', { clients: 3, rooms: 1, durationSec: 2, game: 'line' }), { progress: false, target: inProcessTarget(server) });
    expect(r.figures['bots welcomed']).toBe(3);
    expect(r.counters.inputsSent).toBeGreaterThan(0);
    expect(r.counters.inputsSent).toBe(r.counters.inputsAcked + r.counters.inputsInFlight);
    expect(r.figures['decode errors']).toBe(0);
    expect(r.failures).toEqual({});
  });

  it('play --game bigcells --rooms 1 seats more bots than a client may create a room for (> 255) in one room', async () => {
    server = await startServer({ port: 0, host: '127.0.0.1', logLevel: 'silent', replays: false });
    const clients = 300;
    const playersPerRoom: number[][] = [];
    const r = await runLoad(options('play', { clients, rooms: 1, durationSec: 5, game: 'bigcells', light: true, fastClient: true }), {
      progress: false,
      target: inProcessTarget(server),
      onReport: (c) => {
        if (c.counter('welcomed') === clients && playersPerRoom.length === 0) playersPerRoom.push([...server!.host.directory.all()].map((room) => room.playerCount));
      },
    });
    expect(r.failures).toEqual({});
    expect(r.figures['bots welcomed']).toBe(clients);
    expect(playersPerRoom).toEqual([[clients]]);
    expect(r.figures.rooms).toMatch(/quick play/);
    expect(r.counters.inputsSent).toBe(r.counters.inputsAcked + r.counters.inputsInFlight);
    expect(r.figures['decode errors']).toBe(0);
  }, 60_000);

  it('throughput: pings sent = answered + in flight', async () => {
    server = await startServer({ port: 0, host: '127.0.0.1', logLevel: 'silent', maxMessageRate: 100_000 });
    const r = await runLoad(options('throughput', { clients: 3, pipeline: 4, durationSec: 2 }), {
      progress: false,
      target: inProcessTarget(server),
    });
    expect(r.counters.pongs).toBeGreaterThan(0);
    expect(r.counters.pingsSent).toBe(r.counters.pongs + r.counters.pingsInFlight);
    expect(r.latency['ping→pong RTT'].count).toBe(r.counters.pongs);
  });

  it('connect: every connection is welcomed or failed with a reason', async () => {
    server = await startServer({ port: 0, host: '127.0.0.1', logLevel: 'silent' });
    const r = await runLoad(options('connect', { clients: 12, rate: 200, durationSec: 5 }), {
      progress: false,
      target: inProcessTarget(server),
    });
    const failed = Object.values(r.failures).reduce((a, b) => a + b, 0);
    expect(r.figures.welcomed as number).toBe(12 - failed);
    expect(r.latency['time to welcome'].count).toBe(r.figures.welcomed);
  });

  it('connect with the built-in fast client: every connection welcomed, none failed', async () => {
    server = await startServer({ port: 0, host: '127.0.0.1', logLevel: 'silent' });
    const r = await runLoad(options('connect', { clients: 15, rate: 300, durationSec: 5, fastClient: true }), {
      progress: false,
      target: inProcessTarget(server),
    });
    expect(r.failures).toEqual({});
    expect(r.figures.welcomed).toBe(15);
    expect(r.latency['time to welcome'].count).toBe(15);
  });

  it('http: autocannon against /api/rooms and /healthz, all 2xx', async () => {
    server = await startServer({ port: 0, host: '127.0.0.1', logLevel: 'silent' });
    const r = await runLoad(options('http', { clients: 2, durationSec: 1 }), { progress: false, target: inProcessTarget(server) });
    expect(r.figures['requests total'] as number).toBeGreaterThan(0);
    expect(r.figures['non-2xx']).toBe(0);
    expect(r.autocannonTable).toMatch(/Latency/);
  });

  it('a server killed mid-run ends the run with disconnects by code 1006, not a hang', async () => {
    // `node --import tsx server/main.ts --port 0` rather than `npx tsx …`: tsx's CLI runs the
    // server in a grandchild process, so SIGKILL to the PID we hold would leave the server alive.
    child = await spawnTickwire();
    const pid = child.pid;
    const clients = 3;
    let killed = false;
    const r = await runLoad(options('play', { clients, rooms: 1, durationSec: 60 }), {
      progress: false,
      target: { url: child.url, spawned: true, pinning: child.pinning, pid },
      onReport: (c) => {
        if (!killed && c.counter('snapshots') >= clients * 3) {
          killed = true;
          process.kill(pid, 'SIGKILL');
        }
      },
    });
    expect(killed).toBe(true);
    expect(r.disconnects).toEqual({ '1006': clients });
    expect(r.elapsedSec).toBeLessThan(60);
    expect(r.server).toBeNull(); // nothing left to scrape
    expect(r.counters.inputsSent).toBe(r.counters.inputsAcked + r.counters.inputsInFlight);
  }, 90_000);
});
