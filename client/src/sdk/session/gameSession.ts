/**
 * One player's session in a room, for any game, DOM- and Pixi-free:
 *
 *   Connection ─▶ Welcome ─▶ which game (catalog + hash) ─▶ codec, store, logic, predictor
 *              ─▶ Snapshot ─▶ SnapshotStore ─▶ InterpolationBuffer (everyone)
 *                                        └──▶ Predictor.reconcile (me, game's hooks)
 *              ─▶ Events ─▶ room events: names, feed │ game events: the game's logic
 *   advance(now): fixed steps: logic.input(controls) ─▶ InputSender ─▶ Predictor ─▶ send
 *   view(now): ViewSample ─▶ logic.view ─▶ what the game's presenter draws
 *
 * Frames are decoded with the codec of the game the Welcome names, never
 * before. Reconnection: an unexpected close (or 1012, server restart) retries
 * with backoff + jitter and resumes the session with its token.
 */
import { CloseCode, Opcode } from '../../../../shared/protocol/constants';
import { DecodeError } from '../../../../shared/protocol/decodeError';
import type { GameCodec } from '../../../../shared/protocol/gameCodec';
import type { ServerMessage } from '../../../../shared/protocol/frameCodec';
import type { AnyEvent } from '../../../../shared/protocol/eventSchema';
import type { WelcomeBody } from '../../../../shared/protocol/messages';
import type { SnapshotFrame } from '../../../../shared/protocol/snapshotFrame';
import type { AnyClientGame, GameLogic, SessionInfo } from '../gameModule';
import { diagnoseHandshake } from '../lobby/lobbyApi';
import { ClockSync } from '../net/clockSync';
import { decideAfterDiagnosis, decideOnClose } from '../net/closeDecision';
import { Connection, type CloseInfo } from '../net/connection';
import { InputSender } from '../net/inputSender';
import { NetStats } from '../net/netStats';
import type { NetworkConditions } from '../net/networkSimulator';
import { ReconnectPolicy } from '../net/reconnectPolicy';
import { DrawnTable, drawnPosition, lerpTables } from '../netcode/entityLerp';
import { defaultInterpolationOptions, InterpolationBuffer } from '../netcode/interpolationBuffer';
import { Predictor } from '../netcode/prediction';
import { SnapshotStore } from '../netcode/snapshotStore';
import type { GameCatalog } from './gameCatalog';
import { RoomFeed } from './roomFeed';
import { codecFromWelcome, decodeFrame } from './sessionCodec';
import type { ClientPhase, JoinTarget } from './sessionTypes';

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

/** A player as the debug hook reports it: where it is drawn this frame. */
export interface DrawnPlayer {
  id: number;
  name: string;
  x: number;
  y: number;
}

type AnyLogic = GameLogic<unknown, unknown, unknown>;

/** How long after sending Join we wait for the Welcome before giving up on the connection. */
const WELCOME_TIMEOUT_MS = 8000;
/** After a stall (background tab) do not replay seconds of input: at most this much. */
const MAX_CATCH_UP_MS = 250;
const PING_INTERVAL_MS = 1000;

export class GameSession {
  readonly stats = new NetStats();
  clock = new ClockSync(1000 / 60);
  readonly room = new RoomFeed();
  phase: ClientPhase = { kind: 'connecting' };
  welcome: WelcomeBody | null = null;
  /** The game this session plays (known from the Welcome on). */
  module: AnyClientGame | null = null;
  /** How the last socket closed (null while the first is open). */
  lastClose: CloseInfo | null = null;
  /** The game's logic for this session (rebuilt on every Welcome). */
  logic: AnyLogic | null = null;
  conditions: NetworkConditions;
  private codec: GameCodec | null = null;
  private conn: Connection | null = null;
  private store: SnapshotStore | null = null;
  private drawn: DrawnTable | null = null;
  private interp = new InterpolationBuffer(defaultInterpolationOptions(60, 30));
  private predictor: Predictor<unknown> | null = null;
  private sender: InputSender | null = null;
  private readonly policy = new ReconnectPolicy();
  private resumeToken: string | null = null;
  private retryTimer: ReturnType<typeof setTimeout> | null = null;
  private welcomeTimer: ReturnType<typeof setTimeout> | null = null;
  private accumulatorMs = 0;
  private lastAdvanceMs = Number.NaN;
  private lastPingMs = -Infinity;
  private viewTick = 0;
  /** A delta did not fit our baselines: acknowledge nothing until a full snapshot arrives. */
  private needFullSnapshot = false;
  /** Where the last view drew our predicted player. */
  private lastPredictedDraw: { x: number; y: number } | null = null;
  private leaving = false;
  private readonly now: () => number;

