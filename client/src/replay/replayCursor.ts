/**
 * A replay being re-simulated in the browser, one tick at a time: the file's
 * records (all blocks inflated) applied in order to the game's own shared
 * simulation (ReplaySimulation), checking each keyframe's state hash on the
 * way. Seeking back restarts from tick 0 (keyframes are hashes, not states);
 * forward just steps. DOM-free.
 */
import type { AnyGame } from '../../../shared/engine/gameDefinition';
import type { AnyEvent } from '../../../shared/protocol/eventSchema';
import { ReplayFormatError, type ReplayFooter, type ReplayHeader } from '../../../server/replay/replayFormat';
import { RecordKind, type ReplayRecord } from '../../../server/replay/replayRecords';
import { ReplaySimulation } from '../../../server/replay/replaySimulation';

export class ReplayCursor {
  sim: ReplaySimulation;
  private index = 0;
  /** Quiet ticks left in the current idle record. */
  private idleLeft = 0;
  verified = 0;
  mismatches: number[] = [];
  readonly keyframeTicks: number[];

  constructor(
    readonly game: AnyGame,
    readonly header: ReplayHeader,
    readonly footer: ReplayFooter,
    private readonly records: readonly ReplayRecord[],
  ) {
    this.sim = new ReplaySimulation(game, header, footer);
    this.keyframeTicks = records.filter((r): r is Extract<ReplayRecord, { kind: 3 }> => r.kind === RecordKind.Keyframe).map((r) => r.tick);
  }

  get tick(): number {
    return this.sim.tick;
  }

  get endTick(): number {
    return this.footer.endTick;
  }

  /** Advance one tick (applying any keyframes first); false at the end. */
  step(): boolean | ReplayFormatError {
    for (;;) {
      if (this.idleLeft > 0) {
        this.idleLeft--;
        return this.apply({ kind: RecordKind.Idle, count: 1 });
      }
      if (this.index >= this.records.length) return false;
      const r = this.records[this.index++];
      if (r.kind === RecordKind.Idle) {
        this.idleLeft = r.count;
        continue;
      }
      if (r.kind === RecordKind.Keyframe) {
        const e = this.apply(r);
        if (e !== true) return e;
        continue;
      }
      return this.apply(r);
    }
  }

  /** Go to `tick` (0..endTick): forward by stepping, backward by re-simulating from the start. */
  seek(tick: number): ReplayFormatError | null {
    if (tick < this.tick) {
      this.sim = new ReplaySimulation(this.game, this.header, this.footer);
      this.index = 0;
      this.idleLeft = 0;
    }
    while (this.tick < tick) {
      const r = this.step();
      if (r instanceof ReplayFormatError) return r;
      if (r === false) break;
    }
    return null;
  }

  takeEvents(out: AnyEvent[]): void {
    this.sim.takeEvents(out);
  }

  private apply(r: ReplayRecord): true | ReplayFormatError {
    const result = this.sim.apply(r);
    if (result instanceof ReplayFormatError) return result;
    if (result && !this.mismatches.includes(result.tick)) {
      if (result.ok) this.verified++;
      else this.mismatches.push(result.tick);
    }
    return true;
  }
}
