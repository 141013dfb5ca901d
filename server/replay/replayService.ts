/**
 * Replays for a whole process: every room is recorded from its creation (the
 * room directory is wrapped, so a recorder is attached before the room's first
 * tick) until it is disposed, the server stops, or its file reaches the size
 * cap. A room nobody joined leaves no file. Finished files are indexed by the
 * ReplayStore, which applies retention.
 *
 * A "match", for any game: one room's life, first join to last leave (the
 * footer's lastActiveTick; the empty grace that follows is recorded too, as a
 * few bytes of quiet ticks), with every player's last save (the game's own record of it) as its result.
 */
import type { Logger } from '../logger';
import type { Room } from '../rooms/room';
import { GameCodec } from '../../shared/protocol/gameCodec';
import { COMMAND_STREAM_VERSION } from '../rooms/roomCommand';
import { addBatchListener } from './batchFanOut';
import type { DirectoryHooks } from './directoryHooks';
import { STATE_HASH_NAME, type ReplayFooter, type ReplayHeader } from './replayFormat';
import { ReplayFileSink } from './replayFileSink';
import { ReplayStore, summarize } from './replayStore';
import { RoomRecorder } from './roomRecorder';

export interface ReplayConfig {
  replays: boolean;
  replayDir: string;
  replayMaxFiles: number;
  replayMaxFileBytes: number;
  replayMaxTotalBytes: number;
  replayKeyframeSec: number;
  tickRate: number;
}

/** Blocks waiting for the disk beyond this fail a recording (a stuck disk must not grow memory). */
const MAX_QUEUED_BYTES = 4 * 1024 * 1024;
/** stop() waits this long for files to be finished. */
const STOP_WAIT_MS = 2000;

interface Recording {
  id: string;
  header: ReplayHeader;
  recorder: RoomRecorder;
  sink: ReplayFileSink;
  detach: () => void;
}

export class ReplayCounters {
  recording = 0;
  written = 0;
  /** Recordings lost: disk errors, backlog, a recorder error. */
  failed = 0;
  /** Rooms nobody joined: nothing to keep. */
  discarded = 0;
  bytesWritten = 0;
}

export class ReplayService implements DirectoryHooks {
  readonly counters = new ReplayCounters();
  private readonly active = new Map<Room, Recording>();
  private readonly finishing = new Set<Promise<void>>();
  private readonly codecHashes = new Map<string, string>();

  private constructor(
    private readonly config: ReplayConfig,
    readonly store: ReplayStore | null,
    private readonly log: Logger,
    private readonly wallNow: () => number,
  ) {}

  /** Load the store (creating its directory); a disabled service records nothing and lists nothing. */
  static async start(config: ReplayConfig, log: Logger, wallNow: () => number = Date.now): Promise<ReplayService> {
    if (!config.replays) return new ReplayService(config, null, log, wallNow);
    const store = new ReplayStore(config.replayDir, { maxFiles: config.replayMaxFiles, maxTotalBytes: config.replayMaxTotalBytes }, log);
    await store.load();
    log.info({ dir: config.replayDir, replays: store.count }, 'replays: recording rooms');
    return new ReplayService(config, store, log, wallNow);
  }

  get enabled(): boolean {
    return this.store !== null;
  }

  /** DirectoryHooks (directoryHooks.ts): a recorder for each new room, its file finished when the room goes. */
  onRoomAdded(room: Room): void {
    this.attach(room);
  }

  onRoomRemoved(room: Room): void {
    this.end(room, 'disposed');
  }

  attach(room: Room): void {
    if (!this.store || this.active.has(room) || room.tick !== 0) return;
    const startedAtMs = Math.floor(this.wallNow());
    const id = `${room.id}-${startedAtMs.toString(36)}`;
    const game = room.game;
    let gameHash = this.codecHashes.get(game.name);
    if (!gameHash) this.codecHashes.set(game.name, (gameHash = new GameCodec(game).hash));
    const header: ReplayHeader = {
      format: 'tickwire-replay',
      game: game.name,
      gameVersion: game.version,
      gameHash,
      commandStreamVersion: COMMAND_STREAM_VERSION,
      stateHash: STATE_HASH_NAME,
      seed: room.seed,
      tickRate: this.config.tickRate,
      roomId: room.id,
      roomName: room.name,
      startedAtMs,
      keyframeEveryTicks: Math.max(1, Math.round(this.config.replayKeyframeSec * this.config.tickRate)),
      players: room.roster(),
    };
    const sink = new ReplayFileSink(header, {
      dir: this.store.dir,
      id,
      maxFileBytes: this.config.replayMaxFileBytes,
      maxQueuedBytes: MAX_QUEUED_BYTES,
      log: this.log,
      onFailure: () => this.counters.failed++,
    });
    const recorder = new RoomRecorder(room, sink, header.keyframeEveryTicks);
    const detach = addBatchListener(room, (batch) => {
      try {
        recorder.onBatch(batch);
      } catch (err) {
        this.log.error({ err, room: room.id, replay: id }, 'replay recorder failed; the recording is dropped');
        this.counters.failed++;
        return queueMicrotask(() => this.drop(room));
      }
      if (sink.failed) queueMicrotask(() => this.drop(room));
      else if (sink.full) queueMicrotask(() => this.end(room, 'size-cap'));
    });
    this.active.set(room, { id, header, recorder, sink, detach });
    this.counters.recording++;
  }

  /** Finish a room's recording (its footer is written in the background). */
  end(room: Room, reason: ReplayFooter['endReason']): void {
    const rec = this.take(room);
    if (!rec) return;
    if (!rec.recorder.hadPlayers) {
      this.counters.discarded++;
      return this.track(rec.sink.discard());
    }
    let footer: ReplayFooter;
    try {
      footer = rec.recorder.end(reason, this.wallNow());
    } catch (err) {
      this.log.error({ err, replay: rec.id }, 'replay: could not end the recording; it is dropped');
      this.counters.failed++;
      return this.track(rec.sink.discard());
    }
    this.track(
      rec.sink.finish(footer).then(async (bytes) => {
        if (bytes === null || !this.store) return;
        this.counters.written++;
        this.counters.bytesWritten += bytes;
        this.log.info({ replay: rec.id, room: room.id, bytes, ticks: footer.endTick, reason }, 'replay written');
        await this.store.add(summarize(rec.id, rec.header, footer, bytes));
      }),
    );
  }

  /** End every recording (server stopping) and wait for the files, at most STOP_WAIT_MS. */
  async stop(): Promise<void> {
    for (const room of [...this.active.keys()]) this.end(room, 'stopped');
    let timer: ReturnType<typeof setTimeout> | undefined;
    const timeout = new Promise<void>((r) => (timer = setTimeout(r, STOP_WAIT_MS)));
    await Promise.race([Promise.all(this.finishing), timeout]);
    clearTimeout(timer);
  }

  private drop(room: Room): void {
    const rec = this.take(room);
    if (rec) this.track(rec.sink.discard());
  }

  private take(room: Room): Recording | undefined {
    const rec = this.active.get(room);
    if (!rec) return undefined;
    this.active.delete(room);
    rec.detach();
    this.counters.recording--;
    return rec;
  }

  private track(p: Promise<void>): void {
    const tracked = p.catch((err: unknown) => this.log.error({ err }, 'replay: finishing a recording failed'));
    this.finishing.add(tracked);
    void tracked.finally(() => this.finishing.delete(tracked));
  }
}
