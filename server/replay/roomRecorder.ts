/**
 * Records one room: every command batch its machine applies (tick 1 on), a
 * keyframe (state hash) every `keyframeEveryTicks`, and the players' results,
 * into blocks of records handed to a sink that compresses and writes them off
 * the tick. Per tick it costs a varint (quiet tick) or one msgpack encode; a
 * state walk only at keyframes. It never throws into the room: a failure ends
 * the recording (counted by the service). Batches go in the compact form
 * (compactBatch.ts) unless they carry a player save (msgpack, roomCommand.ts).
 *
 * The result: the game's own save of each player in the world (PlayerSave:
 * whatever the game keeps of a player, its points among them; the engine does
 * not interpret it), sampled at keyframes and at the end. A player who left
 * keeps the last sample (at most one keyframe interval old).
 */
import type { AnyGame, PlayerSave } from '../../shared/engine/gameDefinition';
import { stateHash } from '../../shared/engine/stateHash';
import { encodeCommandBatch, type CommandBatch } from '../rooms/roomCommand';
import type { ReplayFooter } from './replayFormat';
import { RecordWriter } from './replayRecords';

/** Seal a block at this many raw bytes (deflate does well on tens of KB). */
export const BLOCK_TARGET_BYTES = 64 * 1024;
/** Players who left that the footer lists (the footer's own bound is 4096 entries). */
const MAX_DEPARTED = 3800;

/** Where sealed blocks go (replayFileSink.ts; a memory sink in tests). */
export interface ReplaySink {
  writeBlock(raw: Uint8Array): void;
  /** The sink reached its size cap: the recording should end. */
  readonly full: boolean;
  /** The sink failed (disk error, backlog): the recording is lost. */
  readonly failed: boolean;
}

/** What the recorder reads of a room (a Room satisfies it). */
export interface RecordedRoom {
  readonly game: AnyGame;
  readonly state: unknown;
  readonly playerCount: number;
}

interface PlayerRecord {
  name: string;
  inWorld: boolean;
  result: PlayerSave | null;
}

export class RoomRecorder {
  private readonly writer = new RecordWriter();
  private idle = 0;
  private tick = 0;
  private lastActiveTick = 0;
  private keyframes = 0;
  private readonly players = new Map<number, PlayerRecord>();
  /** Players that left, with their last result (a player id may be reused by the room). */
  private readonly departed: { id: number; name: string; result: PlayerSave | null }[] = [];

  constructor(
    private readonly room: RecordedRoom,
    private readonly sink: ReplaySink,
    private readonly keyframeEveryTicks: number,
  ) {}

  /** Someone joined at some point: the recording is a match worth keeping. */
  get hadPlayers(): boolean {
    return this.players.size > 0 || this.departed.length > 0;
  }

  onBatch(batch: CommandBatch): void {
    this.tick = batch.tick;
    if (batch.commands.length === 0) this.idle++;
    else {
      this.flushIdle();
      if (!this.writer.compactBatch(batch)) this.writer.batch(encodeCommandBatch(batch));
      this.track(batch);
    }
    if (this.room.playerCount > 0) this.lastActiveTick = batch.tick;
    if (batch.tick % this.keyframeEveryTicks === 0) this.keyframe();
    if (this.writer.length >= BLOCK_TARGET_BYTES) this.seal();
  }

  /** Close the recording: a last keyframe, the last block, and the footer to write after it. */
  end(reason: ReplayFooter['endReason'], endedAtMs: number): ReplayFooter {
    if (this.tick > 0 && this.tick % this.keyframeEveryTicks !== 0) this.keyframe();
    this.flushIdle();
    this.seal();
    const players = [...this.departed];
    for (const [id, p] of this.players) players.push({ id, name: p.name, result: p.result });
    return { endTick: this.tick, lastActiveTick: this.lastActiveTick, endReason: reason, endedAtMs: Math.floor(endedAtMs), keyframes: this.keyframes, players };
  }

  private keyframe(): void {
    this.flushIdle();
    this.writer.keyframe(this.tick, stateHash(this.room.state));
    this.keyframes++;
    this.sampleResults();
  }

  private track(batch: CommandBatch): void {
    for (const c of batch.commands) {
      const p = this.players.get(c.playerId);
      if (c.type === 'join') {
        if (!p) this.players.set(c.playerId, { name: c.name, inWorld: true, result: null });
      } else if (!p) {
        continue;
      } else if (c.type === 'leave') {
        this.players.delete(c.playerId);
        if (this.departed.length < MAX_DEPARTED) this.departed.push({ id: c.playerId, name: p.name, result: p.result });
      } else if (c.type === 'detach') {
        p.inWorld = false;
      } else if (c.type === 'attach') {
        p.inWorld = true;
      }
    }
  }

  private sampleResults(): void {
    for (const [id, p] of this.players) if (p.inWorld) p.result = this.room.game.savePlayer(this.room.state, id);
  }

  private flushIdle(): void {
    if (this.idle === 0) return;
    this.writer.idle(this.idle);
    this.idle = 0;
  }

  private seal(): void {
    if (this.writer.length === 0) return;
    this.sink.writeBlock(this.writer.take());
  }
}
