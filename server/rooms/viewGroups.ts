/**
 * A room's outbound snapshots, per view group: the game says which viewers
 * see the same thing (`viewGroup`); each group's view is captured once and
 * encoded once per baseline by its own SnapshotBroadcaster (ring of recent
 * views, acknowledgements, backpressure). A member whose group changes
 * starts over with a full snapshot: its acknowledged ticks name another ring.
 *
 * A big world (a game with `interest`) is sent per viewer instead, by the
 * InterestBroadcaster (server/interest/): each viewer its own area of
 * interest, as deltas against what it acknowledged. A game with `standings`
 * also gets the room-wide Leaderboard, Minimap and Rank streams
 * (server/bigworld/).
 */
import type { AnyGame } from '../../shared/engine/gameDefinition';
import type { EntityLayout } from '../../shared/protocol/entitySchema';
import type { EntityTable } from '../../shared/protocol/entityTable';
import { StandingsStreams } from '../bigworld/standingsStreams';
import { InterestBroadcaster, type InterestRecipient } from '../interest/interestBroadcaster';
import { VIEWER_RING_SIZE } from '../interest/viewerRing';
import type { ServerStats } from '../serverStats';
import { SnapshotBroadcaster, type BackpressurePolicy } from './snapshotBroadcaster';

export class ViewGroups {
  private readonly broadcasters = new Map<number, SnapshotBroadcaster>();
  private readonly members = new Map<number, InterestRecipient[]>();
  /** Set for games with interest management: it replaces the groups. */
  readonly interest: InterestBroadcaster | null;
  /** Set for games with standings (big worlds). */
  private readonly standings: StandingsStreams | null;
  private readonly standingsMembers: InterestRecipient[] = [];

  constructor(
    private readonly game: AnyGame,
    private readonly layout: EntityLayout,
    private readonly ringSize: number,
    private readonly policy: BackpressurePolicy,
    private readonly stats: ServerStats,
  ) {
    this.interest = game.interest
      ? new InterestBroadcaster(game.interest, layout, Math.min(ringSize, VIEWER_RING_SIZE), policy, stats)
      : null;
    this.standings = game.standings ? new StandingsStreams(game.standings, stats) : null;
  }

  /** The newest captured view of the first group (tests and tools); a big world's whole world. */
  get latest(): EntityTable | null {
    if (this.interest) return this.interest.world.tick > 0 ? this.interest.world : null;
    for (const b of this.broadcasters.values()) return b.current;
    return null;
  }

  /** The tick a member's acknowledgement (snapshot index mod 2^INPUT_ACK_BITS) names in its group's ring; 0 if none. */
  resolveAck(member: InterestRecipient, indexLow: number, snapshotEvery: number): number {
    if (this.interest) return this.interest.resolveAck(member, indexLow, snapshotEvery);
    const b = this.broadcasters.get(member.viewGroup);
    return b ? b.resolveAck(indexLow, snapshotEvery) : 0;
  }

  /** Capture each group's view of `state` once and send it, then `trailer` (this tick's events), to its connected members. */
  broadcast(state: unknown, members: Iterable<InterestRecipient>, tick: number, nowMs: number, trailer: readonly Uint8Array[]): void {
    if (this.standings?.due(nowMs)) {
      // `members` may be a one-pass iterator: keep them for the streams.
      const list = this.standingsMembers;
      list.length = 0;
      for (const m of members) list.push(m);
      members = list;
      this.standings.send(state, list, tick, nowMs);
    }
    if (this.interest) {
      this.interest.broadcast(state, members, tick, nowMs, trailer);
      return;
    }
    for (const list of this.members.values()) list.length = 0;
    for (const m of members) {
      if (!m.link) continue;
      const g = this.game.viewGroup(state, m.viewer);
      if (g !== m.viewGroup) {
        m.viewGroup = g;
        m.ackTick = 0;
      }
      let list = this.members.get(g);
      if (!list) this.members.set(g, (list = []));
      list.push(m);
    }
    for (const [g, list] of this.members) {
      if (list.length === 0) {
        this.members.delete(g);
        this.broadcasters.delete(g);
        continue;
      }
      let b = this.broadcasters.get(g);
      if (!b) this.broadcasters.set(g, (b = new SnapshotBroadcaster(this.layout, this.ringSize, this.policy, this.stats)));
      const viewer = list[0].viewer;
      b.capture(tick, (out) => this.game.writeView(state, viewer, out));
      b.broadcast(list, nowMs, trailer);
    }
  }
}
