/**
 * Re-running a replay: a fresh RoomMachine from the header's seed and tick
 * rate, fed the file's records in order; at each keyframe the state's hash is
 * compared with the recorded one. Used by `npm run replay -- verify` and by
 * the browser player (Node-free). Every malformed record is a
 * ReplayFormatError, never an exception: the file is untrusted.
 */
import type { AnyGame } from '../../shared/engine/gameDefinition';
import { stateHash } from '../../shared/engine/stateHash';
import type { AnyEvent } from '../../shared/protocol/eventSchema';
import { DecodeError } from '../../shared/protocol/decodeError';
import { GameCodec } from '../../shared/protocol/gameCodec';
import { decodeCommandBatch } from '../rooms/roomCommand';
import { RoomMachine } from '../rooms/roomMachine';
import { readCompactBatch } from './compactBatch';
import { ReplayFormatError, type ReplayFooter, type ReplayHeader } from './replayFormat';
import { RecordKind, type ReplayRecord } from './replayRecords';

/** At most this many hours of ticks, whatever a file declares (a hostile footer must not make us spin). */
const MAX_REPLAY_HOURS = 12;

export interface KeyframeCheck {
  tick: number;
  expected: string;
  actual: string;
  ok: boolean;
}

/** The registered game a header names, if this build has the same version of it. */
export function resolveReplayGame(header: ReplayHeader, games: readonly AnyGame[]): AnyGame | ReplayFormatError {
  const game = games.find((g) => g.name === header.game);
  if (!game) return new ReplayFormatError('unknown-game', `replay of game "${header.game}", which this build does not have (${games.map((g) => g.name).join(', ')})`);
  const hash = new GameCodec(game).hash;
  if (game.version !== header.gameVersion || hash !== header.gameHash) {
    return new ReplayFormatError('game-mismatch', `replay recorded with ${header.game} v${header.gameVersion} (hash ${header.gameHash}); this build has v${game.version} (hash ${hash})`);
  }
  return game;
}

export class ReplaySimulation {
  readonly machine: RoomMachine;
  /** Events of the ticks simulated since the last takeEvents (the player shows them). */
  private readonly events: AnyEvent[] = [];
  private readonly maxTick: number;

  constructor(
    readonly game: AnyGame,
    readonly header: ReplayHeader,
    footer: ReplayFooter,
  ) {
    this.machine = new RoomMachine(game, header.seed, header.tickRate);
    this.maxTick = Math.min(footer.endTick, header.tickRate * 3600 * MAX_REPLAY_HOURS);
  }

  get tick(): number {
    return this.machine.tick;
  }

  /** Apply one record: a keyframe returns its check, a bad record its error. */
  apply(r: ReplayRecord): KeyframeCheck | ReplayFormatError | null {
    switch (r.kind) {
      case RecordKind.Batch:
      case RecordKind.Compact: {
        const batch = r.kind === RecordKind.Compact ? readCompactBatch(r.bytes, this.tick + 1) : decodeCommandBatch(r.bytes);
        if (batch instanceof DecodeError) return new ReplayFormatError('corrupt', `after tick ${this.tick}: ${batch.reason}`);
        if (batch instanceof ReplayFormatError) return batch;
        if (batch.tick !== this.tick + 1) return new ReplayFormatError('corrupt', `batch for tick ${batch.tick} after tick ${this.tick}`);
        if (batch.tick > this.maxTick) return new ReplayFormatError('corrupt', `batch for tick ${batch.tick} beyond the footer's end (${this.maxTick})`);
        for (const c of batch.commands) this.machine.submit(c);
        this.step();
        return null;
      }
      case RecordKind.Idle:
        if (this.tick + r.count > this.maxTick) return new ReplayFormatError('corrupt', `${r.count} quiet ticks after tick ${this.tick} run past the footer's end (${this.maxTick})`);
        for (let i = 0; i < r.count; i++) this.step();
        return null;
      case RecordKind.Keyframe: {
        if (r.tick !== this.tick) return new ReplayFormatError('corrupt', `keyframe for tick ${r.tick} found at tick ${this.tick}`);
        const actual = stateHash(this.machine.state);
        return { tick: r.tick, expected: r.hash, actual, ok: actual === r.hash };
      }
    }
  }

  /** Move the events since the last call into `out`. */
  takeEvents(out: AnyEvent[]): void {
    for (const e of this.events) out.push(e);
    this.events.length = 0;
  }

  private step(): void {
    this.machine.step();
    this.machine.drainEvents(this.events);
    // Nobody reads them in a verify run: keep the buffer bounded.
    if (this.events.length > 10_000) this.events.splice(0, this.events.length - 1000);
  }
}
