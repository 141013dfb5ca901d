/**
 * One game room: its members, their inputs, the game's state, and the
 * snapshots and events sent to them. Transport-free (members hold a
 * ClientLink) and clock-free (every method takes `nowMs`), so tests drive it
 * with literal times and fake links.
 *
 * Lifecycle: created → running (someone joined) → empty (no members, no
 * reserved seats) → disposed once empty for `emptyGraceMs`.
 * Seats: members (connected, or disconnected within their session grace) plus
 * seats reserved at the WebSocket upgrade and not yet joined. Per-address
 * quotas (seatQuota.ts) bound what one address holds; a player that sends no
 * Input for playerIdleTimeoutMs of simulated time is closed (4005) and its seat freed.
 */
import type { GameDefinition, PlayerInput, PlayerSave } from '../../shared/engine/gameDefinition';
import { CloseCode, Limits, Opcode } from '../../shared/protocol/constants';
import { encodeServerMessage } from '../../shared/protocol/frameCodec';
import type { EntityTable } from '../../shared/protocol/entityTable';
import type { GameEvent, InputBody, PlayerInfo } from '../../shared/protocol/messages';
import type { ServerStats } from '../serverStats';
import type { SessionRecord, SessionStore } from '../sessions/sessionStore';
import { type ClientLink, SendStatus } from './clientLink';
import { InputQueue } from './inputQueue';
import { SeatLedger, type DetachedSeat } from './seatQuota';
import { SnapshotBroadcaster, type SnapshotRecipient } from './snapshotBroadcaster';

export interface RoomOptions<S> {
  id: string;
  name: string;
  /** Join code for private rooms; null for public ones. */
  code: string | null;
  maxPlayers: number;
  game: GameDefinition<S>;
  seed: number;
  tickRate: number;
  /** Snapshot every N ticks. */
  snapshotEvery: number;
  /** Which tick (mod snapshotEvery) this room snapshots on: spreads send work across ticks. */
  snapshotPhase: number;
  ringSize: number;
  sessionGraceMs: number;
  emptyGraceMs: number;
  skipBytes: number;
  slowCloseMs: number;
  fullSnapshotIntervalMs: number;
  /** No Input for this long (counted in ticks: a server stall does not count) → closed 4005, seat freed. */
  playerIdleTimeoutMs: number;
  /** Announced in the welcome: inputs/s before the connection is closed with 1008. */
  maxInputRate: number;
  nowMs: number;
}

export class RoomMember implements SnapshotRecipient {
  link: ClientLink | null;
  readonly inputs = new InputQueue();
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
  save: PlayerSave | null = null;

  constructor(
    readonly playerId: number,
    readonly name: string,
    readonly session: SessionRecord,
    link: ClientLink | null,
    /** Client address the seat counts against ('' = not counted: adopted from a predecessor). */
    public address = '',
  ) {
    this.link = link;
  }

  get lastAppliedSeq(): number {
    return this.inputs.lastAppliedSeq;
  }
}

export type RoomPhase = 'created' | 'running' | 'empty' | 'disposed';
export type JoinRefusal = typeof CloseCode.RoomFull | typeof CloseCode.SeatQuotaExceeded;

const MAX_PLAYER_ID = 255;
const NO_FRAMES: Uint8Array[] = [];

export class Room<S = unknown> {
  readonly id: string;
  readonly name: string;
  readonly code: string | null;
  readonly maxPlayers: number;
  readonly game: GameDefinition<S>;
  readonly seed: number;
  readonly createdAtMs: number;
  phase: RoomPhase = 'created';
  private readonly state: S;
  private readonly members = new Map<number, RoomMember>();
  private reservations = 0;
  private emptySinceMs: number;
  private readonly inputs = new Map<number, PlayerInput>();
  private readonly events: GameEvent[] = [];
  private readonly snapshots: SnapshotBroadcaster;

