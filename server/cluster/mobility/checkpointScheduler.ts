/**
 * Periodic room checkpoints for failover. Called at every tick boundary
 * (after every room stepped): takes the checkpoints that are due, spread so
 * that about rooms ÷ (ticks per interval) rooms are encoded per tick, and
 * hands the bytes to Redis without waiting: the tick never awaits Redis.
 * Writes in flight are bounded; past the bound a checkpoint is skipped and
 * counted (the next interval writes a newer one).
 *
 *   tick:   │ step rooms │ encode due rooms (µs) │ … next tick
 *   redis:                └─ SET ckpt + HSET holder (async, counted on failure)
 *
 * Rooms that left the directory (disposed) get their checkpoint dropped, so
 * a later failover does not bring back a room that ended.
 */
import { performance } from 'node:perf_hooks';
import type { Logger } from '../../logger';
import type { Room } from '../../rooms/room';
import type { RoomHost } from '../../rooms/roomHost';
import { encodeCheckpoint } from './checkpointCodec';
import type { MobilityStore } from './mobilityStore';
import { captureCheckpoint } from './roomCheckpoint';

export interface CheckpointSchedulerOptions {
  nodeId: string;
  intervalMs: number;
  /** How long a checkpoint lives in Redis without being refreshed, ms. */
  ttlMs: number;
  maxInFlight: number;
}

export class CheckpointStats {
  written = 0;
  bytesWritten = 0;
  writeErrors = 0;
  skippedBusy = 0;
  /** Ticks on which at least one checkpoint was encoded, and the time they spent encoding. */
  encodeTicks = 0;
  encodeMsTotal = 0;
  encodeMsMax = 0;
}

export class CheckpointScheduler {
  readonly stats = new CheckpointStats();
  private readonly dueAtMs = new Map<string, number>();
  private inFlight = 0;
  private stopped = false;
  private flushWaiters: (() => void)[] = [];

  constructor(
    private readonly host: RoomHost,
    private readonly store: MobilityStore,
    private readonly opts: CheckpointSchedulerOptions,
    private readonly log: Logger,
    private readonly random: () => number = Math.random,
  ) {}

  /** At a tick boundary: encode the checkpoints due now and send them off. */
  afterTick(nowMs: number): void {
    if (this.stopped) return;
    const started = performance.now();
    let encoded = 0;
    const seen = new Set<string>();
    for (const room of this.host.directory.all()) {
      seen.add(room.id);
      const due = this.dueAtMs.get(room.id);
      // A new room's first checkpoint lands at a random point of the interval: spreads the encode work.
      if (due === undefined) this.dueAtMs.set(room.id, nowMs + this.random() * this.opts.intervalMs);
      else if (nowMs >= due) {
        this.dueAtMs.set(room.id, due + this.opts.intervalMs * Math.max(1, Math.ceil((nowMs - due) / this.opts.intervalMs)));
        if (this.write(room, nowMs)) encoded++;
      }
    }
    if (seen.size !== this.dueAtMs.size) this.forgetGone(seen);
    if (encoded > 0) {
      const ms = performance.now() - started;
      this.stats.encodeTicks++;
      this.stats.encodeMsTotal += ms;
      if (ms > this.stats.encodeMsMax) this.stats.encodeMsMax = ms;
    }
  }

  /** Checkpoint this room now (a node that just adopted a room records itself as holder at once). */
  writeNow(room: Room, nowMs: number): void {
    this.write(room, nowMs);
    this.dueAtMs.set(room.id, nowMs + this.opts.intervalMs);
  }

  /**
   * Stop writing (a drain: from now on the rooms' checkpoints are written
   * by the drain itself) and resolve once the writes in flight are done, so
   * that none lands after the room's new holder wrote its own.
   */
  async stop(): Promise<void> {
    this.stopped = true;
    if (this.inFlight === 0) return;
    await new Promise<void>((resolve) => this.flushWaiters.push(resolve));
  }

  private write(room: Room, nowMs: number): boolean {
    if (this.inFlight >= this.opts.maxInFlight) {
      this.stats.skippedBusy++;
      return false;
    }
    const hosted = this.host.games.get(room.game.name);
    if (!hosted) return false;
    const c = captureCheckpoint(room, hosted, { holder: this.opts.nodeId, nowMs, epochNowMs: Date.now(), sessionGraceMs: this.host.config.sessionGraceMs });
    const bytes = encodeCheckpoint(c);
    this.inFlight++;
    this.store.putCheckpoint(room.id, bytes, this.opts.nodeId, this.opts.ttlMs).then(
      () => {
        this.stats.written++;
        this.stats.bytesWritten += bytes.length;
        this.settled();
      },
      (err: unknown) => {
        this.stats.writeErrors++;
        this.log.warn({ room: room.id, err: (err as Error).message }, 'checkpoint write failed');
        this.settled();
      },
    );
    return true;
  }

  private settled(): void {
    this.inFlight--;
    if (this.inFlight === 0) for (const w of this.flushWaiters.splice(0)) w();
  }

  /** Rooms no longer here: disposed (drop their checkpoint) or moved away (the drain already stopped us). */
  private forgetGone(seen: Set<string>): void {
    for (const id of this.dueAtMs.keys()) {
      if (seen.has(id)) continue;
      this.dueAtMs.delete(id);
      this.store.dropCheckpoint(id).catch((err: unknown) => {
        this.stats.writeErrors++;
        this.log.warn({ room: id, err: (err as Error).message }, 'checkpoint drop failed');
      });
    }
  }
}
