/**
 * One player's session in a room, for any game, DOM- and Pixi-free:
 *
 *   SessionLink (socket, Join, reconnect) ─▶ Welcome ─▶ which game (catalog + hash) ─▶ SessionGame
 *                                          ─▶ Snapshot ─▶ SessionGame (store, interpolation, prediction)
 *                                          ─▶ Events ─▶ room events: RoomFeed │ game events: the game's logic
 *                                          ─▶ Pong ─▶ ClockSync
 *                                          ─▶ anything else ─▶ the game's logic.onMessage (its own streams)
 *   Watching (a spectator, issue 15) ─▶ the same, without a player: no inputs; an Ack per
 *   snapshot received (baseline, followed player, camera) instead
 *   advance(now): fixed steps, one input per tick ─▶ SessionGame.tick ─▶ send
 *   view(now): SessionGame.view ─▶ what the game's presenter draws
 *
 * Frames are decoded with the codec of the game the Welcome names, never
 * before (each new socket starts without one).
 */
import { Opcode } from '../../../../shared/protocol/constants';
import { DecodeError } from '../../../../shared/protocol/decodeError';
import type { AnyEvent } from '../../../../shared/protocol/eventSchema';
import type { ServerMessage } from '../../../../shared/protocol/frameCodec';
import type { GameCodec } from '../../../../shared/protocol/gameCodec';
import type { WatchingBody, WelcomeBody } from '../../../../shared/protocol/messages';
import type { AnyClientGame, GameLogic } from '../gameModule';
import { ClockSync } from '../net/clockSync';
import { InputClock } from '../netcode/inputClock';
import type { CloseInfo } from '../net/connection';
import { NetStats } from '../net/netStats';
import type { NetworkConditions } from '../net/networkSimulator';
import type { GameCatalog } from './gameCatalog';
import { RoomFeed } from './roomFeed';
import { codecFromWelcome, decodeFrame } from './sessionCodec';
import { SessionGame, type DrawnPlayer } from './sessionGame';
import { SessionLink } from './sessionLink';
import { SpectatorCamera } from './spectatorCamera';
import type { ClientPhase, FeedItem, JoinTarget } from './sessionTypes';

export type { DrawnPlayer } from './sessionGame';

export interface GameSessionOptions {
  /** http(s) origin of the server, e.g. location.origin. */
  baseUrl: string;
  name: string;
  target: JoinTarget;
  conditions: NetworkConditions;
  games: GameCatalog;
  /** The game presenter's control state this tick (opaque to the SDK), or null when none is up. */
  controls: () => unknown;
  onPhase: (phase: ClientPhase) => void;
  now?: () => number;
  /** Input frames per message (default: the shared InputUplink's). */
  ticksPerMessage?: number;
}

/** After a stall (background tab) do not replay seconds of input: at most this much. */
const MAX_CATCH_UP_MS = 250;
const PING_INTERVAL_MS = 1000;
/** A spectator's Ack at least this often, even without a new snapshot (its free camera moved). */
const ACK_REFRESH_MS = 250;

export class GameSession {
  readonly stats = new NetStats();
  clock = new ClockSync(1000 / 60);
  readonly room = new RoomFeed();
  /** Our input clock, run a few percent fast or slow as the server's input buffer asks (InputTiming). */
  readonly inputClock = new InputClock();
  phase: ClientPhase = { kind: 'connecting' };
  welcome: WelcomeBody | null = null;
  conditions: NetworkConditions;
  /** Spectators: set by a Watching frame (this session watches; it never sends input). */
  spectating = false;
  /** Where a spectator looks: followed player or free camera (what its Acks report). */
  readonly camera = new SpectatorCamera();
  /** The snapshot tick last acknowledged by an Ack (spectators ack each new one). */
  private lastAckedTick = -1;
  private lastAckMs = -Infinity;
  /** The game being played, from the last accepted Welcome on. */
  private game: SessionGame | null = null;
  /** The codec of this socket's Welcome (null until it arrives). */
  private codec: GameCodec | null = null;
  private readonly link: SessionLink;
  private accumulatorMs = 0;
  private lastAdvanceMs = Number.NaN;
  private lastPingMs = -Infinity;
  private readonly now: () => number;

  constructor(private readonly opts: GameSessionOptions) {
    this.now = opts.now ?? (() => performance.now());
    this.conditions = opts.conditions;
    this.link = new SessionLink({
      baseUrl: opts.baseUrl,
      name: opts.name,
      target: opts.target,
      conditions: opts.conditions,
      stats: this.stats,
      decode: (bytes) => decodeFrame(bytes, this.codec),
      onConnecting: () => (this.codec = null),
      onMessage: (msg, now) => this.onMessage(msg, now),
      onPhase: (p) => this.setPhase(p),
      now: this.now,
    });
  }

