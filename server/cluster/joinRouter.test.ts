/**
 * JoinRouter against the in-memory store: a room created a moment ago on
 * another node, whose directory write (fire-and-forget) has not landed at the
 * first read, is found on a second read and the Join is Moved there — not
 * refused as unknown (4100).
 */
import { describe, expect, it } from 'vitest';
import { Opcode } from '../../shared/protocol/constants';
import { decodeServerFrame } from '../../shared/protocol/frameCodec';
import type { Logger } from '../logger';
import type { Room } from '../rooms/room';
import type { RoomHost } from '../rooms/roomHost';
import { ClusterNode } from './clusterNode';
import { ClusterStats } from './clusterStats';
import type { ClusterRoom } from './clusterStore';
import { JoinRouter, type RoutedConnection } from './joinRouter';
import { MemoryClusterStore } from './memoryClusterStore';

const silent = { info() {}, warn() {}, debug() {}, error() {} } as unknown as Logger;

/** A store whose room reads miss while `lagging` reads remain (a write still on its way). */
class LaggingStore extends MemoryClusterStore {
  lagging = 0;
  override async roomById(id: string): Promise<ClusterRoom | null> {
    if (this.lagging > 0) {
      this.lagging--;
      return null;
    }
    return super.roomById(id);
  }
}

function clusterNode(store: MemoryClusterStore, id: string, rooms: Room[]): ClusterNode {
  return new ClusterNode({
    nodeId: id, publicUrl: `http://${id}.test`, heartbeatMs: 1000, store, stats: new ClusterStats(), log: silent,
    localRooms: () => rooms, localSessions: () => [], isDraining: () => false, nowMs: () => 0,
  });
}

/** Just what the router reads of this node's own host: it holds no rooms and no sessions. */
const emptyHost = {
  sessions: { find: () => undefined },
  directory: { byId: () => undefined, byCode: () => undefined, findQuickPlay: () => undefined },
  games: { default: { game: { name: 'arena' } } },
} as unknown as RoomHost;

function connection() {
  const out = { sent: [] as Uint8Array[], closed: null as number | null, joinedLocally: false, guesses: 0 };
  const conn: RoutedConnection = {
    connId: 1,
    isOpen: () => out.closed === null,
    send: (bytes) => void out.sent.push(bytes),
    close: (code) => void (out.closed = code),
    joinLocally: () => void (out.joinedLocally = true),
    recordFailedGuess: () => void out.guesses++,
  };
  return { conn, out };
}

async function settle(out: { closed: number | null; joinedLocally: boolean }): Promise<void> {
  for (let i = 0; i < 200 && out.closed === null && !out.joinedLocally; i++) await new Promise((r) => setTimeout(r, 1));
}

describe('JoinRouter', () => {
  it('reads the store again before calling a room unknown: a just-created room elsewhere is Moved to, not refused', async () => {
    const store = new LaggingStore();
    const held = { id: 'r1', name: 'r1', code: null, playerCount: 0, maxPlayers: 10, game: { name: 'arena' }, phase: 'created' } as unknown as Room;
    const a = clusterNode(store, 'a', []);
    const b = clusterNode(store, 'b', [held]);
    await b.heartbeat();
    await a.heartbeat();
    store.lagging = 1;
    const router = new JoinRouter(a, emptyHost, new ClusterStats(), silent, 0);
    const { conn, out } = connection();
    expect(router.intercept(conn, { name: 'late', room: 'r1' })).toBe(true);
    await settle(out);
    expect(out.joinedLocally).toBe(false);
    expect(out.closed).toBe(4108);
    const moved = decodeServerFrame(out.sent[0]!, null);
    expect(moved).toMatchObject({ op: Opcode.Moved, body: { url: 'http://b.test', roomId: 'r1' } });
    expect(out.guesses).toBe(0);
  });

  it('a room unknown on both reads goes to the local join (which refuses it) and counts as a failed guess', async () => {
    const store = new MemoryClusterStore();
    const a = clusterNode(store, 'a', []);
    await a.heartbeat();
    const router = new JoinRouter(a, emptyHost, new ClusterStats(), silent, 0);
    const { conn, out } = connection();
    router.intercept(conn, { name: 'guess', room: 'nope' });
    await settle(out);
    expect(out.joinedLocally).toBe(true);
    expect(out.guesses).toBe(1);
  });
});
