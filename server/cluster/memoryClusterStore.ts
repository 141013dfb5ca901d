/**
 * The cluster store in one process's memory: the embedded backend of
 * `--workers N` (the primary holds it; workers reach it over IPC) and a
 * Redis-free store for unit tests. Same semantics as Redis, expiry included
 * (presence expires on an injected clock).
 */
import type { ClusterRoom, ClusterSession, ClusterStore, NodePresence } from './clusterStore';

export class MemoryClusterStore implements ClusterStore {
  private readonly nodes = new Map<string, { node: NodePresence; expiresAtMs: number }>();
  private readonly rooms = new Map<string, ClusterRoom>();
  private readonly codes = new Map<string, string>();
  private readonly sessions = new Map<string, ClusterSession>();

  constructor(private readonly nowMs: () => number = () => Date.now()) {}

  async putPresence(node: NodePresence, ttlMs: number): Promise<void> {
    this.nodes.set(node.nodeId, { node: { ...node }, expiresAtMs: this.nowMs() + ttlMs });
  }

  async removePresence(nodeId: string): Promise<void> {
    this.nodes.delete(nodeId);
  }

  async liveNodes(): Promise<NodePresence[]> {
    const t = this.nowMs();
    return [...this.nodes.values()].filter((n) => n.expiresAtMs > t).map((n) => ({ ...n.node }));
  }

  async putRooms(rooms: readonly ClusterRoom[]): Promise<void> {
    for (const r of rooms) {
      this.rooms.set(r.id, { ...r });
      if (r.code) this.codes.set(r.code, r.id);
    }
  }

  async removeRoom(id: string, code: string): Promise<void> {
    this.rooms.delete(id);
    if (code) this.codes.delete(code);
  }

  async roomById(id: string): Promise<ClusterRoom | null> {
    const r = this.rooms.get(id);
    return r ? { ...r } : null;
  }

  async roomIdByCode(code: string): Promise<string | null> {
    return this.codes.get(code) ?? null;
  }

  async allRooms(): Promise<ClusterRoom[]> {
    return [...this.rooms.values()].map((r) => ({ ...r }));
  }

  async putSessions(sessions: readonly (ClusterSession & { token: string })[]): Promise<void> {
    for (const s of sessions) this.sessions.set(s.token, { roomId: s.roomId, playerId: s.playerId });
  }

  async findSession(token: string): Promise<ClusterSession | null> {
    return this.sessions.get(token) ?? null;
  }

  async removeSession(token: string): Promise<void> {
    this.sessions.delete(token);
  }

  async ping(): Promise<void> {}
}
