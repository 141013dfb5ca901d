/**
 * One player of a room as the room shell sees it: its connection (or none
 * while detached), its input queue, its acknowledgement and backpressure
 * state for snapshots, its seat bookkeeping, and its view.
 */
import type { Viewer } from '../../shared/engine/gameDefinition';
import type { GameCodec } from '../../shared/protocol/gameCodec';
import type { SessionRecord } from '../sessions/sessionStore';
import type { ClientLink } from './clientLink';
import { InputQueue } from './inputQueue';
import type { DetachedSeat } from './seatQuota';
import type { SnapshotRecipient } from './snapshotBroadcaster';

export class RoomMember implements SnapshotRecipient {
  link: ClientLink | null;
  readonly inputs: InputQueue;
  ackTick = 0;
  lastAckedTick = 0;
  lastFullAtMs = -Infinity;
  lastFullTick = 0;
  backedUpSinceMs = 0;
  /** Set while disconnected within the grace period. */
  detachedAtMs: number | null = null;
  /** Its entry in the per-address detached quota while detached. */
  detachedSeat: DetachedSeat | null = null;
  /** The room tick of its last Input (or of its join/resume). */
  lastInputTick = 0;
  /** The view group whose ring ackTick refers to (−1: none yet). */
  viewGroup = -1;
  readonly viewer: Viewer;
  /** The input and view tick last handed to the room machine (commands only on change). */
  readonly submitted: Int32Array;
  submittedViewTick = -1;
  /** Newest Input seq told to the client in an InputAck (inputIntake.ts). */ inputAckSeq = 0;
  /** Muted by an operator: its chat is dropped. */
  muted = false;
  /**
   * What its client last reported in a Ping (operator console): smoothed RTT
   * and snapshot loss as it measures them, and when (server ms); null: none yet.
   */
  netReport: { rttMs: number; lossPct: number; atMs: number } | null = null;

  constructor(
    readonly playerId: number,
    readonly name: string,
    readonly session: SessionRecord,
    link: ClientLink | null,
    codec: GameCodec,
    /** Client address the seat counts against ('' = not counted: adopted from a predecessor). */
    public address = '',
  ) {
    this.link = link;
    this.inputs = new InputQueue(codec.input);
    this.submitted = new Int32Array(codec.input.fieldCount);
    this.viewer = { playerId, focus: playerId, x: 0, y: 0 };
  }

  get lastAppliedSeq(): number {
    return this.inputs.lastAppliedSeq;
  }

  /** The frame this player's queue received as `seq`: the delta base of its next Input (bound once, not per message). */
  readonly baseFrame = (seq: number): ArrayLike<number> | null => this.inputs.frameAt(seq);
}