  constructor(private readonly opts: GameSessionOptions) {
    this.now = opts.now ?? (() => performance.now());
    this.conditions = opts.conditions;
  }

  get playerId(): number {
    return this.welcome?.playerId ?? 0;
  }

  get tickMs(): number {
    return 1000 / (this.welcome?.tickRate ?? 60);
  }

  get feed(): readonly { atMs: number; text: string }[] {
    return this.room.items;
  }

  /** Reconciliations that moved our player this session (smoothed or snapped). */
  get correctionsTotal(): number {
    return this.predictor ? this.predictor.corrections + this.predictor.snaps : 0;
  }

  get interpolationDelayMs(): number {
    return this.interp.delayMs;
  }

  get droppedBySimulator(): { up: number; down: number } {
    return this.conn?.dropped ?? { up: 0, down: 0 };
  }

  nameOf(id: number): string {
    return this.room.nameOf(id);
  }

  start(): void {
    this.connect();
  }

  setConditions(c: NetworkConditions): void {
    this.conditions = c;
    this.conn?.setConditions(c);
  }

  /** Leave for good (back to the lobby). */
  leave(): void {
    this.leaving = true;
    if (this.retryTimer) clearTimeout(this.retryTimer);
    if (this.conn?.isOpen) this.conn.send({ op: Opcode.Leave, body: {} });
    this.conn?.close(CloseCode.Normal, 'left');
    this.setPhase({ kind: 'left' });
  }

  private fail(message: string): void {
    this.leaving = true;
    if (this.retryTimer) clearTimeout(this.retryTimer);
    this.conn?.close(CloseCode.Normal, 'client cannot play this game');
    this.setPhase({ kind: 'failed', message });
  }

  private setPhase(phase: ClientPhase): void {
    this.phase = phase;
    this.opts.onPhase(phase);
  }

  private wsUrl(): string {
    const u = new URL(this.opts.baseUrl);
    u.protocol = u.protocol === 'https:' ? 'wss:' : 'ws:';
    u.pathname = '/ws';
    u.search = '';
    return u.toString();
  }

  private connect(): void {
    // A fresh socket speaks nothing game-specific until its Welcome.
    this.codec = null;
    this.conn = new Connection(
      this.wsUrl(),
      (bytes) => decodeFrame(bytes, this.codec),
      this.conditions,
      this.stats,
      {
        onOpen: () => this.sendJoin(),
        onMessage: (msg, now) => this.onMessage(msg, now),
        onClose: (info) => void this.onClose(info),
      },
      this.now,
    );
  }

  private sendJoin(): void {
    // A server that accepts the socket but never welcomes us is as good as down.
    const conn = this.conn;
    this.welcomeTimer = setTimeout(() => {
      this.welcomeTimer = null;
      conn?.close(CloseCode.JoinTimeout, 'no welcome');
    }, WELCOME_TIMEOUT_MS);
    const t = this.opts.target;
    const body: { name: string; room?: string; code?: string; resume?: string; game?: string } = { name: this.opts.name };
    if (this.resumeToken && this.welcome) {
      // Resume; if the token has expired the server falls back to a fresh join of the same room.
      body.resume = this.resumeToken;
      body.room = this.welcome.roomId;
    } else if (t.kind === 'room') body.room = t.id;
    else if (t.kind === 'code') body.code = t.code.toUpperCase();
    else body.game = t.game;
    this.conn?.send({ op: Opcode.Join, body });
  }

  private onMessage(msg: ServerMessage, now: number): void {
    switch (msg.op) {
      case Opcode.Welcome:
        return this.onWelcome(msg.body, now);
      case Opcode.Snapshot:
        return this.onSnapshot(msg.body, now);
      case Opcode.Events:
        for (const ev of msg.body.events) this.onEvent(ev, now);
        return;
      case Opcode.Pong:
        this.clock.onPong(msg.body, now);
        return;
      case Opcode.Error:
        return; // the close that follows carries the code; Connection keeps the text
    }
  }

