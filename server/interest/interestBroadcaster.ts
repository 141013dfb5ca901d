/**
 * Snapshots for a big world (a game with `interest`): each viewer gets the
 * entities in its area of interest as a delta against the view *it*
 * acknowledged. Per snapshot:
 *
 *   1. capture the whole world once (writeWorld) and index it (SpatialGrid):
 *      O(entities);
 *   2. per viewer: interest set (grid query + hysteresis), baseline
 *      (fullSnapshotLimiter, against its own ring), view under its byte
 *      budget (InterestViewer): O(what it sees);
 *   3. viewers with equal (baseline, view) pairs — same area, baseline tick
 *      and row counts, confirmed row by row — share one encode; only ackSeq
 *      is patched;
 *   4. the views enter their rings.
 *
 * Without a byte budget, step 2 works on square slices instead of rows
 * (squareIndex.ts, squareViewer.ts, squareDeltaWriter.ts): the world is cut
 * into squares once per snapshot, a square is replaced only when something in
 * it changed, views are lists of references to squares, and a viewer's delta
 * skips every square unchanged since its baseline — the per-viewer cost
 * follows what changed, not what it sees. Under a budget each row may lag on
 * its own (the priority accumulator), so views are rows (InterestViewer).
 *
 * Nothing is O(viewers × world). Backpressure as in SnapshotBroadcaster: a
 * backed-up viewer is skipped (its events still go), then closed 4004.
 */
import type { InterestArea, InterestDefinition } from '../../shared/engine/gameDefinition';
import { ByteWriter } from '../../shared/protocol/bytes';
import { CloseCode } from '../../shared/protocol/constants';
import type { EntityLayout } from '../../shared/protocol/entitySchema';
import { EntityTable } from '../../shared/protocol/entityTable';
import { SnapshotDeltaWriter } from '../../shared/protocol/snapshotDeltaWriter';
import { SNAPSHOT_ACK_OFFSET } from '../../shared/protocol/snapshotFrame';
import { SendStatus } from '../rooms/clientLink';
import { chooseBaseline } from '../rooms/fullSnapshotLimiter';
import type { BackpressurePolicy, SnapshotRecipient } from '../rooms/snapshotBroadcaster';
import type { Viewer } from '../../shared/engine/gameDefinition';
import type { ServerStats } from '../serverStats';
import { InterestViewer, type InterestRules } from './interestViewer';
import { SpatialGrid } from './spatialGrid';
import { SquareDeltaWriter } from './squareDeltaWriter';
import { SquareIndex } from './squareIndex';
import type { SquareView } from './squareView';
import { SquareViewer } from './squareViewer';

/** A room member as the interest broadcaster sees it (RoomMember is one). */
export interface InterestRecipient extends SnapshotRecipient {
  readonly viewer: Viewer;
  /** INTEREST_VIEW_GROUP once its acks name its own ring. */
  viewGroup: number;
  ackTick: number;
}

/**
 * What follows a member's snapshot in the same write (its events): the same
 * frames for everyone, or per member (viewers on their own phases, viewerPhases.ts).
 */
export type Trailer = readonly Uint8Array[] | ((member: InterestRecipient) => readonly Uint8Array[]);

type AnyViewer = InterestViewer | SquareViewer;
type AnyView = EntityTable | SquareView;

interface Outgoing {
  member: InterestRecipient;
  viewer: AnyViewer;
  base: AnyView | null;
  view: AnyView;
}

