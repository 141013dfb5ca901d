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
 * Spectators (spectatorAdmission.ts, spectatorList.ts) get the same snapshots
 * and events, hold no seat and have no entity; they never keep a room from emptying.
 * Each connection's first frame, Welcome or Watching: roomGreeting.ts.
 */
import type { AnyGame, PlayerSave } from '../../shared/engine/gameDefinition';
import { CloseCode } from '../../shared/protocol/constants';
import { DecodeError } from '../../shared/protocol/decodeError';
import type { EntityTable } from '../../shared/protocol/entityTable';
import type { AnyEvent } from '../../shared/protocol/eventSchema';
import type { AckBody, PlayerInfo } from '../../shared/protocol/messages';
import type { ServerStats } from '../serverStats';
import type { SessionRecord, SessionStore } from '../sessions/sessionStore';
import type { ClientLink } from './clientLink';
import { encodeEventFrames } from './eventFrames';
import { InputIntake } from './inputIntake';
import { freePlayerId, uniqueName } from './joinerIdentity';
import type { CommandBatch } from './roomCommand';
import { RoomGreeting } from './roomGreeting';
import { RoomMachine } from './roomMachine';
import { RoomMember } from './roomMember';
import type { RoomOptions } from './roomOptions';
import { RoomTraffic } from './roomTraffic';
import { SeatLedger, type DetachedSeat } from './seatQuota';
import type { Spectator } from './spectator';
import { SpectatorAdmission, type WatchRefused } from './spectatorAdmission';
import { DEFAULT_MAX_SPECTATORS, SpectatorList } from './spectatorList';
import { ViewGroups } from './viewGroups';

/** Room's constructor options, exported with Room (roomOptions.ts). */
export type { RoomOptions } from './roomOptions';

export type RoomPhase = 'created' | 'running' | 'empty' | 'disposed';
export type JoinRefusal = typeof CloseCode.RoomFull | typeof CloseCode.SeatQuotaExceeded;

/**
 * The room: seats, members and their connections around a RoomMachine.
 * Inbound: Input frames → each member's InputQueue → one `input` command per
 * member per tick when it changed; joins, leaves and chat → commands. Outbound:
 * per view group (viewers that see the same thing), the view is captured and
 * encoded once per baseline (SnapshotBroadcaster), and this tick's events.
 */
export class Room {
  readonly id: string;
  readonly name: string;
  readonly code: string | null;
  readonly maxPlayers: number;
  readonly game: AnyGame;
  readonly seed: number;
  readonly createdAtMs: number;
  phase: RoomPhase = 'created';
  /** Called with every command batch the machine applies (replay recorders, migration). */
  onBatch: ((batch: CommandBatch) => void) | null = null;
  private readonly machine: RoomMachine;
  private readonly members = new Map<number, RoomMember>();
  /** Payload bytes in and out of this room's connections (operator console). */
  readonly traffic = new RoomTraffic();
  /** Watchers: no seat, no entity (spectatorList.ts). */
  readonly spectators: SpectatorList;
  private reservations = 0;
  private emptySinceMs: number;
  private readonly events: AnyEvent[] = [];
  private readonly views: ViewGroups;
  private readonly intake: InputIntake;
  private readonly greeting: RoomGreeting;
  private readonly admission: SpectatorAdmission;

  constructor(
    private readonly opts: RoomOptions,
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
    this.machine = new RoomMachine(opts.game, opts.seed, opts.tickRate);
    const policy = { skipBytes: opts.skipBytes, slowCloseMs: opts.slowCloseMs, fullSnapshotIntervalMs: opts.fullSnapshotIntervalMs };
    this.views = new ViewGroups(opts.game, opts.codec.layout, opts.ringSize, policy, stats, opts.snapshotEvery);
    this.intake = new InputIntake(opts.codec, this.machine, this.views, opts.snapshotEvery, stats);
    this.spectators = new SpectatorList(opts.maxSpectators ?? DEFAULT_MAX_SPECTATORS);
    this.greeting = new RoomGreeting(opts, stats);
    this.admission = new SpectatorAdmission(this, this.spectators, this.greeting, this.views, opts.snapshotEvery, stats);
  }

  /** The newest captured snapshot of the first view group (tests and tools). */
  get latestSnapshot(): EntityTable | null {
    return this.views.latest;
  }

  get isPrivate(): boolean {
    return this.code !== null;
  }

  get tick(): number {
    return this.machine.tick;
  }