  private onWelcome(w: WelcomeBody, now: number): void {
    if (this.welcomeTimer) clearTimeout(this.welcomeTimer);
    this.welcomeTimer = null;
    const codec = codecFromWelcome(w);
    if (codec instanceof DecodeError) {
      // The server sent a game we cannot decode: we no longer agree on the protocol.
      this.conn?.close(codec.closeCode, 'unusable game descriptor');
      return;
    }
    const resolved = this.opts.games.resolve(codec.descriptor.name, codec.descriptor.title, codec.hash);
    if (!resolved.ok) return this.fail(resolved.message);
    if (this.welcome?.tickRate !== w.tickRate) this.clock = new ClockSync(1000 / w.tickRate);
    this.welcome = w;
    this.resumeToken = w.resume;
    this.module = resolved.module;
    this.codec = codec;
    this.logic = resolved.module.createLogic(sessionInfo(w, codec)) as AnyLogic;
    this.predictor = this.logic.prediction ? new Predictor(this.logic.prediction.model) : null;
    this.store = new SnapshotStore(codec.layout, 64);
    this.needFullSnapshot = false;
    this.drawn = new DrawnTable(codec.layout.stride);
    this.interp = new InterpolationBuffer(defaultInterpolationOptions(w.tickRate, w.snapshotRate));
    this.sender = new InputSender(codec.input, Math.max(1, Math.round(w.tickRate / w.snapshotRate)), this.opts.ticksPerMessage);
    this.stats.setSnapshotEvery(w.tickRate / w.snapshotRate);
    this.stats.resetSession();
    this.room.reset(w.players);
    this.accumulatorMs = 0;
    this.lastAdvanceMs = now;
    this.lastPingMs = -Infinity;
    this.policy.reset();
    this.room.push(now, w.resumed ? `Reconnected to ${w.roomName}` : `Joined ${w.roomName} as ${this.nameOf(w.playerId)}`);
    this.setPhase({ kind: 'playing' });
  }

  private onSnapshot(frame: SnapshotFrame, now: number): void {
    if (!this.welcome || !this.store || !this.sender) return;
    const result = this.store.apply(frame.delta);
    if (!result.ok) {
      if (result.reason === 'missing-baseline' || result.reason === 'mismatch') this.needFullSnapshot = true;
      return;
    }
    if (frame.delta.baseTick === 0) this.needFullSnapshot = false;
    const table = result.table;
    this.sender.acknowledge(frame.ackSeq);
    this.interp.push(table, now);
    this.stats.onSnapshot(table.tick, now);
    const hooks = this.logic?.prediction;
    if (!this.predictor || !hooks) return;
    const row = table.indexOf(this.playerId);
    if (row < 0) {
      this.predictor.clear();
      return;
    }
    const before = this.correctionsTotal;
    this.predictor.reconcile(hooks.fromSnapshot(table, row), frame.ackSeq);
    const corrected = this.correctionsTotal - before;
    if (corrected > 0) this.stats.corrections.add(corrected, now);
  }

  private onEvent(ev: AnyEvent, now: number): void {
    if (this.room.onRoomEvent(ev, this.playerId, now)) return;
    this.logic?.onEvent(ev, {
      nowMs: now,
      playerId: this.playerId,
      nameOf: (id) => this.nameOf(id),
      feed: (text) => this.room.push(now, text),
    });
  }

  private async onClose(info: CloseInfo): Promise<void> {
    this.conn = null;
    this.lastClose = info;
    if (this.welcomeTimer) clearTimeout(this.welcomeTimer);
    this.welcomeTimer = null;
    if (this.leaving) return;
    let decision = decideOnClose(info, this.opts.target.kind === 'code' && !this.welcome);
    if (decision.kind === 'diagnose') {
      const diagnosis = await diagnoseHandshake(this.opts.baseUrl);
      if (this.leaving) return;
      decision = decideAfterDiagnosis(diagnosis, this.welcome !== null);
    }
    if (decision.kind === 'fail') this.setPhase({ kind: 'failed', message: decision.message });
    else if (decision.kind === 'retry') this.scheduleReconnect(decision.reason);
  }