export class InterestBroadcaster {
  readonly world: EntityTable;
  private readonly grid = new SpatialGrid();
  /** Set when views are built from square slices (no byte budget). */
  private readonly squares: SquareIndex | null;
  private readonly squareWriter: SquareDeltaWriter;
  private readonly viewers = new Map<InterestRecipient, AnyViewer>();
  private readonly seen = new Set<InterestRecipient>();
  private readonly area: InterestArea = { x: 0, y: 0, halfWidth: 0, halfHeight: 0, margin: 0 };
  private readonly rules: InterestRules;
  private readonly groups = new Map<string | number, Outgoing[]>();
  /** Emptied group lists for reuse: a group key is a hash that changes every snapshot, and a map kept across snapshots promoted thousands of lists to the old space. */
  private readonly freeGroups: Outgoing[][] = [];
  private readonly writer = new ByteWriter(4096);
  private readonly deltaWriter: SnapshotDeltaWriter;
  private outgoingPool: Outgoing[] = [];
  private readonly ordered: InterestRecipient[] = [];
  private readonly sortedScratch: InterestRecipient[] = [];
  private orderKeys = new Float64Array(64);
  private outgoingUsed = 0;
  /** Wall ms spent capturing and indexing the world (O(entities), once per call; the bench reads it). */
  worldMs = 0;

  constructor(
    private readonly interest: InterestDefinition<unknown>,
    private readonly layout: EntityLayout,
    private readonly ringSize: number,
    private readonly policy: BackpressurePolicy,
    private readonly stats: ServerStats,
  ) {
    this.world = new EntityTable(layout.stride, 1024);
    this.deltaWriter = new SnapshotDeltaWriter(layout);
    this.squareWriter = new SquareDeltaWriter(layout);
    this.squares = interest.budgetBytesPerSec > 0 ? null : new SquareIndex(layout.schema.kinds.map((k) => k.kind));
    this.rules = { layout, xField: interest.xField, yField: interest.yField, importance: (k) => interest.importance(k) };
  }

  /** The member's row-based viewer state under a byte budget (tests read its ring and interest set). */
  viewerOf(member: InterestRecipient): InterestViewer | undefined {
    const v = this.viewers.get(member);
    return v instanceof InterestViewer ? v : undefined;
  }

  /** The member's square-based viewer state without a budget. */
  squareViewerOf(member: InterestRecipient): SquareViewer | undefined {
    const v = this.viewers.get(member);
    return v instanceof SquareViewer ? v : undefined;
  }

  /** The view the member was sent at `tick` as one table (tests and tools; copies). */
  viewTableAt(member: InterestRecipient, tick: number): EntityTable | null {
    const v = this.viewers.get(member);
    if (!v) return null;
    if (v instanceof InterestViewer) return v.ring.at(tick);
    return v.ring.at(tick)?.toTable(this.layout.stride) ?? null;
  }

  /** Rows in the member's newest view (0: none yet). */
  viewRowCount(member: InterestRecipient): number {
    const v = this.viewers.get(member);
    if (!v) return 0;
    return v instanceof InterestViewer ? (v.ring.current?.count ?? 0) : (v.ring.current?.rowCount ?? 0);
  }

  /** Squares replaced in the last snapshot (0 under a budget). */
  get changedSquares(): number {
    return this.squares ? this.squares.changedSquares : 0;
  }

  resolveAck(member: InterestRecipient, indexLow: number, snapshotEvery: number): number {
    const v = this.viewers.get(member);
    return v ? v.ring.resolveAck(indexLow, snapshotEvery) : 0;
  }

  /**
   * Snapshot `tick` to `members`. `partial`: they are some of the room's
   * viewers (those due on this tick), so a viewer not among them keeps its
   * state; the caller calls `forget` for the ones that left. Otherwise a
   * viewer not among `members` has left.
   */
  broadcast(state: unknown, members: Iterable<InterestRecipient>, tick: number, nowMs: number, trailer: Trailer, partial = false): void {
    const startedMs = performance.now();
    const interest = this.interest;
    const world = this.world.begin(tick);
    interest.writeWorld(state, world);
    world.finish();
    const size = interest.worldSize(state);
    if (this.squares) this.squares.build(world, interest.xField, interest.yField, size.width, size.height, interest.gridCellSize);
    else this.grid.build(world, interest.xField, interest.yField, size.width, size.height, interest.gridCellSize);
    this.worldMs += performance.now() - startedMs;

    for (const list of this.groups.values()) {
      list.length = 0;
      this.freeGroups.push(list);
    }
    this.groups.clear();
    this.outgoingUsed = 0;
    this.seen.clear();
    let stalest = 0;
    for (const m of this.inSpatialOrder(state, members, nowMs, trailer)) {
      interest.areaOf(state, m.viewer, this.area);
      const o = this.squares ? this.buildSquareView(m, tick, nowMs) : this.buildRowView(m, tick, nowMs);
      if (o.viewer.stalestTicks > stalest) stalest = o.viewer.stalestTicks;
    }
    for (const group of this.groups.values()) this.sendGroup(group, trailer);
    for (const group of this.groups.values()) for (const o of group) o.viewer.ring.commit();
    if (!partial) this.forgetAbsent();
    this.stats.interestStalestTicks = stalest;
    if (stalest > this.stats.interestStalestTicksMax) this.stats.interestStalestTicksMax = stalest;
    this.stats.tickBroadcastMs += performance.now() - startedMs;
  }