  /** The game state (read-only use: tools, tests). */
  get state(): unknown {
    return this.machine.state;
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
   * the member, RoomFull, or SeatQuotaExceeded (a reserved seat is released
   * either way). The player enters the world at the next tick boundary.
   */
  join(link: ClientLink, requestedName: string, reserved: boolean, address = ''): RoomMember | JoinRefusal {
    if (reserved) this.reservations--;
    else if (!this.hasFreeSeat) return CloseCode.RoomFull;
    if (!this.seats.canSeat(address)) return CloseCode.SeatQuotaExceeded;
    const playerId = freePlayerId(this.members);
    if (playerId === 0) return CloseCode.RoomFull;
    const name = uniqueName(requestedName, this.members.values());
    const session = this.sessions.issue(this.id, playerId);
    const member = new RoomMember(playerId, name, session, link, this.opts.codec, address);
    member.lastInputTick = this.tick;
    this.seats.seat(address);
    this.members.set(playerId, member);
    this.machine.submit({ type: 'join', playerId, name, save: null });
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
    if (member.detachedAtMs !== null) this.machine.submit({ type: 'attach', playerId: member.playerId, save: null });
    member.detachedAtMs = null;
    member.ackTick = 0;
    member.lastAckedTick = 0;
    member.lastFullAtMs = -Infinity; // a new connection: its full snapshot goes out at once
    member.lastFullTick = 0;
    member.viewGroup = -1;
    member.backedUpSinceMs = 0;
    member.submittedViewTick = -1;
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
    if (member.detachedAtMs === null) this.machine.submit({ type: 'detach', playerId: member.playerId });
    member.detachedAtMs = nowMs;
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
    this.machine.submit({ type: 'leave', playerId: member.playerId });
    this.sessions.revoke(member.session.token);
    this.updateEmptiness(nowMs);
  }

  /** Take one Input frame (compact encoding): the DecodeError to close with, or null (inputIntake.ts). */
  offerInput(member: RoomMember, bytes: Uint8Array): DecodeError | null {
    return this.intake.offer(member, bytes, this.tick);
  }

  /** A muted member's chat (operator action) is dropped before it reaches the room's command stream. */
  chat(member: RoomMember, text: string): void {
    if (member.muted) return;
    this.machine.submit({ type: 'chat', playerId: member.playerId, text });
  }

  /** The member with this player id, connected or within its grace (operator tools, migration). */
  memberById(playerId: number): RoomMember | undefined {
    return this.members.get(playerId);
  }

  /** Every member, connected or within its grace. */
  memberList(): RoomMember[] {
    return [...this.members.values()];
  }

  // ---- spectators (issue 15; spectatorAdmission.ts) ----

  get spectatorCount(): number {
    return this.spectators.count;
  }

  /** Admit a spectator (no seat, no entity, no session) and send its Watching frame. */
  watch(link: ClientLink, address: string): Spectator | WatchRefused {
    return this.admission.watch(link, address);
  }

  /** The spectator's connection ended (idempotent). */
  unwatch(s: Spectator): void {
    this.admission.unwatch(s);
  }

  spectatorAck(s: Spectator, ack: AckBody): void {
    this.admission.ack(s, ack);
  }

  spectatorAlive(s: Spectator): void {
    this.admission.alive(s);
  }

  /** Members then spectators: everyone a snapshot goes to. */
  private *recipients(): Generator<RoomMember | Spectator> {
    yield* this.members.values();
    yield* this.spectators.values();
  }

  /**
   * Run one simulation tick; snapshot and flush events when due: on the
   * room's snapshot ticks for everyone, or, in a big world (phased), every
   * tick for the viewers whose phase it is, each with the events since its
   * last snapshot (viewGroups.ts).
   */
  step(nowMs: number): void {
    this.intake.submit(this.members.values());
    const batch = this.machine.step();
    this.onBatch?.(batch);
    this.machine.drainEvents(this.events);
    const tick = this.tick;
    if (this.views.phased) {
      this.views.broadcastDue(this.machine.state, this.spectators.count === 0 ? this.members.values() : this.recipients(), tick, nowMs, this.events);
      this.events.length = 0;
      return;
    }
    if (tick % this.opts.snapshotEvery !== this.opts.snapshotPhase) return;
    const to = this.spectators.count === 0 ? this.members.values() : this.recipients();
    const eventFrames = encodeEventFrames(tick, this.events);
    this.events.length = 0;
    this.views.broadcast(this.machine.state, to, tick, nowMs, eventFrames);
  }

  /** The view a big world's viewer was sent at `tick`, as one table (tests: what its client must hold; null: none). */
  sentViewAt(viewer: RoomMember | Spectator, tick: number): EntityTable | null {
    return this.views.interest?.viewTableAt(viewer, tick) ?? null;
  }

  /** Viewers per snapshot phase in a big world ([] otherwise; tests and tools). */
  snapshotPhaseCounts(): number[] {
    return this.views.phaseCounts();
  }

  /** Expire sessions past their grace; returns true when the room should be disposed. */
  sweep(nowMs: number): boolean {
    const idleTicks = Math.ceil((this.opts.playerIdleTimeoutMs * this.opts.tickRate) / 1000);
    for (const m of this.members.values()) {
      if (!m.link && m.detachedAtMs !== null && nowMs - m.detachedAtMs >= this.opts.sessionGraceMs) this.remove(m, nowMs);
      else if (m.link && this.tick - m.lastInputTick > idleTicks) this.closeIdle(m, nowMs);
    }
    this.admission.closeIdle(idleTicks, `no ack or ping for ${Math.round(this.opts.playerIdleTimeoutMs / 1000)} s`);
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
    this.spectators.closeAll(code, reason);
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

  /**
   * Every member with its saved state, connected or not (room checkpoints and
   * migration: the room moves, its players resume elsewhere). Applies pending
   * commands first so that a join that has not reached a tick boundary is included.
   */
  savedMembers(): { playerId: number; name: string; session: SessionRecord; detachedAtMs: number | null; save: PlayerSave }[] {
    this.machine.settle();
    const out = [];
    for (const m of this.members.values()) {
      const save = this.machine.saveOf(m.playerId);
      if (save) out.push({ playerId: m.playerId, name: m.name, session: m.session, detachedAtMs: m.detachedAtMs, save });
    }
    return out;
  }

  /** Recreate a member from a predecessor's handoff: detached, awaiting resume. */
  adoptDetached(session: SessionRecord, name: string, save: PlayerSave, nowMs: number): void {
    const member = new RoomMember(session.playerId, name, session, null, this.opts.codec);
    member.detachedAtMs = nowMs;
    this.members.set(session.playerId, member);
    this.machine.submit({ type: 'join', playerId: session.playerId, name, save });
    this.machine.submit({ type: 'detach', playerId: session.playerId });
    this.phase = 'running';
  }

  private sendWelcome(member: RoomMember, resumed: boolean): void {
    this.greeting.welcome(member.link, { playerId: member.playerId, serverTick: this.tick, resume: member.session.token, resumed, players: this.roster() });
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
}
