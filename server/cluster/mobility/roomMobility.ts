/**
 * Room mobility on one node: periodic checkpoints (failover), the inbox that
 * takes rooms from draining nodes, the failover watcher, and the drain. One
 * object for startServer to hold; the Redis client and this node's identity
 * come from outside (the cluster core's redisConnection.ts, or a test).
 *
 * The tick calls `afterTick` (encodes due checkpoints; never awaits Redis).
 * The server's stop calls `drain()` before its own 1012 fallback: rooms moved
 * there are gone from this node's directory; the rest follow the old path.
 */
import type { Logger } from '../../logger';
import type { RoomHost } from '../../rooms/roomHost';
import { CheckpointScheduler } from './checkpointScheduler';
import { drainRooms, type DrainResult } from './drainMigration';
import { FailoverWatcher, type MobilityCounters } from './failoverWatcher';
import { MobilityInbox, type TakeAnswer } from './mobilityInbox';
import { MobilityKeys } from './mobilityKeys';
import { RedisMobilityStore, type RedisClient } from './mobilityStore';
import { adoptRoom } from './roomAdoption';

export interface RoomMobilityOptions {
  nodeId: string;
  /** Ms between a room's checkpoints (--checkpoint-interval-ms). */
  checkpointIntervalMs: number;
  /** Ms between failover scans: the presence heartbeat is a good choice. */
  failoverPollMs: number;
}

export interface RoomMobilityDeps {
  host: RoomHost;
  redis: RedisClient;
  now: () => number;
  log: Logger;
  /** Where /metrics reads migrations and failovers (the cluster's ClusterStats); absent in tests. */
  counters?: MobilityCounters;
}

export class RoomMobility {
  readonly scheduler: CheckpointScheduler;
  readonly failover: FailoverWatcher;
  private readonly inbox: MobilityInbox;
  private readonly store: RedisMobilityStore;
  private subscriber: RedisClient | null = null;
  private draining = false;

  constructor(
    private readonly deps: RoomMobilityDeps,
    private readonly opts: RoomMobilityOptions,
  ) {
    const { host, now, log } = deps;
    this.store = new RedisMobilityStore(deps.redis);
    // A checkpoint outlives a few missed refreshes and the session grace: a failover still finds it.
    const ttlMs = Math.max(10 * opts.checkpointIntervalMs, host.config.sessionGraceMs + 5000);
    this.scheduler = new CheckpointScheduler(host, this.store, { nodeId: opts.nodeId, intervalMs: opts.checkpointIntervalMs, ttlMs, maxInFlight: 1000 }, log);
    const adoptionDeps = { host, store: this.store, scheduler: this.scheduler, now, log, counters: deps.counters };
    this.inbox = new MobilityInbox(opts.nodeId, this.store, (msg) => this.take(msg.roomId, adoptionDeps), log);
    this.failover = new FailoverWatcher(adoptionDeps, { nodeId: opts.nodeId, pollMs: opts.failoverPollMs, graceMs: opts.failoverPollMs, claimTtlMs: 10_000 });
  }

  /**
   * Subscribe to this node's inbox and start watching for orphaned rooms.
   * Does not wait for Redis: a node starts (and plays) while Redis is away;
   * the subscriber connects (and re-subscribes) whenever Redis answers.
   */
  start(): void {
    const sub = this.deps.redis.duplicate();
    this.subscriber = sub;
    let lastLogMs = 0;
    sub.on('error', (err: Error) => {
      // One error per reconnect attempt while Redis is down: log at most one per 5 s.
      if (Date.now() - lastLogMs < 5000) return;
      lastLogMs = Date.now();
      this.deps.log.warn({ err: err.message }, 'mobility subscriber error');
    });
    sub
      .connect()
      .then(() => sub.subscribe(MobilityKeys.inbox(this.opts.nodeId), this.inbox.listener))
      .catch((err: unknown) => this.deps.log.error({ err: (err as Error).message }, 'mobility inbox unavailable: this node takes no rooms from draining nodes'));
    this.failover.start();
  }

  /** At every tick boundary (after every room stepped). */
  afterTick(nowMs: number): void {
    this.scheduler.afterTick(nowMs);
  }

  /** Hand every room to live nodes; returns what moved and what stays for the fallback. */
  async drain(): Promise<DrainResult> {
    this.draining = true;
    this.failover.stop();
    await this.scheduler.stop();
    const ttlMs = Math.max(10 * this.opts.checkpointIntervalMs, this.deps.host.config.sessionGraceMs + 5000);
    const result = await drainRooms(
      { host: this.deps.host, store: this.store, inbox: this.inbox, now: this.deps.now, log: this.deps.log },
      { nodeId: this.opts.nodeId, takeTimeoutMs: 3000, checkpointTtlMs: ttlMs, maxAttempts: 2 },
    );
    // Rooms kept here go to a successor by file: their checkpoints must not also bring them back by failover.
    await Promise.all(
      [...this.deps.host.directory.all()].map((r) =>
        this.store.dropCheckpoint(r.id).catch((err: unknown) => this.deps.log.warn({ room: r.id, err: (err as Error).message }, 'drain: checkpoint drop failed')),
      ),
    );
    if (this.deps.counters) this.deps.counters.migrations += result.movedRooms;
    this.deps.log.info({ ...result }, 'drain: rooms handed over');
    return result;
  }

  async close(): Promise<void> {
    this.failover.stop();
    if (this.subscriber?.isOpen) await this.subscriber.close().catch((err: unknown) => this.deps.log.warn({ err: (err as Error).message }, 'mobility subscriber close failed'));
    this.subscriber = null;
  }

  private async take(roomId: string, adoptionDeps: Parameters<typeof adoptRoom>[1]): Promise<TakeAnswer> {
    if (this.draining) return { ok: false, error: 'draining' };
    // Already here: a failover took it (the source's presence lapsed under load). Its players can come here.
    if (this.deps.host.directory.byId(roomId)) return { ok: true };
    const r = await adoptRoom(roomId, adoptionDeps);
    return r.ok ? { ok: true } : { ok: false, error: r.error };
  }
}
