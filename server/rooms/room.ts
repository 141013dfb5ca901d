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
 * Spectators (spectatorList.ts) get the same snapshots and events, hold no
 * seat and have no entity; they never keep a room from emptying.
 */
import type { AnyGame, PlayerSave } from '../../shared/engine/gameDefinition';
import { CloseCode, Limits, Opcode, PROTOCOL_VERSION } from '../../shared/protocol/constants';
import { DecodeError } from '../../shared/protocol/decodeError';
import type { AnyEvent } from '../../shared/protocol/eventSchema';
import type { AckBody } from '../../shared/protocol/messages';
import { encodeServerMessage } from '../../shared/protocol/frameCodec';
import type { EntityTable } from '../../shared/protocol/entityTable';
import type { GameCodec } from '../../shared/protocol/gameCodec';
import { INPUT_ACK_BITS } from '../../shared/protocol/inputCodec';
import { MAX_EVENTS_PER_FRAME, type PlayerInfo } from '../../shared/protocol/messages';
import { truncateText } from '../../shared/protocol/wellFormedText';
import type { ServerStats } from '../serverStats';
import type { SessionRecord, SessionStore } from '../sessions/sessionStore';
import { type ClientLink, SendStatus } from './clientLink';
import type { CommandBatch } from './roomCommand';
import { InputIntake } from './inputIntake';
import { RoomMachine } from './roomMachine';
import { RoomMember } from './roomMember';
import { RoomTraffic } from './roomTraffic';
import { SeatLedger, type DetachedSeat } from './seatQuota';
import type { Spectator } from './spectator';
import { DEFAULT_MAX_SPECTATORS, SpectatorList, type WatchRefusal } from './spectatorList';
import { spectatorWelcome } from './spectatorWelcome';
import { ViewGroups } from './viewGroups';
import { WelcomeFrame, type RoomPart } from './welcomeFrame';

export interface RoomOptions {
  id: string;
  name: string;
  /** Join code for private rooms; null for public ones. */
  code: string | null;
  maxPlayers: number;
  game: AnyGame;
  /** The game's codec (entity layout, input coder), shared by every room of the game. */
  codec: GameCodec;
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
  /** Spectators admitted besides the players (4112 beyond; 0: watching off, 4113). Default DEFAULT_MAX_SPECTATORS. */
  maxSpectators?: number;
  nowMs: number;
}

export type RoomPhase = 'created' | 'running' | 'empty' | 'disposed';
export type JoinRefusal = typeof CloseCode.RoomFull | typeof CloseCode.SeatQuotaExceeded;
export type WatchRefused = WatchRefusal | typeof CloseCode.NotWatchable | typeof CloseCode.GoingAway;