  /** The game this session plays (known from the Welcome on). */
  get module(): AnyClientGame | null {
    return this.game?.module ?? null;
  }

  /** The game's logic for this session (rebuilt on every Welcome). */
  get logic(): GameLogic<unknown, unknown, unknown> | null {
    return this.game?.logic ?? null;
  }

  /** How the last socket closed (null while the first is open). */
  get lastClose(): CloseInfo | null {
    return this.link.lastClose;
  }

  get playerId(): number {
    return this.welcome?.playerId ?? 0;
  }

  get tickMs(): number {
    return 1000 / (this.welcome?.tickRate ?? 60);
  }

  get feed(): readonly FeedItem[] {
    return this.room.items;
  }

  /** Reconciliations that moved our player this session (smoothed or snapped). */
  get correctionsTotal(): number {
    return this.game?.correctionsTotal ?? 0;
  }

  /**
   * What the last view showed, for measuring (the netcode harness): whether remote entities were
   * extrapolated past the newest snapshot, how far our player moved beyond its own predicted motion
   * (world units), and hard snaps so far.
   */
  get lastViewProbe(): { extrapolated: boolean; jump: number; hardSnaps: number } {
    const g = this.game;
    return { extrapolated: g?.lastViewExtrapolated ?? false, jump: g?.lastViewJump ?? 0, hardSnaps: g?.hardSnaps ?? 0 };
  }

  /** How far behind the newest snapshots remote entities are drawn, ms (NaN before the Welcome). */
  get interpolationDelayMs(): number {
    return this.game?.interp.delayMs ?? Number.NaN;
  }

  get droppedBySimulator(): { up: number; down: number } {
    return this.link.dropped;
  }

  nameOf(id: number): string {
    return this.room.nameOf(id);
  }

  start(): void {
    this.link.start();
  }

  setConditions(c: NetworkConditions): void {
    this.conditions = c;
    this.link.setConditions(c);
  }

  /** Leave for good (back to the lobby). */
  leave(): void {
    this.link.leave();
  }

  private setPhase(phase: ClientPhase): void {
    this.phase = phase;
    this.opts.onPhase(phase);
  }

  private onMessage(msg: ServerMessage, now: number): void {
    switch (msg.op) {
      case Opcode.Welcome:
        return this.onWelcome(msg.body, now);
      case Opcode.Watching:
        return this.onWatching(msg.body, now);
      case Opcode.Snapshot:
        this.game?.onSnapshot(msg.body, now, this.stats);
        return;
      case Opcode.Events:
        for (const ev of msg.body.events) this.onEvent(ev, now);
        return;
      case Opcode.Pong:
        this.clock.onPong(msg.body, now);
        return;
      case Opcode.InputTiming:
        this.inputClock.advise(msg.body.a);
        return;
      case Opcode.InputAck:
        this.game?.onInputAck(msg.body.seq, this.stats);
        return;
      case Opcode.Error:
        return; // the close that follows carries the code; Connection keeps the text
      default:
        // A message the SDK has no use for (a game's own stream): the game's logic decides.
        this.game?.logic.onMessage?.(msg, now);
    }
  }

  /** A spectator's Welcome: the same set-up without a player (id 0: nobody is "me"). */
  private onWatching(w: WatchingBody, now: number): void {
    const { spectators: _count, ...room } = w;
    this.onWelcome({ ...room, playerId: 0, resume: '', resumed: false }, now, true);
  }

  private onWelcome(w: WelcomeBody, now: number, spectating = false): void {
    const codec = codecFromWelcome(w);
    if (codec instanceof DecodeError) {
      // The server sent a game we cannot decode: we no longer agree on the protocol.
      this.link.closeForProtocolError(codec.closeCode, 'unusable game descriptor');
      return;
    }
    const resolved = this.opts.games.resolve(codec.descriptor.name, codec.descriptor.title, codec.hash);
    if (!resolved.ok) return this.link.fail(resolved.message);
    if (this.welcome?.tickRate !== w.tickRate) this.clock = new ClockSync(1000 / w.tickRate);
    this.welcome = w;
    this.codec = codec;
    this.game = new SessionGame(resolved.module, codec, w, this.room, this.opts.ticksPerMessage);
    this.spectating = spectating;
    this.lastAckedTick = -1;
    if (spectating) this.link.watching();
    else this.link.welcomed(w.resume, w.roomId);
    this.stats.setSnapshotEvery(w.tickRate / w.snapshotRate);
    this.stats.resetSession();
    this.room.reset(w.players);
    this.accumulatorMs = 0;
    this.inputClock.reset();
    this.lastAdvanceMs = now;
    this.lastPingMs = -Infinity;
    this.room.push(now, spectating ? `Watching ${w.roomName}` : w.resumed ? `Reconnected to ${w.roomName}` : `Joined ${w.roomName} as ${this.nameOf(w.playerId)}`);
    this.setPhase({ kind: 'playing' });
  }