  constructor(
    private readonly opts: RoomOptions<S>,
    private readonly sessions: SessionStore,
    private readonly stats: ServerStats,
    private readonly seats: SeatLedger = SeatLedger.unlimited(),
  ) {
    this.id = opts.id;
    this.name = opts.name;
    this.code = opts.code;
    this.maxPlayers = opts.maxPlayers;
    this.game = opts.game;
    this.seed = opts.seed;
    this.createdAtMs = opts.nowMs;
    this.emptySinceMs = opts.nowMs;
    this.state = opts.game.createState(opts.seed, { tickRate: opts.tickRate });
    this.snapshots = new SnapshotBroadcaster(
      opts.game.entitySchema,
      opts.ringSize,
      { skipBytes: opts.skipBytes, slowCloseMs: opts.slowCloseMs, fullSnapshotIntervalMs: opts.fullSnapshotIntervalMs },
      stats,
    );
  }

  /** The newest captured snapshot (what clients are being brought to). */
  get latestSnapshot(): EntityTable | null {
    return this.snapshots.current;
  }

  get isPrivate(): boolean {
    return this.code !== null;
  }

  get tick(): number {
    return this.game.tickOf(this.state);
  }

  /** Members, connected or within their grace period. */
  get playerCount(): number {
    return this.members.size;
  }

  get connectedCount(): number {
    let n = 0;
    for (const m of this.members.values()) if (m.link) n++;
    return n;
  }

  get seatsTaken(): number {
    return this.members.size + this.reservations;
  }

  get hasFreeSeat(): boolean {
    return this.phase !== 'disposed' && this.seatsTaken < this.maxPlayers;
  }

  /** Hold a seat for a connection that has upgraded but not yet joined. */
  reserveSeat(): boolean {
    if (!this.hasFreeSeat) return false;
    this.reservations++;
    return true;
  }

  releaseReservation(nowMs: number): void {
    if (this.reservations > 0) this.reservations--;
    this.updateEmptiness(nowMs);
  }

  /**
   * Admit a new player. `reserved`: the connection holds a seat from the
   * upgrade; `address`: the client's, for the per-address seat quota. Returns
   * the member, RoomFull, or SeatQuotaExceeded (a reserved seat is released either way).
   */
  join(link: ClientLink, requestedName: string, reserved: boolean, address = ''): RoomMember | JoinRefusal {
    if (reserved) this.reservations--;
    else if (!this.hasFreeSeat) return CloseCode.RoomFull;
    if (!this.seats.canSeat(address)) return CloseCode.SeatQuotaExceeded;
    const playerId = this.freePlayerId();
    if (playerId === 0) return CloseCode.RoomFull;
    const name = this.uniqueName(requestedName);
    const session = this.sessions.issue(this.id, playerId);
    const member = new RoomMember(playerId, name, session, link, address);
    member.lastInputTick = this.tick;
    this.seats.seat(address);
    this.members.set(playerId, member);
    this.game.addPlayer(this.state, playerId);
    this.events.push({ type: 'joined', id: playerId, name });
    this.phase = 'running';
    this.sendWelcome(member, false);
    return member;
  }

  /**
   * Give a returning client its player back. If the session is still
   * connected elsewhere, that connection is closed (4103): one connection per
   * session at a time.
   */
  resume(session: SessionRecord, link: ClientLink, nowMs: number, address = ''): RoomMember | null {
    const member = this.members.get(session.playerId);
    if (!member || member.session.token !== session.token) return null;
    // A resume is not a new seat: it moves to the new address without a quota check.
    if (member.detachedSeat) this.seats.reattach(member.detachedSeat);
    member.detachedSeat = null;
    if (address !== member.address) {
      this.seats.unseat(member.address, null);
      this.seats.seat(address);
      member.address = address;
    }
    member.lastInputTick = this.tick;
    // Point the member at the new link first: the old link's close handler
    // then sees it no longer owns the member.
    const old = member.link;
    member.link = link;
    old?.close(CloseCode.SessionTakenOver, 'session resumed by a newer connection');
    if (member.save) {
      this.game.addPlayer(this.state, member.playerId, member.save);
      member.save = null;
    }
    member.detachedAtMs = null;
    member.ackTick = 0;
    member.lastAckedTick = 0;
    member.lastFullAtMs = -Infinity; // a new connection: its full snapshot goes out at once
    member.lastFullTick = 0;
    member.backedUpSinceMs = 0;
    member.inputs.reset();
    this.phase = 'running';
    this.updateEmptiness(nowMs);
    this.sendWelcome(member, true);
    return member;
  }

