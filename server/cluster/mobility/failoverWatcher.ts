/**
 * Failover: every poll, read which node holds each checkpointed room (one
 * HGETALL) and whether those nodes still have a presence key (one MGET). A
 * room whose holder's presence expired is an orphan: the first live node to
 * claim it (SET tw:claim:<roomId> NX PX) restores it from its last
 * checkpoint and becomes its holder. Its players, whose connection dropped,
 * come back with their resume tokens; any node routes them here.
 *
 *   kill -9 ─ presence TTL (3 heartbeats) ─▶ expired ─ ≤ 1 poll ─▶ suspect ─ 1 heartbeat ─▶ dead ─▶ claim ─▶ GET ckpt, restore ─▶ clients resume
 *
 * A holder whose presence is missing on one poll is only suspect: a late
 * heartbeat under load lets the key expire for a moment, and restoring a room
 * its holder still runs would make two holders. It is dead when still missing
 * a heartbeat later (livenessJudge.ts).
 *
 * Polling, not keyspace notifications: works on any Redis configuration and
 * survives a missed event; the cost is two commands per node per poll.
 */
import type { Logger } from '../../logger';
import type { RoomHost } from '../../rooms/roomHost';
import { LivenessJudge } from '../livenessJudge';
import type { CheckpointScheduler } from './checkpointScheduler';
import type { MobilityStore } from './mobilityStore';
import { adoptRoom } from './roomAdoption';

export interface FailoverOptions {
  nodeId: string;
  pollMs: number;
  /** How long a holder's presence must stay missing before its rooms are orphans, ms (one heartbeat). */
  graceMs: number;
  /** How long a claim blocks other nodes from the same room, ms (a restore takes milliseconds). */
  claimTtlMs: number;
}

/** The cluster's counters (ClusterStats) that /metrics exports: rooms moved away by a drain, rooms restored here. */
export interface MobilityCounters {
  migrations: number;
  failovers: number;
}

export class FailoverStats {
  failovers = 0;
  failedRestores = 0;
  pollErrors = 0;
  lastRestoreMs = 0;
}

export class FailoverWatcher {
  readonly stats = new FailoverStats();
  private timer: ReturnType<typeof setTimeout> | null = null;
  private polling = false;
  private readonly judge: LivenessJudge;

  constructor(
    private readonly deps: { host: RoomHost; store: MobilityStore; scheduler: CheckpointScheduler; now: () => number; log: Logger; counters?: MobilityCounters },
    private readonly opts: FailoverOptions,
  ) {
    this.judge = new LivenessJudge(opts.graceMs, deps.now);
  }

  start(): void {
    const loop = () => {
      this.timer = setTimeout(() => void this.poll().finally(loop), this.opts.pollMs);
      this.timer.unref();
    };
    loop();
  }

  stop(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
  }

  /** One scan; returns the rooms this node restored. */
  async poll(): Promise<string[]> {
    if (this.polling) return [];
    this.polling = true;
    try {
      return await this.scan();
    } catch (err) {
      this.stats.pollErrors++;
      this.deps.log.warn({ err: (err as Error).message }, 'failover scan failed');
      return [];
    } finally {
      this.polling = false;
    }
  }

  private async scan(): Promise<string[]> {
    const { store, host, log } = this.deps;
    const holders = await store.holders();
    const others = [...new Set(holders.values())].filter((n) => n !== this.opts.nodeId);
    const presence = await store.presenceOf(others);
    const dead = new Set(others.filter((id, i) => this.judge.observe(id, presence[i] !== null) === 'dead'));
    this.judge.retainOnly(new Set(others));
    const restored: string[] = [];
    for (const [roomId, holder] of holders) {
      if (!dead.has(holder)) continue;
      if (host.directory.byId(roomId)) {
        // Already here (a successor that read the handoff file): just become its holder.
        await store.setHolder(roomId, this.opts.nodeId);
        continue;
      }
      if (!(await store.claim(roomId, this.opts.nodeId, this.opts.claimTtlMs))) continue;
      const started = this.deps.now();
      const r = await adoptRoom(roomId, this.deps);
      if (r.ok) {
        this.stats.failovers++;
        if (this.deps.counters) this.deps.counters.failovers++;
        this.stats.lastRestoreMs = this.deps.now() - started;
        restored.push(roomId);
        log.info({ room: roomId, deadNode: holder, players: r.players, restoreMs: this.stats.lastRestoreMs }, 'failover: room restored');
      } else {
        this.stats.failedRestores++;
        // Another node may be able to take what this one cannot (its own capacity, its build of the game).
        const hopeless = !(r.code === 'at-capacity' || r.code === 'game-mismatch' || r.code === 'unknown-game');
        log.warn({ room: roomId, deadNode: holder, code: r.code, err: r.error }, 'failover: room not restored');
        if (hopeless) await store.dropCheckpoint(roomId);
      }
    }
    return restored;
  }
}
