/**
 * Room mobility's Redis operations, behind a narrow interface so that the
 * drain, adoption and failover logic read as what they do, and so that one
 * client (created by the cluster core's redisConnection.ts, or by a test)
 * is handed in from outside.
 */
import { RESP_TYPES } from '@redis/client';
import type { RedisClient } from '../redisConnection';
import { MobilityKeys } from './mobilityKeys';
import { parsePresence, type NodePresence } from './nodePresence';

export type { RedisClient };

export interface MobilityStore {
  /** SET tw:ckpt:<roomId> (PX ttlMs) and record `holder` for the room, in one round trip. */
  putCheckpoint(roomId: string, bytes: Uint8Array, holder: string, ttlMs: number): Promise<void>;
  getCheckpoint(roomId: string): Promise<Uint8Array | null>;
  /** Forget a room's checkpoint (disposed, or handed to a successor by file). */
  dropCheckpoint(roomId: string): Promise<void>;
  setHolder(roomId: string, holder: string): Promise<void>;
  /** roomId → holder node id, for every checkpointed room. */
  holders(): Promise<Map<string, string>>;
  /** Presence of these nodes (null: no key, or not well-formed: dead). */
  presenceOf(nodeIds: readonly string[]): Promise<(NodePresence | null)[]>;
  /** Every node in tw:nodes whose presence key is alive. */
  liveNodes(): Promise<NodePresence[]>;
  /** SET tw:claim:<roomId> NX PX: true if this node got it. */
  claim(roomId: string, nodeId: string, ttlMs: number): Promise<boolean>;
  publish(nodeId: string, message: string): Promise<void>;
}

export class RedisMobilityStore implements MobilityStore {
  private readonly binary;

  constructor(private readonly redis: RedisClient) {
    this.binary = redis.withTypeMapping({ [RESP_TYPES.BLOB_STRING]: Buffer });
  }

  async putCheckpoint(roomId: string, bytes: Uint8Array, holder: string, ttlMs: number): Promise<void> {
    await this.redis
      .multi()
      .set(MobilityKeys.checkpoint(roomId), Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength), { expiration: { type: 'PX', value: ttlMs } })
      .hSet(MobilityKeys.holders, roomId, holder)
      .exec();
  }

  async getCheckpoint(roomId: string): Promise<Uint8Array | null> {
    const value = await this.binary.get(MobilityKeys.checkpoint(roomId));
    return value === null ? null : new Uint8Array(value.buffer, value.byteOffset, value.byteLength);
  }

  async dropCheckpoint(roomId: string): Promise<void> {
    await this.redis.multi().del(MobilityKeys.checkpoint(roomId)).hDel(MobilityKeys.holders, roomId).exec();
  }

  async setHolder(roomId: string, holder: string): Promise<void> {
    await this.redis.hSet(MobilityKeys.holders, roomId, holder);
  }

  async holders(): Promise<Map<string, string>> {
    return new Map(Object.entries(await this.redis.hGetAll(MobilityKeys.holders)));
  }

  async presenceOf(nodeIds: readonly string[]): Promise<(NodePresence | null)[]> {
    if (nodeIds.length === 0) return [];
    const values = await this.redis.mGet(nodeIds.map(MobilityKeys.node));
    return values.map((v) => parsePresence(v));
  }

  async liveNodes(): Promise<NodePresence[]> {
    const ids = await this.redis.sMembers(MobilityKeys.nodes);
    return (await this.presenceOf(ids)).filter((p): p is NodePresence => p !== null);
  }

  async claim(roomId: string, nodeId: string, ttlMs: number): Promise<boolean> {
    const r = await this.redis.set(MobilityKeys.claim(roomId), nodeId, { condition: 'NX', expiration: { type: 'PX', value: ttlMs } });
    return r === 'OK';
  }

  async publish(nodeId: string, message: string): Promise<void> {
    await this.redis.publish(MobilityKeys.inbox(nodeId), message);
  }
}
