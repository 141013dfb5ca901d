/**
 * This node as a member of the cluster: keeps the shared store told what it
 * holds (presence heartbeat, rooms, resume sessions) and answers where a room,
 * a join code or a session lives. Writes are fire-and-forget with a bound on
 * those in flight; a failed or dropped write is repaired by the next heartbeat
 * (rooms, presence) or by the resync that follows a reconnect (everything).
 * Nothing here is on the tick path.
 */
import type { Logger } from '../logger';
import type { Room } from '../rooms/room';
import type { SessionRecord } from '../sessions/sessionStore';
import { ClusterUnavailableError, type ClusterRoom, type ClusterStore, type NodePresence } from './clusterStore';
import type { ClusterStats } from './clusterStats';
import { LivenessJudge } from './livenessJudge';

/** Fire-and-forget writes in flight before new ones are dropped (and counted). */
const MAX_WRITES_IN_FLIGHT = 4096;

/** Where a room lives. */
export interface RoomLocation {
  nodeId: string;
  /** The holder's public base URL. */
  url: string;
  roomId: string;
}

export interface ClusterNodeOptions {
  nodeId: string;
  publicUrl: string;
  heartbeatMs: number;
  store: ClusterStore;
  stats: ClusterStats;
  log: Logger;
  /** This node's rooms and sessions, read at heartbeat and resync time. */
  localRooms: () => Iterable<Room>;
  localSessions: () => Iterable<SessionRecord>;
  isDraining: () => boolean;
  /** Clock for the liveness grace, ms (default Date.now). */
  nowMs?: () => number;
}

export class ClusterNode {
  readonly nodeId: string;
  readonly publicUrl: string;
  readonly startedAtMs = Date.now();
  private readonly store: ClusterStore;
  private timer: ReturnType<typeof setInterval> | null = null;
  private inFlight = 0;
  /**
   * Routable nodes as of the last presence read (this one always included): the
   * live ones, and suspects (presence missing on one read, kept with their last
   * presence for one heartbeat's grace; see livenessJudge.ts).
   */
  private live = new Map<string, NodePresence>();
  private readonly suspects = new Set<string>();
  private readonly judge: LivenessJudge;
  /** A presence read in progress (joins that need one share it). */
  private refreshing: Promise<void> | null = null;
  private readonly createdAtMs = new WeakMap<Room, number>();
  /** Players this node sent to each room since the store's counts were last refreshed (room id → count). */
  private routedSinceRefresh = new Map<string, number>();
  /** The last heartbeat failed: the next successful one resyncs sessions too. */
  private outage = true;

  constructor(private readonly opts: ClusterNodeOptions) {
    this.nodeId = opts.nodeId;
    this.publicUrl = opts.publicUrl;
    this.store = opts.store;
    this.judge = new LivenessJudge(opts.heartbeatMs, opts.nowMs ?? (() => Date.now()));
  }

  start(): void {
    void this.heartbeat();
    this.timer = setInterval(() => void this.heartbeat(), this.opts.heartbeatMs);
    this.timer.unref();
  }