  /**
   * The members to send to, ordered by the square their area is centred in:
   * neighbours see the same square slices, so building their views one after
   * the other finds the slices in the CPU cache (1,000 viewers × their
   * squares do not fit in it).
   */
  private inSpatialOrder(state: unknown, members: Iterable<InterestRecipient>, nowMs: number, trailer: Trailer): InterestRecipient[] {
    const list = this.ordered;
    list.length = 0;
    for (const m of members) {
      this.seen.add(m);
      const link = m.link;
      if (!link || !link.isOpen) continue;
      if (this.backedUp(m, nowMs, trailer)) continue;
      if (m.viewGroup !== INTEREST_VIEW_GROUP) {
        m.viewGroup = INTEREST_VIEW_GROUP;
        m.ackTick = 0;
      }
      list.push(m);
    }
    const index = this.squares;
    if (!index || list.length < 2) return list;
    if (this.orderKeys.length < list.length) this.orderKeys = new Float64Array(list.length * 2);
    const keys = this.orderKeys.subarray(0, list.length);
    for (let i = 0; i < list.length; i++) {
      this.interest.areaOf(state, list[i].viewer, this.area);
      keys[i] = (index.row(this.area.y) * index.cols + index.col(this.area.x)) * 1048576 + i;
    }
    keys.sort();
    const sorted = this.sortedScratch;
    sorted.length = 0;
    for (let i = 0; i < keys.length; i++) sorted.push(list[keys[i] % 1048576]);
    return sorted;
  }

  /** A viewer without a budget: views of square slices; grouped by a hash of (baseline tick, baseline, view). */
  private buildSquareView(m: InterestRecipient, tick: number, nowMs: number): Outgoing {
    let v = this.viewers.get(m) as SquareViewer | undefined;
    if (!v) this.viewers.set(m, (v = new SquareViewer(this.ringSize)));
    const baseTick = chooseBaseline(m, tick, v.ring.isHeld, nowMs, this.policy.fullSnapshotIntervalMs);
    const base = baseTick === 0 ? null : v.ring.at(baseTick);
    const view = v.build(this.squares!, this.area, tick, this.interest.xField, this.interest.yField, this.layout.stride);
    const key = (Math.imul(baseTick ^ (base ? base.hash : 0x9e3779b9), 0x01000193) ^ view.hash) >>> 0;
    return this.join(key, this.outgoing(m, v, base, view));
  }

  /** A viewer under a byte budget: row views through the priority accumulator. */
  private buildRowView(m: InterestRecipient, tick: number, nowMs: number): Outgoing {
    let v = this.viewers.get(m) as InterestViewer | undefined;
    if (!v) this.viewers.set(m, (v = new InterestViewer(this.layout.stride, undefined, this.ringSize)));
    const baseTick = chooseBaseline(m, tick, v.ring.isHeld, nowMs, this.policy.fullSnapshotIntervalMs);
    const base = baseTick === 0 ? null : v.ring.at(baseTick);
    const view = v.build(this.world, this.grid, this.area, base, m.viewer.focus, this.rules, this.interest.budgetBytesPerSec, nowMs);
    // Viewers with the same area, baseline tick and counts are candidates to share; sendGroup confirms row by row.
    const a = this.area;
    const key = `${baseTick}:${base ? base.count : -1}:${view.count}:${a.x}:${a.y}:${a.halfWidth}:${a.margin}`;
    return this.join(key, this.outgoing(m, v, base, view));
  }