const NO_FRAMES: Uint8Array[] = [];

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
  /** The Welcome's fixed parts, encoded at the first join (join path, welcomeFrame.ts). */
  private welcome: WelcomeFrame | null = null;

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
    const playerId = this.freePlayerId();
    if (playerId === 0) return CloseCode.RoomFull;
    const name = this.uniqueName(requestedName);
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

  // ---- spectators (issue 15) ----

  get spectatorCount(): number {
    return this.spectators.count;
  }

  /**
   * Admit a spectator (no seat, no entity, no session: a reconnect watches
   * anew). Sends its Watching frame at once; its first snapshot is a full one.
   */
  watch(link: ClientLink, address: string): Spectator | WatchRefused {
    if (this.phase === 'disposed') return CloseCode.GoingAway;
    if (this.spectators.cap === 0) return CloseCode.NotWatchable;
    const s = this.spectators.admit(link, address, this.tick);
    if (typeof s === 'number') return s;
    this.stats.spectators++;
    const frame = spectatorWelcome(this.opts.codec, {
      ...this.roomPart(),
      serverTick: this.tick,
      players: this.roster(),
      spectators: this.spectators.count,
    });
    this.sendTo(link, frame);
    return s;
  }

  /** The spectator's connection ended (idempotent). */
  unwatch(s: Spectator): void {
    if (!this.spectators.has(s)) return;
    this.spectators.remove(s);
    this.stats.spectators--;
  }

  /** A spectator's Ack: its delta baseline (resolved against its view group's ring, as a player's) and its camera. */
  spectatorAck(s: Spectator, ack: AckBody): void {
    s.lastActiveTick = this.tick;
    s.look(ack);
    if (ack.k === 0) {
      s.ackTick = 0;
      return;
    }
    const every = this.opts.snapshotEvery;
    const acked = this.views.resolveAck(s, Math.floor(ack.k / every) % 2 ** INPUT_ACK_BITS, every);
    if (acked > s.ackTick) s.ackTick = s.lastAckedTick = acked;
  }

  /** A spectator's Ping: it is still there (spectators send no Input to prove it). */
  spectatorAlive(s: Spectator): void {
    s.lastActiveTick = this.tick;
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
    this.views.broadcast(this.machine.state, to, tick, nowMs, this.encodeEvents(tick));
  }

  /** The view a big world's viewer was sent at `tick`, as one table (tests: what its client must hold; null: none). */
  sentViewAt(viewer: RoomMember | Spectator, tick: number): EntityTable | null {
    return this.views.interest?.viewTableAt(viewer, tick) ?? null;
  }

  /** Viewers per snapshot phase in a big world ([] otherwise; tests and tools). */
  snapshotPhaseCounts(): number[] {
    return this.views.phaseCounts();
  }

  /** This tick's events as Events frames (encoded once for everyone); usually none or one. */
  private encodeEvents(tick: number): Uint8Array[] {
    if (this.events.length === 0) return NO_FRAMES;
    const frames: Uint8Array[] = [];
    while (this.events.length > 0) {
      frames.push(encodeServerMessage({ op: Opcode.Events, body: { tick, events: this.events.splice(0, MAX_EVENTS_PER_FRAME) } }));
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
    this.stats.spectators -= this.spectators.closeIdle(this.tick, idleTicks, `no ack or ping for ${Math.round(this.opts.playerIdleTimeoutMs / 1000)} s`);
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
   * Members within their grace period, each with its saved state (session
   * handoff). Applies pending commands first, so a detach that has not reached
   * a tick boundary yet is included: the room is stopping.
   */
  detachedMembers(): { playerId: number; name: string; session: SessionRecord; detachedAtMs: number; save: PlayerSave }[] {
    this.machine.settle();
    const out = [];
    for (const m of this.members.values()) {
      const save = m.detachedAtMs !== null ? this.machine.saveOf(m.playerId) : undefined;
      if (save && m.detachedAtMs !== null) out.push({ playerId: m.playerId, name: m.name, session: m.session, detachedAtMs: m.detachedAtMs, save });
    }
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

  /** The room's fixed Welcome/Watching fields (the same for every joiner and spectator). */
  private roomPart(): RoomPart {
    return {
      v: PROTOCOL_VERSION,
      roomId: this.id,
      roomName: this.name,
      seed: this.seed,
      tickRate: this.opts.tickRate,
      snapshotRate: this.opts.tickRate / this.opts.snapshotEvery,
      maxPlayers: this.maxPlayers,
      maxInputRate: this.opts.maxInputRate,
    };
  }

  private sendWelcome(member: RoomMember, resumed: boolean): void {
    this.welcome ??= new WelcomeFrame(this.opts.codec, this.roomPart());
    const frame = this.welcome.encode({
      playerId: member.playerId,
      serverTick: this.tick,
      resume: member.session.token,
      resumed,
      players: this.roster(),
    });
    this.sendTo(member.link, frame);
  }

  /** Send one frame to a member's or spectator's link, counted in the server's output figures. */
  private sendTo(link: ClientLink | null, frame: Uint8Array): void {
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
    for (let id = 1; id <= Limits.maxPlayerId; id++) if (!this.members.has(id)) return id;
    return 0;
  }

  private uniqueName(requested: string): string {
    const taken = new Set<string>();
    for (const m of this.members.values()) taken.add(m.name);
    if (!taken.has(requested)) return requested;
    for (let n = 2; ; n++) {
      const suffix = ` ${n}`;
      const candidate = truncateText(requested, Limits.maxNameLength - suffix.length) + suffix;
      if (!taken.has(candidate)) return candidate;
    }
  }
}