  /** Leave the cluster: stop heartbeating, withdraw presence (its rooms are gone with the process). */
  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    try {
      await this.store.removePresence(this.nodeId);
    } catch (err) {
      this.failed('removePresence', err);
    }
  }

  get liveNodeCount(): number {
    return this.live.size;
  }

  /** Cluster totals as of the last heartbeat. */
  clusterTotals(): { rooms: number; players: number } {
    let rooms = 0;
    let players = 0;
    for (const n of this.live.values()) {
      rooms += n.rooms;
      players += n.players;
    }
    return { rooms, players };
  }

  // ---- writes: what this node holds ----

  roomAdded(room: Room): void {
    this.createdAtMs.set(room, Date.now());
    this.write('putRooms', () => this.store.putRooms([this.record(room)]));
  }

  roomRemoved(room: Room): void {
    this.write('removeRoom', () => this.store.removeRoom(room.id, room.code ?? ''));
  }

  sessionIssued(s: SessionRecord): void {
    this.write('putSessions', () => this.store.putSessions([s]));
  }

  sessionRevoked(token: string): void {
    this.write('removeSession', () => this.store.removeSession(token));
  }

  /**
   * Presence, every local room's record (player counts) and the live-node view;
   * after an outage, every session too (they were written while the store was away, or not at all).
   */
  async heartbeat(): Promise<void> {
    const rooms = [...this.opts.localRooms()];
    const presence: NodePresence = {
      nodeId: this.nodeId,
      url: this.publicUrl,
      startedAtMs: this.startedAtMs,
      rooms: rooms.length,
      players: rooms.reduce((n, r) => n + r.playerCount, 0),
      draining: this.opts.isDraining(),
    };
    try {
      const t0 = performance.now();
      await this.store.ping();
      this.opts.stats.storeLatencyMs = performance.now() - t0;
      await this.store.putPresence(presence, 3 * this.opts.heartbeatMs);
      await this.store.putRooms(rooms.map((r) => this.record(r)));
      // A room disposed while that write was on its way must not stay listed.
      for (const r of rooms) if (r.phase === 'disposed') await this.store.removeRoom(r.id, r.code ?? '');
      if (this.outage) {
        await this.store.putSessions([...this.opts.localSessions()]);
        this.outage = false;
        this.opts.stats.resyncs++;
        this.opts.log.info({ node: this.nodeId, rooms: rooms.length }, 'cluster store resynced');
      }
      await this.refreshLive(presence);
      this.routedSinceRefresh = new Map();
    } catch (err) {
      this.outage = true;
      this.failed('heartbeat', err);
    }
  }

  /** After a reconnect: the store may have lost everything (a restarted Redis); write it all again. */
  resync(): Promise<void> {
    this.outage = true;
    return this.heartbeat();
  }

  // ---- reads: where things live (throw ClusterUnavailableError) ----

  /** The live holder of room `id`, or null if no live node holds it. */
  async locateRoom(id: string): Promise<RoomLocation | null> {
    const room = await this.read('roomById', () => this.store.roomById(id));
    return room ? await this.locationOf(room) : null;
  }

  async locateCode(code: string): Promise<RoomLocation | null> {
    const id = await this.read('roomIdByCode', () => this.store.roomIdByCode(code));
    return id ? this.locateRoom(id) : null;
  }

  /** The session of a resume token and where its room lives, or null when unknown. */
  async locateSession(token: string): Promise<RoomLocation | null> {
    const s = await this.read('findSession', () => this.store.findSession(token));
    return s ? this.locateRoom(s.roomId) : null;
  }

  /**
   * True when the room is registered to a node judged dead: its presence was
   * missing on reads one heartbeat apart (crashed, failover pending). A holder
   * missing from this node's view is read again first.
   */
  async isRegisteredElsewhere(ref: { id: string } | { code: string }): Promise<boolean> {
    const id = 'id' in ref ? ref.id : await this.read('roomIdByCode', () => this.store.roomIdByCode(ref.code));
    if (!id) return false;
    const room = await this.read('roomById', () => this.store.roomById(id));
    if (room === null || room.node === this.nodeId) return false;
    if (!this.live.has(room.node)) await this.read('liveNodes', () => this.refreshLive());
    return !this.live.has(room.node);
  }

  /** Every public room on a live node, with its holder's URL. */
  async publicRooms(): Promise<(ClusterRoom & { url: string })[]> {
    const rooms = await this.read('allRooms', () => this.store.allRooms());
    const out: (ClusterRoom & { url: string })[] = [];
    for (const r of rooms) {
      const node = this.live.get(r.node);
      if (node && r.code === '') out.push({ ...r, url: node.url });
    }
    return out;
  }

  /**
   * Quick play across the cluster: the fullest public room of `game` with a
   * free seat on a live, non-draining node (this node's rooms win ties), or
   * null when none has one (then the asking node opens a room itself).
   *
   * Two guards keep a storm from piling onto one node: a room's count adds the
   * players this node routed to it since the counts were refreshed (they are
   * up to one heartbeat old), and a room on a node holding more than one
   * room's worth of players more than this one is skipped (this node opens a
   * room instead), so new rooms open where the matchmaking traffic arrives.
   */
  async pickQuickPlay(game: string): Promise<RoomLocation | null> {
    const rooms = await this.publicRooms();
    let selfPlayers = 0;
    for (const r of this.opts.localRooms()) selfPlayers += r.playerCount;
    let best: (ClusterRoom & { url: string }) | null = null;
    let bestCount = -1;
    for (const r of rooms) {
      const node = this.live.get(r.node);
      const count = r.players + (this.routedSinceRefresh.get(r.id) ?? 0);
      // A suspect node may be dead: new players go where presence is certain.
      if (r.game !== game || count >= r.maxPlayers || !node || node.draining || this.suspects.has(r.node)) continue;
      if (r.node !== this.nodeId && node.players > selfPlayers + r.maxPlayers) continue;
      if (count > bestCount || (count === bestCount && r.node === this.nodeId)) {
        best = r;
        bestCount = count;
      }
    }
    if (!best) return null;
    if (best.node !== this.nodeId) this.routedSinceRefresh.set(best.id, bestCount + 1 - best.players);
    return { nodeId: best.node, url: best.url, roomId: best.id };
  }

  /**
   * The room's holder if routable. A holder missing from this node's view (the
   * view is up to one heartbeat old: the holder may be newer than it, or was
   * judged dead since) is read again once before the answer is no.
   */
  private async locationOf(room: ClusterRoom): Promise<RoomLocation | null> {
    if (!this.live.has(room.node)) await this.read('liveNodes', () => this.refreshLive());
    const node = this.live.get(room.node);
    return node ? { nodeId: node.nodeId, url: node.url, roomId: room.id } : null;
  }

  /** Read every presence and judge each node (concurrent callers share one read). */
  private refreshLive(self?: NodePresence): Promise<void> {
    if (self === undefined && this.refreshing) return this.refreshing;
    const run = this.store.liveNodes().then((nodes) => this.judgeLive(nodes, self ?? this.live.get(this.nodeId)));
    if (self === undefined) this.refreshing = run.finally(() => (this.refreshing = null));
    return run;
  }

  /** The new view: present nodes, plus previously routable ones still within their grace (suspects). */
  private judgeLive(nodes: readonly NodePresence[], self: NodePresence | undefined): void {
    const next = new Map(nodes.map((n) => [n.nodeId, n]));
    for (const n of nodes) this.judge.observe(n.nodeId, true);
    this.suspects.clear();
    for (const [id, last] of this.live) {
      if (next.has(id) || id === this.nodeId) continue;
      if (this.judge.observe(id, false) === 'suspect') {
        next.set(id, last);
        this.suspects.add(id);
      } else {
        this.opts.log.info({ node: id }, 'cluster node judged dead: presence missing for a heartbeat');
      }
    }
    if (self) next.set(this.nodeId, self);
    this.live = next;
    this.judge.retainOnly(new Set(next.keys()));
  }

  private record(room: Room): ClusterRoom {
    return {
      id: room.id,
      node: this.nodeId,
      game: room.game.name,
      name: room.name,
      code: room.code ?? '',
      players: room.playerCount,
      maxPlayers: room.maxPlayers,
      createdAtMs: this.createdAtMs.get(room) ?? this.startedAtMs,
    };
  }

  private write(operation: string, op: () => Promise<void>): void {
    if (this.inFlight >= MAX_WRITES_IN_FLIGHT) {
      this.opts.stats.writesDropped++;
      this.outage = true; // the next heartbeat rewrites everything
      return;
    }
    this.inFlight++;
    op().then(
      () => this.inFlight--,
      (err: unknown) => {
        this.inFlight--;
        this.outage = true;
        this.failed(operation, err);
      },
    );
  }

  private async read<T>(operation: string, op: () => Promise<T>): Promise<T> {
    try {
      return await op();
    } catch (err) {
      this.failed(operation, err);
      this.opts.stats.unavailable++;
      throw new ClusterUnavailableError(operation, err);
    }
  }

  private failed(operation: string, err: unknown): void {
    this.opts.stats.storeErrors++;
    this.opts.log.debug({ operation, err: err instanceof Error ? err.message : String(err) }, 'cluster store operation failed');
  }
}
