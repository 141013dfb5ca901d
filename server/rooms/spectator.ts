/**
 * One spectator of a room: a connection that receives the room's snapshots
 * and events like a player (same view groups, same acknowledged deltas) but
 * holds no seat and has no entity. Its viewer has playerId 0 (the engine's
 * word for a spectator); `focus` is the player it follows (0: free camera)
 * and x/y its camera centre in world units — what a big world's area of
 * interest is built around. It speaks only Ack, Ping and Leave.
 */
import type { Viewer } from '../../shared/engine/gameDefinition';
import type { AckBody } from '../../shared/protocol/messages';
import type { InterestRecipient } from '../interest/interestBroadcaster';
import type { ClientLink } from './clientLink';

/** The spectator's camera, written by its Acks (Viewer's fields are read-only to games). */
interface SpectatorViewer extends Viewer {
  focus: number;
  x: number;
  y: number;
}

export class Spectator implements InterestRecipient {
  link: ClientLink | null;
  ackTick = 0;
  lastAckedTick = 0;
  lastFullAtMs = -Infinity;
  lastFullTick = 0;
  backedUpSinceMs = 0;
  /** The view group whose ring ackTick refers to (−1: none yet). */
  viewGroup = -1;
  /** A spectator applies no inputs: every snapshot says seq 0. */
  readonly lastAppliedSeq = 0;
  readonly viewer: SpectatorViewer = { playerId: 0, focus: 0, x: 0, y: 0 };
  /** The room tick of its last Ack or Ping: a spectator that sends neither is idle. */
  lastActiveTick: number;

  constructor(
    /** Unique within its room while it watches (logs, operator tools). */
    readonly spectatorId: number,
    link: ClientLink,
    readonly address: string,
    joinedAtTick: number,
  ) {
    this.link = link;
    this.lastActiveTick = joinedAtTick;
  }

  /** Take the camera an Ack reports (the schema has already bounded every field). */
  look(ack: AckBody): void {
    this.viewer.focus = ack.f;
    this.viewer.x = ack.x;
    this.viewer.y = ack.y;
  }
}
