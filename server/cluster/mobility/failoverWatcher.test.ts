/**
 * FailoverWatcher's verdict on a holder, with a fake store: a presence key
 * missing on one poll (a late heartbeat under load) must not orphan the
 * holder's rooms; missing on polls a heartbeat apart does.
 */
import { describe, expect, it, vi } from 'vitest';
import type { Logger } from '../../logger';
import type { RoomHost } from '../../rooms/roomHost';
import type { CheckpointScheduler } from './checkpointScheduler';
import { FailoverWatcher } from './failoverWatcher';
import type { MobilityStore } from './mobilityStore';
import type { NodePresence } from './nodePresence';

const silent = { info() {}, warn() {}, debug() {}, error() {} } as unknown as Logger;

function presence(nodeId: string): NodePresence {
  return { nodeId, url: `http://${nodeId}.test`, startedAtMs: 0, rooms: 1, players: 1, draining: false };
}

/** Room r1 checkpointed by node b; `bPresent` says whether b's presence key exists at the next read. */
function fakeStore(): MobilityStore & { bPresent: boolean; claim: ReturnType<typeof vi.fn> } {
  const store = {
    bPresent: true,
    holders: async () => new Map([['r1', 'b']]),
    presenceOf: async (ids: readonly string[]) => ids.map((id) => (id === 'b' && store.bPresent ? presence('b') : null)),
    // Claimed, then no checkpoint to restore: the watcher's verdict is what is under test.
    claim: vi.fn(async () => true),
    getCheckpoint: async () => null,
    dropCheckpoint: async () => {},
    setHolder: async () => {},
    putCheckpoint: async () => {},
    liveNodes: async () => [],
    publish: async () => {},
  };
  return store;
}

describe('FailoverWatcher', () => {
  it('a holder missing on one poll is suspect; its rooms are claimed only when it is still missing a heartbeat later', async () => {
    let now = 0;
    const store = fakeStore();
    const host = { directory: { byId: () => undefined } } as unknown as RoomHost;
    const watcher = new FailoverWatcher(
      { host, store, scheduler: {} as CheckpointScheduler, now: () => now, log: silent },
      { nodeId: 'a', pollMs: 1000, graceMs: 1000, claimTtlMs: 10_000 },
    );
    await watcher.poll();
    // One late heartbeat: the key is missing at this poll, back at the next.
    store.bPresent = false;
    now = 1000;
    await watcher.poll();
    expect(store.claim).not.toHaveBeenCalled();
    store.bPresent = true;
    now = 2000;
    await watcher.poll();
    // b dies: suspect at the first poll, dead at the next (a heartbeat later).
    store.bPresent = false;
    now = 3000;
    await watcher.poll();
    expect(store.claim).not.toHaveBeenCalled();
    now = 4000;
    await watcher.poll();
    expect(store.claim).toHaveBeenCalledWith('r1', 'a', 10_000);
    expect(watcher.stats.failedRestores).toBe(1); // no checkpoint in this fake
  });
});