  private onEvent(ev: AnyEvent, now: number): void {
    if (this.room.onRoomEvent(ev, this.playerId, now)) return;
    this.game?.logic.onEvent(ev, {
      nowMs: now,
      playerId: this.playerId,
      nameOf: (id) => this.nameOf(id),
      feed: (text) => this.room.push(now, text),
    });
  }

  /** Run the fixed-step simulation up to `nowMs`: one input per tick. Safe to call often. */
  advance(nowMs: number): void {
    if (Number.isNaN(this.lastAdvanceMs)) this.lastAdvanceMs = nowMs;
    const dt = nowMs - this.lastAdvanceMs;
    this.lastAdvanceMs = nowMs;
    this.link.poll();
    const game = this.game;
    if (!game || !this.link.isOpen || this.phase.kind !== 'playing') return;
    if (this.spectating) return this.advanceSpectator(game, nowMs);
    this.accumulatorMs = Math.min(this.accumulatorMs + Math.max(0, dt), MAX_CATCH_UP_MS);
    // Input ticks are a few percent shorter or longer while the server asks us to run further ahead or fall back.
    let tickMs = this.inputClock.tickMs(this.tickMs);
    while (this.accumulatorMs >= tickMs) {
      this.accumulatorMs -= tickMs;
      const bytes = game.tick(this.opts.controls() ?? null, nowMs);
      if (bytes) this.link.sendBytes(bytes);
      this.inputClock.onTick();
      tickMs = this.inputClock.tickMs(this.tickMs);
    }
    this.ping(nowMs);
  }

  private ping(nowMs: number): void {
    if (nowMs - this.lastPingMs >= PING_INTERVAL_MS) {
      this.lastPingMs = nowMs;
      // Our own RTT and snapshot loss ride along (the operator console shows them; the server cannot see TCP's losses).
      const rtt = this.clock.rttMs;
      const body = Number.isFinite(rtt) ? { t: nowMs, r: Math.min(600_000, Math.max(0, rtt)), l: Math.min(100, Math.max(0, this.stats.lossPct)) } : { t: nowMs };
      this.link.send({ op: Opcode.Ping, body });
    }
  }

  /**
   * A spectator sends no Input: an Ack for each new snapshot (so its deltas
   * stay small, as a player's do), and at least every ACK_REFRESH_MS so the
   * server learns where a free camera moved.
   */
  private advanceSpectator(game: SessionGame, nowMs: number): void {
    const k = game.ackTick;
    if (k !== this.lastAckedTick || nowMs - this.lastAckMs >= ACK_REFRESH_MS) {
      this.lastAckedTick = k;
      this.lastAckMs = nowMs;
      const c = this.camera;
      this.link.send({ op: Opcode.Ack, body: { k, f: c.followId, x: Math.round(c.x), y: Math.round(c.y) } });
    }
    this.ping(nowMs);
  }

  /** What the game draws at `nowMs` (its logic's view), or null before the first snapshot. */
  view(nowMs: number): unknown {
    return this.game ? this.game.view(nowMs, this.accumulatorMs / this.inputClock.tickMs(this.tickMs)) : null;
  }

  /** Spectators: move the camera with the players where the last view drew them; returns the point to centre on. */
  spectatorView(nowMs: number): { x: number; y: number } | null {
    if (!this.spectating) return null;
    this.camera.update(this.drawnPlayers().others, nowMs);
    return { x: this.camera.x, y: this.camera.y };
  }

  /** Player ids in the room, ascending (a spectator cycles through them). */
  playerIds(): number[] {
    return this.room.playerIds();
  }

  /** Players as drawn in the last view (the debug hook, tests). */
  drawnPlayers(): { me: { x: number; y: number } | null; others: DrawnPlayer[] } {
    return this.game ? this.game.drawnPlayers() : { me: null, others: [] };
  }
}