  private scheduleReconnect(reason: string): void {
    const delay = this.policy.nextDelayMs();
    if (delay === null) {
      this.setPhase({ kind: 'failed', message: `${reason}. Gave up after ${this.policy.attempts} attempts.` });
      return;
    }
    this.setPhase({ kind: 'reconnecting', attempt: this.policy.attempts, retryAtMs: this.now() + delay, reason });
    this.retryTimer = setTimeout(() => {
      this.retryTimer = null;
      if (!this.leaving) this.connect();
    }, delay);
  }

  /** Run the fixed-step simulation up to `nowMs`: one input per tick. Safe to call often. */
  advance(nowMs: number): void {
    if (Number.isNaN(this.lastAdvanceMs)) this.lastAdvanceMs = nowMs;
    const dt = nowMs - this.lastAdvanceMs;
    this.lastAdvanceMs = nowMs;
    this.conn?.poll();
    if (!this.welcome || !this.conn?.isOpen || this.phase.kind !== 'playing') return;
    this.accumulatorMs = Math.min(this.accumulatorMs + Math.max(0, dt), MAX_CATCH_UP_MS);
    const tickMs = this.tickMs;
    while (this.accumulatorMs >= tickMs) {
      this.accumulatorMs -= tickMs;
      this.tick();
    }
    if (nowMs - this.lastPingMs >= PING_INTERVAL_MS) {
      this.lastPingMs = nowMs;
      this.conn.send({ op: Opcode.Ping, body: { t: nowMs } });
    }
  }

  private tick(): void {
    const logic = this.logic;
    const sender = this.sender;
    if (!logic || !sender || !this.store) return;
    const predicted = this.predictor?.current ?? null;
    const values = logic.input(this.opts.controls() ?? null, predicted);
    const seq = sender.push(values);
    this.predictor?.applyInput(seq, values);
    const bytes = sender.message(this.needFullSnapshot ? 0 : this.store.newestTick, this.viewTick);
    if (bytes) this.conn?.sendBytes(bytes);
  }

  /** What the game draws at `nowMs` (its logic's view), or null before the first snapshot. */
  view(nowMs: number): unknown {
    const w = this.welcome;
    const logic = this.logic;
    const store = this.store;
    if (!w || !logic || !store || !this.drawn) return null;
    const s = this.interp.sample(nowMs);
    if (!s) return null;
    this.viewTick = Math.max(0, Math.floor(s.renderTick));
    lerpTables(s.from, s.to, s.alpha, logic.lerp, this.drawn);
    const newest = store.newest;
    const myRow = newest ? newest.indexOf(w.playerId) : -1;
    const predictor = this.predictor;
    const predicting = predictor !== null && predictor.ready && myRow >= 0;
    const predictedDraw = predicting ? predictor.drawPosition(nowMs, this.accumulatorMs / this.tickMs) : null;
    this.lastPredictedDraw = predictedDraw;
    return logic.view({
      nowMs,
      renderTick: s.renderTick,
      tickRate: w.tickRate,
      playerId: w.playerId,
      drawn: this.drawn,
      newest,
      myRow,
      predicted: predicting ? predictor.current : null,
      predictedDraw,
      nameOf: (id) => this.nameOf(id),
    });
  }

  /**
   * Players as drawn in the last view: ourselves where prediction draws us,
   * the others where interpolation does (positions from the game's lerp spec).
   */
  drawnPlayers(): { me: { x: number; y: number } | null; others: DrawnPlayer[] } {
    const drawn = this.drawn;
    const logic = this.logic;
    if (!drawn || !logic) return { me: null, others: [] };
    let me = this.lastPredictedDraw;
    const others: DrawnPlayer[] = [];
    for (let r = 0; r < drawn.count; r++) {
      const id = drawn.ids[r];
      if (!this.room.isPlayer(id)) continue;
      const pos = drawnPosition(drawn, r, logic.lerp);
      if (!pos) continue;
      if (id === this.playerId) me ??= pos;
      else others.push({ id, name: this.nameOf(id), x: pos.x, y: pos.y });
    }
    return { me, others };
  }
}

function sessionInfo(w: WelcomeBody, codec: GameCodec): SessionInfo {
  return {
    seed: w.seed,
    tickRate: w.tickRate,
    snapshotRate: w.snapshotRate,
    playerId: w.playerId,
    roomId: w.roomId,
    roomName: w.roomName,
    layout: codec.layout,
  };
}