  private join(key: string | number, o: Outgoing): Outgoing {
    let group = this.groups.get(key);
    if (!group) this.groups.set(key, (group = this.freeGroups.pop() ?? []));
    group.push(o);
    return o;
  }

  /** Encode once for the group (re-encoding for any member whose tables only collided in hash) and send. */
  private sendGroup(group: Outgoing[], trailer: Trailer): void {
    if (group.length === 0) return;
    let encodedFor: Outgoing | null = null;
    for (const o of group) {
      if (encodedFor === null || !sameTables(encodedFor, o)) {
        this.encode(o);
        this.stats.snapshotsEncoded++;
        if (o.base === null) this.stats.fullSnapshots++;
        encodedFor = o;
      }
      const frame = this.writer.written();
      this.writer.setU32(SNAPSHOT_ACK_OFFSET, o.member.lastAppliedSeq);
      const extras = typeof trailer === 'function' ? trailer(o.member) : trailer;
      const status = o.member.link!.sendBatch(frame, extras);
      for (const extra of extras) this.count(status, extra);
      if (status === SendStatus.Dropped) {
        if (o.base === null) o.member.lastFullTick = 0;
        this.stats.snapshotsSkipped++;
        continue;
      }
      o.viewer.spend(frame.length);
      this.stats.snapshotsSent++;
      this.count(status, frame);
    }
  }

  private encode(o: Outgoing): void {
    if (o.view instanceof EntityTable) this.deltaWriter.write(this.writer.reset(), o.base as EntityTable | null, o.view);
    else this.squareWriter.write(this.writer.reset(), o.base as SquareView | null, o.view);
  }

  private backedUp(m: InterestRecipient, nowMs: number, trailer: Trailer): boolean {
    const link = m.link!;
    if (link.bufferedAmount() <= this.policy.skipBytes) {
      m.backedUpSinceMs = 0;
      return false;
    }
    for (const frame of typeof trailer === 'function' ? trailer(m) : trailer) this.count(link.send(frame), frame);
    this.stats.snapshotsSkipped++;
    if (m.backedUpSinceMs === 0) m.backedUpSinceMs = nowMs;
    else if (nowMs - m.backedUpSinceMs >= this.policy.slowCloseMs) link.close(CloseCode.SlowConsumer, 'slow consumer: not reading snapshots');
    return true;
  }

  private outgoing(member: InterestRecipient, viewer: AnyViewer, base: AnyView | null, view: AnyView): Outgoing {
    let o = this.outgoingPool[this.outgoingUsed];
    if (!o) this.outgoingPool.push((o = { member, viewer, base, view }));
    o.member = member;
    o.viewer = viewer;
    o.base = base;
    o.view = view;
    this.outgoingUsed++;
    return o;
  }

  /** A viewer that left the room (partial broadcasts: the caller knows who left). */
  forget(member: InterestRecipient): void {
    this.viewers.delete(member);
  }

  /** Members that left the room take their viewer state with them. */
  private forgetAbsent(): void {
    if (this.viewers.size === this.seen.size) return;
    for (const m of this.viewers.keys()) if (!this.seen.has(m)) this.viewers.delete(m);
  }

  private count(status: SendStatus, frame: Uint8Array): void {
    if (status === SendStatus.Dropped) return;
    this.stats.messagesOut++;
    this.stats.bytesOut += frame.length;
  }
}

/** The viewGroup number members of an interest-managed room carry (their acks name their own ring). */
export const INTEREST_VIEW_GROUP = -2;

function sameTables(a: Outgoing, b: Outgoing): boolean {
  if ((a.base === null) !== (b.base === null)) return false;
  if (a.base && b.base && (a.base.tick !== b.base.tick || !sameView(a.base, b.base))) return false;
  return sameView(a.view, b.view);
}

function sameView(a: AnyView, b: AnyView): boolean {
  if (a instanceof EntityTable) return b instanceof EntityTable && a.sameEntities(b);
  return !(b instanceof EntityTable) && a.sameAs(b);
}
