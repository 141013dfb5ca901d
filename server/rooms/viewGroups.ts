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
 *
 * A big world is also **phased**: each viewer gets its snapshot on its own
 * tick (mod snapshotEvery, viewerPhases.ts), so every tick builds a share of
 * the views instead of the snapshot tick building all of them; events wait in
 * an EventWindow until each viewer's own snapshot. Rooms without interest are
 * not: their viewers share one capture and one encode per baseline, which
 * phases would split (docs/BIG-WORLDS.md, "Which rooms are phased").
 */
import type { AnyGame } from '../../shared/engine/gameDefinition';
import type { EntityLayout } from '../../shared/protocol/entitySchema';
import type { EntityTable } from '../../shared/protocol/entityTable';
import type { AnyEvent } from '../../shared/protocol/eventSchema';
import { StandingsStreams } from '../bigworld/standingsStreams';
import { InterestBroadcaster, type InterestRecipient } from '../interest/interestBroadcaster';
import { EventWindow } from '../interest/eventWindow';
import { VIEWER_RING_SIZE } from '../interest/viewerRing';
import { ViewerPhases } from '../interest/viewerPhases';
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
  /** Set with `interest`: the snapshot phase of each viewer, and the events waiting for it. */
  private readonly phases: ViewerPhases<InterestRecipient> | null;
  private readonly eventWindow: EventWindow | null;
  private readonly everyone: InterestRecipient[] = [];
  private dueTick = 0;

  constructor(
    private readonly game: AnyGame,
    private readonly layout: EntityLayout,
    private readonly ringSize: number,
    private readonly policy: BackpressurePolicy,
    private readonly stats: ServerStats,
    snapshotEvery = 1,
  ) {
    this.interest = game.interest
      ? new InterestBroadcaster(game.interest, layout, Math.min(ringSize, VIEWER_RING_SIZE), policy, stats)
      : null;
    this.standings = game.standings ? new StandingsStreams(game.standings, stats) : null;
    this.phases = this.interest ? new ViewerPhases(snapshotEvery) : null;
    // A viewer moved to another phase waits up to 2 × every − 1 ticks once; keep a little more.
    this.eventWindow = this.interest ? new EventWindow(4 * snapshotEvery) : null;
  }

  /** Whether the room calls `broadcastDue` every tick (a big world) instead of `broadcast` on its snapshot ticks. */
  get phased(): boolean {
    return this.phases !== null;
  }

  /** Viewers per snapshot phase (a big world; tests and the bench). */
  phaseCounts(): number[] {
    return this.phases ? this.phases.phaseCounts() : [];
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

  /**
   * A big world's tick (every tick): `events` (this tick's, copied) join the
   * window; the viewers whose phase it is get their snapshot of `tick`, each
   * followed in the same write by the events since the last it was handed;
   * the standings streams, when due, are read once and go to each viewer on
   * its own tick of the next interval. `recipients`: all of the room's
   * members and spectators (absent ones have left).
   */
  broadcastDue(state: unknown, recipients: Iterable<InterestRecipient>, tick: number, nowMs: number, events: readonly AnyEvent[]): void {
    const phases = this.phases!;
    this.eventWindow!.push(tick, events);
    const all = this.everyone;
    all.length = 0;
    for (const r of recipients) all.push(r);
    const due = phases.select(all, tick, this.forgetViewer);
    if (this.standings) {
      if (this.standings.due(nowMs)) this.standings.prepare(state, tick, nowMs, phases.every);
      this.standings.sendPrepared(due, tick);
    }
    if (due.length === 0) return;
    this.dueTick = tick;
    this.interest!.broadcast(state, due, tick, nowMs, this.eventsOf, true);
    // A detached member (no link) was handed nothing: its resume starts anew (viewerPhases.ts).
    for (const r of due) if (r.link) phases.eventsDelivered(r, tick);
  }

  private readonly forgetViewer = (r: InterestRecipient): void => this.interest!.forget(r);

  private readonly eventsOf = (r: InterestRecipient): readonly Uint8Array[] =>
    this.eventWindow!.framesFor(this.phases!.eventsThrough(r), this.dueTick);

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
