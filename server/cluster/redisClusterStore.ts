/**
 * The cluster store on Redis, keys as in notes/keys.md (prefix `tw:`).
 * Multi-key writes go out as one pipeline (one round trip); nothing here is
 * ever awaited by the tick.
 */
import type { RedisClient } from './redisConnection';
import type { ClusterRoom, ClusterSession, ClusterStore, NodePresence } from './clusterStore';

/** A resume record outlives any grace period; revoked explicitly, this only bounds leaks. */
const SESSION_TTL_MS = 24 * 3600 * 1000;

export class RedisClusterStore implements ClusterStore {
  constructor(
    private readonly redis: RedisClient,
    private readonly prefix = 'tw:',
  ) {}

  async putPresence(node: NodePresence, ttlMs: number): Promise<void> {
    await this.redis
      .multi()
      .set(`${this.prefix}node:${node.nodeId}`, JSON.stringify(node), { expiration: { type: 'PX', value: ttlMs } })
      .sAdd(`${this.prefix}nodes`, node.nodeId)
      .execAsPipeline();
  }

  async removePresence(nodeId: string): Promise<void> {
    await this.redis.del(`${this.prefix}node:${nodeId}`);
  }

  async liveNodes(): Promise<NodePresence[]> {
    const ids = await this.redis.sMembers(`${this.prefix}nodes`);
    if (ids.length === 0) return [];
    const values = await this.redis.mGet(ids.map((id) => `${this.prefix}node:${id}`));
    const out: NodePresence[] = [];
    for (const v of values) {
      if (typeof v === 'string') out.push(JSON.parse(v) as NodePresence);
    }
    return out;
  }

  async putRooms(rooms: readonly ClusterRoom[]): Promise<void> {
    if (rooms.length === 0) return;
    const m = this.redis.multi();
    for (const r of rooms) {
      m.hSet(`${this.prefix}room:${r.id}`, {
        node: r.node,
        game: r.game,
        name: r.name,
        code: r.code,
        players: String(r.players),
        maxPlayers: String(r.maxPlayers),
        createdAtMs: String(r.createdAtMs),
      });
      m.sAdd(`${this.prefix}rooms`, r.id);
      if (r.code) m.set(`${this.prefix}code:${r.code}`, r.id);
    }
    await m.execAsPipeline();
  }

  async removeRoom(id: string, code: string): Promise<void> {
    const m = this.redis.multi().del(`${this.prefix}room:${id}`).sRem(`${this.prefix}rooms`, id);
    if (code) m.del(`${this.prefix}code:${code}`);
    await m.execAsPipeline();
  }

  async roomById(id: string): Promise<ClusterRoom | null> {
    return parseRoom(id, await this.redis.hGetAll(`${this.prefix}room:${id}`));
  }

  async roomIdByCode(code: string): Promise<string | null> {
    return await this.redis.get(`${this.prefix}code:${code}`);
  }

  async allRooms(): Promise<ClusterRoom[]> {
    const ids = await this.redis.sMembers(`${this.prefix}rooms`);
    if (ids.length === 0) return [];
    const m = this.redis.multi();
    for (const id of ids) m.hGetAll(`${this.prefix}room:${id}`);
    const replies = (await m.execAsPipeline()) as unknown as Record<string, string>[];
    const out: ClusterRoom[] = [];
    ids.forEach((id, i) => {
      const room = parseRoom(id, replies[i]);
      if (room) out.push(room);
    });
    return out;
  }

  async putSessions(sessions: readonly (ClusterSession & { token: string })[]): Promise<void> {
    if (sessions.length === 0) return;
    const m = this.redis.multi();
    for (const s of sessions) {
      m.set(`${this.prefix}session:${s.token}`, JSON.stringify({ roomId: s.roomId, playerId: s.playerId }), {
        expiration: { type: 'PX', value: SESSION_TTL_MS },
      });
    }
    await m.execAsPipeline();
  }

  async findSession(token: string): Promise<ClusterSession | null> {
    const v = await this.redis.get(`${this.prefix}session:${token}`);
    return v === null ? null : (JSON.parse(v) as ClusterSession);
  }

  async removeSession(token: string): Promise<void> {
    await this.redis.del(`${this.prefix}session:${token}`);
  }

  async ping(): Promise<void> {
    await this.redis.ping();
  }
}

/** A room hash as stored, or null when it is gone (HGETALL of a missing key is {}). */
function parseRoom(id: string, h: Record<string, string> | null | undefined): ClusterRoom | null {
  if (!h || h.node === undefined) return null;
  return {
    id,
    node: h.node,
    game: h.game ?? '',
    name: h.name ?? '',
    code: h.code ?? '',
    players: Number(h.players ?? 0),
    maxPlayers: Number(h.maxPlayers ?? 0),
    createdAtMs: Number(h.createdAtMs ?? 0),
  };
}
