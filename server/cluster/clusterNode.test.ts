/**
 * ClusterNode against the in-memory store (same semantics as Redis, expiry on
 * an injected clock): liveness from presence, routing answers, quick-play
 * placement, and the resync after the store fails.
 */
import { describe, expect, it } from 'vitest';
import type { Logger } from '../logger';
import type { Room } from '../rooms/room';
import type { SessionRecord } from '../sessions/sessionStore';
import { ClusterNode } from './clusterNode';
import { ClusterStats } from './clusterStats';
import { ClusterUnavailableError, type ClusterStore } from './clusterStore';
import { MemoryClusterStore } from './memoryClusterStore';

const silent = { info() {}, warn() {}, debug() {}, error() {} } as unknown as Logger;

/** Just what ClusterNode reads of a Room. */
function fakeRoom(id: string, players: number, opts: { code?: string; game?: string; maxPlayers?: number } = {}): Room {
  return { id, name: id, code: opts.code ?? null, playerCount: players, maxPlayers: opts.maxPlayers ?? 10, game: { name: opts.game ?? 'arena' }, phase: 'running' } as unknown as Room;
}

function node(store: ClusterStore, id: string, rooms: Room[], sessions: SessionRecord[] = [], nowMs: () => number = () => 0): ClusterNode {
  return new ClusterNode({
    nodeId: id, publicUrl: `http://${id}.test`, heartbeatMs: 1000, store, stats: new ClusterStats(), log: silent,
    localRooms: () => rooms, localSessions: () => sessions, isDraining: () => false, nowMs,
  });
}

/** A store whose presence read misses node `hidden` while `misses` > 0 (one late heartbeat, as Redis would show it). */
function missingPresence(inner: MemoryClusterStore): ClusterStore & { hide(id: string, misses: number): void } {
  let hidden = '';
  let misses = 0;
  return Object.assign(Object.create(inner) as MemoryClusterStore, {
    hide(id: string, n: number) {
      hidden = id;
      misses = n;
    },
    async liveNodes() {
      const nodes = await inner.liveNodes();
      if (misses === 0) return nodes;
      misses--;
      return nodes.filter((n) => n.nodeId !== hidden);
    },
  });
}

/** A store that fails every call while `down` is set. */
function flaky(inner: ClusterStore): ClusterStore & { down: boolean } {
  const s = { down: false } as ClusterStore & { down: boolean };
  for (const key of Object.getOwnPropertyNames(MemoryClusterStore.prototype) as (keyof ClusterStore)[]) {
    if (key === ('constructor' as keyof ClusterStore)) continue;
    (s as unknown as Record<string, unknown>)[key] = (...args: unknown[]) =>
      s.down ? Promise.reject(new Error('store down')) : (inner[key] as (...a: unknown[]) => Promise<unknown>).apply(inner, args);
  }
  return s;
}