  /**
   * The member's connection ended. `left` (the client said Leave, or was
   * refused for cause): gone for good. Otherwise the player is taken out of the
   * world and its state kept for `sessionGraceMs` so it can resume.
   */
  disconnect(member: RoomMember, left: boolean, nowMs: number, serverDrained = false): void {
    if (this.members.get(member.playerId) !== member) return;
    member.link = null;
    if (left || this.opts.sessionGraceMs === 0) {
      this.remove(member, nowMs);
      return;
    }
    member.detachedAtMs = nowMs;
    if (!member.save) member.save = this.game.removePlayer(this.state, member.playerId);
    // A drain's sessions go to the successor: they do not count against the detached quota.
    if (serverDrained) return;
    const seat: DetachedSeat = {
      address: member.address,
      end: (atMs) => {
        if (this.members.get(member.playerId) === member && !member.link) this.remove(member, atMs);
      },
    };
    member.detachedSeat = seat;
    this.seats.detach(seat, nowMs);
  }

  private remove(member: RoomMember, nowMs: number): void {
    this.seats.unseat(member.address, member.detachedSeat);
    member.detachedSeat = null;
    this.members.delete(member.playerId);
    if (!member.save) this.game.removePlayer(this.state, member.playerId);
    this.sessions.revoke(member.session.token);
    this.events.push({ type: 'left', id: member.playerId });
    this.updateEmptiness(nowMs);
  }

  /** Take one redundant Input message. */
  offerInput(member: RoomMember, body: InputBody): void {
    const [seq, , ackTick, viewTick, frames] = body;
    member.lastInputTick = this.tick;
    for (let i = 0; i < frames.length; i++) {
      const s = seq - i;
      if (s < 1) break;
      member.inputs.offer(s, frames[i][0], frames[i][1], viewTick);
    }
    // Only ticks the server has produced can be acknowledged. The ack moves
    // forward, except 0: a client that lost its baselines asks for a full snapshot
    // (rate-limited per client: fullSnapshotLimiter.ts).
    if (ackTick === 0) member.ackTick = 0;
    else if (ackTick > member.ackTick && ackTick <= this.tick) member.ackTick = member.lastAckedTick = ackTick;
  }

  chat(member: RoomMember, text: string): void {
    this.events.push({ type: 'chat', id: member.playerId, text });
  }

  /** Run one simulation tick; snapshot and flush events when due. */
  step(nowMs: number): void {
    this.inputs.clear();
    for (const m of this.members.values()) {
      if (!m.link) continue;
      const skipped = m.inputs.skipped;
      this.inputs.set(m.playerId, m.inputs.next());
      this.stats.inputsSkipped += m.inputs.skipped - skipped;
    }
    this.game.step(this.state, this.inputs);
    this.game.drainEvents(this.state, this.events);
    const tick = this.tick;
    if (tick % this.opts.snapshotEvery === this.opts.snapshotPhase) {
      this.snapshots.capture(tick, (out) => this.game.writeSnapshot(this.state, out));
      this.snapshots.broadcast(this.members.values(), nowMs, this.encodeEvents(tick));
    }
  }

  /** This tick's events as Events frames (encoded once for everyone); usually none or one. */
  private encodeEvents(tick: number): Uint8Array[] {
    if (this.events.length === 0) return NO_FRAMES;
    const frames: Uint8Array[] = [];
    while (this.events.length > 0) {
      frames.push(encodeServerMessage({ op: Opcode.Events, body: { tick, events: this.events.splice(0, 256) } }));
    }
    return frames;
  }