describe('ClusterNode', () => {
  it('locates rooms, codes and sessions on live nodes only', async () => {
    let now = 0;
    const store = new MemoryClusterStore(() => now);
    const a = node(store, 'a', [fakeRoom('r1', 2, { code: 'CODE' })], [{ token: 't1', roomId: 'r1', playerId: 7 }], () => now);
    const b = node(store, 'b', [], [], () => now);
    await a.heartbeat();
    await b.heartbeat();
    expect(await b.locateRoom('r1')).toEqual({ nodeId: 'a', url: 'http://a.test', roomId: 'r1' });
    expect(await b.locateCode('CODE')).toEqual({ nodeId: 'a', url: 'http://a.test', roomId: 'r1' });
    expect(await b.locateSession('t1')).toEqual({ nodeId: 'a', url: 'http://a.test', roomId: 'r1' });
    expect(await b.locateRoom('nope')).toBeNull();
    // A's presence expires (3 heartbeats without renewal): suspect on the first read, dead a heartbeat later;
    // then its room is no longer routable, but known as lost.
    now = 3001;
    await b.heartbeat();
    expect(b.liveNodeCount).toBe(2);
    now = 4001;
    await b.heartbeat();
    expect(b.liveNodeCount).toBe(1);
    expect(await b.locateRoom('r1')).toBeNull();
    expect(await b.isRegisteredElsewhere({ id: 'r1' })).toBe(true);
    expect(await b.isRegisteredElsewhere({ id: 'nope' })).toBe(false);
  });

  it('a holder whose presence is missing on one read (or one late heartbeat) is still routed to; dead only when missing a heartbeat later', async () => {
    let now = 0;
    const inner = new MemoryClusterStore(() => now);
    const store = missingPresence(inner);
    const b = node(store, 'b', [fakeRoom('onB', 1)], [], () => now);
    const a = node(store, 'a', [], [], () => now);
    await b.heartbeat();
    await a.heartbeat();
    const onB = { nodeId: 'b', url: 'http://b.test', roomId: 'onB' };
    // One read misses b (a read that raced its renewal): still b's, not 4107.
    store.hide('b', 1);
    now = 500;
    await a.heartbeat();
    expect(await a.locateRoom('onB')).toEqual(onB);
    expect(await a.isRegisteredElsewhere({ id: 'onB' })).toBe(false);
    now = 1000;
    await a.heartbeat(); // b present again
    // b's heartbeat comes late: its key (TTL 3 heartbeats) expires before the renewal. Suspect, still b's.
    now = 3100;
    await a.heartbeat();
    expect(await a.locateRoom('onB')).toEqual(onB);
    expect(await a.isRegisteredElsewhere({ id: 'onB' })).toBe(false);
    now = 3200;
    await b.heartbeat(); // the late renewal
    now = 3500;
    await a.heartbeat();
    // b really stops: its key expires at 6200; suspect on the first read after, dead a heartbeat later.
    now = 6300;
    await a.heartbeat();
    expect(await a.locateRoom('onB')).toEqual(onB);
    now = 7300;
    await a.heartbeat();
    expect(await a.locateRoom('onB')).toBeNull();
    expect(await a.isRegisteredElsewhere({ id: 'onB' })).toBe(true);
  });

  it('a holder newer than this node\'s last heartbeat is read again, not declared lost', async () => {
    const store = new MemoryClusterStore(() => 0);
    const a = node(store, 'a', []);
    await a.heartbeat(); // a's view: only a
    const b = node(store, 'b', [fakeRoom('onB', 1)]);
    await b.heartbeat();
    expect(await a.isRegisteredElsewhere({ id: 'onB' })).toBe(false);
    expect(await a.locateRoom('onB')).toEqual({ nodeId: 'b', url: 'http://b.test', roomId: 'onB' });
  });

  it('quick play picks the fullest room with a seat, counts its own routings, and spares a busier node', async () => {
    const store = new MemoryClusterStore();
    const aRooms = [fakeRoom('full', 10), fakeRoom('eight', 8), fakeRoom('cells', 9, { game: 'cells' })];
    const a = node(store, 'a', aRooms);
    const bRooms: Room[] = [fakeRoom('b1', 9)];
    const b = node(store, 'b', bRooms);
    await a.heartbeat();
    await b.heartbeat();
    // B's own room (9 of 10) beats A's 8 of 10 ... and A is not a room's worth busier than B (27 vs 9).
    expect((await b.pickQuickPlay('arena'))?.roomId).toBe('b1');
    const c = node(store, 'c', []);
    await c.heartbeat();
    // From C (0 players): A holds 27 players, more than 0 + 10 → skipped; B (9) qualifies.
    expect((await c.pickQuickPlay('arena'))?.roomId).toBe('b1');
    // C routed one player to b1 (now 10 of 10 as far as C knows): nothing left for C → it opens a room.
    expect(await c.pickQuickPlay('arena')).toBeNull();
    // A refresh (heartbeat) forgets the estimate and trusts the store again.
    await c.heartbeat();
    expect((await c.pickQuickPlay('arena'))?.roomId).toBe('b1');
  });

  it('a failed store read is a ClusterUnavailableError; the next good heartbeat resyncs rooms and sessions', async () => {
    const inner = new MemoryClusterStore();
    const store = flaky(inner);
    const sessions: SessionRecord[] = [];
    const stats = new ClusterStats();
    const a = new ClusterNode({
      nodeId: 'a', publicUrl: 'http://a.test', heartbeatMs: 1000, store, stats, log: silent,
      localRooms: () => [fakeRoom('r1', 1)], localSessions: () => sessions, isDraining: () => false,
    });
    await a.heartbeat();
    expect(stats.resyncs).toBe(1);
    store.down = true;
    await expect(a.locateRoom('r1')).rejects.toBeInstanceOf(ClusterUnavailableError);
    sessions.push({ token: 'late', roomId: 'r1', playerId: 3 });
    a.sessionIssued(sessions[0]); // written while the store is down: lost
    await a.heartbeat();
    expect(stats.storeErrors).toBeGreaterThanOrEqual(2);
    expect(await inner.findSession('late')).toBeNull();
    store.down = false;
    await a.heartbeat();
    expect(stats.resyncs).toBe(2);
    expect(await inner.findSession('late')).toEqual({ roomId: 'r1', playerId: 3 });
  });
});