  /** Expire sessions past their grace; returns true when the room should be disposed. */
  sweep(nowMs: number): boolean {
    const idleTicks = Math.ceil((this.opts.playerIdleTimeoutMs * this.opts.tickRate) / 1000);
    for (const m of this.members.values()) {
      if (!m.link && m.detachedAtMs !== null && nowMs - m.detachedAtMs >= this.opts.sessionGraceMs) this.remove(m, nowMs);
      else if (m.link && this.tick - m.lastInputTick > idleTicks) this.closeIdle(m, nowMs);
    }
    this.updateEmptiness(nowMs);
    const idle = this.phase === 'empty' || this.phase === 'created';
    return idle && this.isVacant && nowMs - this.emptySinceMs >= this.opts.emptyGraceMs;
  }

  /** A connected player that sends no Input: end its session (the seat is freed), then close it. */
  private closeIdle(member: RoomMember, nowMs: number): void {
    const link = member.link!;
    member.link = null;
    this.remove(member, nowMs);
    link.close(CloseCode.Idle, `no input for ${Math.round(this.opts.playerIdleTimeoutMs / 1000)} s`);
  }

  /** Close every connection (room disposed or server stopping). */
  closeAll(code: number, reason: string): void {
    for (const m of this.members.values()) m.link?.close(code, reason);
  }

  dispose(): void {
    this.phase = 'disposed';
    this.closeAll(CloseCode.GoingAway, 'room closed');
  }

  roster(): PlayerInfo[] {
    const out: PlayerInfo[] = [];
    for (const m of this.members.values()) out.push({ id: m.playerId, name: m.name });
    return out;
  }

  /** Members within their grace period with their saved state (session handoff). */
  detachedMembers(): RoomMember[] {
    return [...this.members.values()].filter((m) => m.save !== null);
  }

  /** Recreate a member from a predecessor's handoff: detached, awaiting resume. */
  adoptDetached(session: SessionRecord, name: string, save: PlayerSave, nowMs: number): void {
    const member = new RoomMember(session.playerId, name, session, null);
    member.save = save;
    member.detachedAtMs = nowMs;
    this.members.set(session.playerId, member);
    this.phase = 'running';
  }

  private sendWelcome(member: RoomMember, resumed: boolean): void {
    const frame = encodeServerMessage({
      op: Opcode.Welcome,
      body: {
        v: 1,
        playerId: member.playerId,
        roomId: this.id,
        roomName: this.name,
        game: this.game.name,
        seed: this.seed,
        tickRate: this.opts.tickRate,
        snapshotRate: this.opts.tickRate / this.opts.snapshotEvery,
        serverTick: this.tick,
        maxPlayers: this.maxPlayers,
        resume: member.session.token,
        resumed,
        maxInputRate: this.opts.maxInputRate,
        players: this.roster(),
      },
    });
    this.sendTo(member, frame);
  }

  private sendTo(member: RoomMember, frame: Uint8Array): void {
    const link = member.link;
    if (!link || !link.isOpen) return;
    if (link.send(frame) !== SendStatus.Dropped) {
      this.stats.messagesOut++;
      this.stats.bytesOut += frame.length;
    }
  }

  private get isVacant(): boolean {
    return this.members.size === 0 && this.reservations === 0;
  }

  private updateEmptiness(nowMs: number): void {
    if (this.phase === 'running' && this.isVacant) {
      this.phase = 'empty';
      this.emptySinceMs = nowMs;
    }
  }

  private freePlayerId(): number {
    for (let id = 1; id <= MAX_PLAYER_ID; id++) if (!this.members.has(id)) return id;
    return 0;
  }

  private uniqueName(requested: string): string {
    const taken = new Set<string>();
    for (const m of this.members.values()) taken.add(m.name);
    if (!taken.has(requested)) return requested;
    for (let n = 2; ; n++) {
      const suffix = ` ${n}`;
      const candidate = truncateUtf16(requested, Limits.maxNameLength - suffix.length) + suffix;
      if (!taken.has(candidate)) return candidate;
    }
  }
}

/** The first `max` UTF-16 units of `text`, never ending in half a surrogate pair. */
export function truncateUtf16(text: string, max: number): string {
  if (text.length <= max) return text;
  const code = text.charCodeAt(max - 1);
  return text.slice(0, code >= 0xd800 && code <= 0xdbff ? max - 1 : max);
}
