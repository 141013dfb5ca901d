/**
 * The game's client-side state machine and data path, DOM- and Pixi-free:
 *
 *   Connection ─▶ Welcome ─▶ reset session state
 *              ─▶ Snapshot ─▶ SnapshotStore ─▶ InterpolationBuffer (others)
 *                                        └──▶ Predictor.reconcile (me)
 *              ─▶ Events ─▶ names, feed, effects
 *   advance(now): fixed 60 Hz steps: sample input ─▶ InputSender ─▶ Predictor ─▶ send
 *   view(now): what the renderer draws this frame
 *
 * Reconnection: an unexpected close (or 1012, server restart) retries with
 * backoff + jitter and resumes the session with its token.
 */
import { aimFromVector, createWorld, type ArenaWorld } from '../../../shared/game/arena';
import { CloseCode, Opcode } from '../../../shared/protocol/constants';
import type { ServerMessage } from '../../../shared/protocol/frameCodec';
import type { GameEvent, WelcomeBody } from '../../../shared/protocol/messages';
import type { SnapshotFrame } from '../../../shared/protocol/snapshotFrame';
import { diagnoseHandshake } from '../lobby/lobbyApi';
import { ClockSync } from '../net/clockSync';
import { decideAfterDiagnosis, decideOnClose } from '../net/closeDecision';
import { Connection, type CloseInfo } from '../net/connection';
import { InputSender } from '../net/inputSender';
import { NetStats } from '../net/netStats';
import type { NetworkConditions } from '../net/networkSimulator';
import { ReconnectPolicy } from '../net/reconnectPolicy';
import { lerpTables } from '../netcode/entityLerp';
import { defaultInterpolationOptions, InterpolationBuffer } from '../netcode/interpolationBuffer';
import { Predictor } from '../netcode/prediction';
import { SnapshotStore } from '../netcode/snapshotStore';
import { lerpSpec, predictedFromSnapshot, predictionModel, schema, type PredictedPlayer } from './arenaModel';
import { playerView, remoteView, type FrameView } from './frameView';

export type { FrameView, PlayerView, ProjectileView } from './frameView';

export type JoinTarget = { kind: 'quick' } | { kind: 'room'; id: string } | { kind: 'code'; code: string };

export type ClientPhase =
  | { kind: 'connecting' }
  | { kind: 'playing' }
  | { kind: 'reconnecting'; attempt: number; retryAtMs: number; reason: string }
  | { kind: 'failed'; message: string }
  | { kind: 'left' };

/** What the player is doing this tick, from keyboard/mouse or touch. */
export interface ControlState {
  buttons: number;
  /** Aim toward a world point (mouse), or along a direction (touch stick); null keeps the last aim. */
  aimAt: { x: number; y: number } | null;
  aimDir: { dx: number; dy: number } | null;
}

export interface FeedItem {
  atMs: number;
  text: string;
}

export interface Effect {
  kind: 'hit' | 'death' | 'respawn';
  id: number;
  atMs: number;
}

export interface GameClientOptions {
  /** http(s) origin of the server, e.g. location.origin. */
  baseUrl: string;
  name: string;
  target: JoinTarget;
  conditions: NetworkConditions;
  controls: () => ControlState;
  onPhase: (phase: ClientPhase) => void;
  now?: () => number;
}

const INPUT_AIM_STEPS = 65536;
/** How long after sending Join we wait for the Welcome before giving up on the connection. */
const WELCOME_TIMEOUT_MS = 8000;

export class GameClient {
  readonly stats = new NetStats();
  clock = new ClockSync(1000 / 60);
  readonly feed: FeedItem[] = [];
  readonly effects: Effect[] = [];
  phase: ClientPhase = { kind: 'connecting' };
  welcome: WelcomeBody | null = null;
  world: ArenaWorld | null = null;
  conditions: NetworkConditions;
  private conn: Connection | null = null;
  private readonly names = new Map<number, string>();
  private readonly store = new SnapshotStore(schema, 64);
  private interp = new InterpolationBuffer(defaultInterpolationOptions(60, 30));
  private predictor: Predictor<PredictedPlayer> | null = null;
  private readonly sender = new InputSender();
  private readonly policy = new ReconnectPolicy();
  private resumeToken: string | null = null;
  private retryTimer: ReturnType<typeof setTimeout> | null = null;
  private welcomeTimer: ReturnType<typeof setTimeout> | null = null;
  private accumulatorMs = 0;
  private lastAdvanceMs = Number.NaN;
  private lastPingMs = -Infinity;
  private clientTick = 0;
  private viewTick = 0;
  private aim = 0;
  private leaving = false;
  private readonly now: () => number;

  constructor(private readonly opts: GameClientOptions) {
    this.now = opts.now ?? (() => performance.now());
    this.conditions = opts.conditions;
  }

  get playerId(): number {
    return this.welcome?.playerId ?? 0;
  }

  get tickMs(): number {
    return 1000 / (this.welcome?.tickRate ?? 60);
  }

  get correctionsPerSec(): number {
    return this.stats.corrections.perSecond(this.now());
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
    return this.names.get(id) ?? `player ${id}`;
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
    this.conn = new Connection(this.wsUrl(), schema, this.conditions, this.stats, {
      onOpen: () => this.sendJoin(),
      onMessage: (msg, now) => this.onMessage(msg, now),
      onClose: (info) => void this.onClose(info),
    }, this.now);
  }

  private sendJoin(): void {
    // A server that accepts the socket but never welcomes us is as good as down.
    const conn = this.conn;
    this.welcomeTimer = setTimeout(() => {
      this.welcomeTimer = null;
      conn?.close(CloseCode.JoinTimeout, 'no welcome');
    }, WELCOME_TIMEOUT_MS);
    const t = this.opts.target;
    const body: { name: string; room?: string; code?: string; resume?: string } = { name: this.opts.name };
    if (this.resumeToken && this.welcome) {
      // Resume; if the token has expired the server falls back to a fresh join of the same room.
      body.resume = this.resumeToken;
      body.room = this.welcome.roomId;
    } else if (t.kind === 'room') body.room = t.id;
    else if (t.kind === 'code') body.code = t.code.toUpperCase();
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
    const sameWorld = this.welcome && this.welcome.seed === w.seed && this.welcome.tickRate === w.tickRate;
    if (this.welcome?.tickRate !== w.tickRate) this.clock = new ClockSync(1000 / w.tickRate);
    this.welcome = w;
    this.resumeToken = w.resume;
    if (!sameWorld || !this.world) this.world = createWorld(w.seed, w.tickRate);
    this.predictor = new Predictor(predictionModel(this.world));
    this.store.clear();
    this.interp = new InterpolationBuffer(defaultInterpolationOptions(w.tickRate, w.snapshotRate));
    this.sender.reset();
    this.stats.setSnapshotEvery(w.tickRate / w.snapshotRate);
    this.stats.resetSession();
    this.names.clear();
    for (const p of w.players) this.names.set(p.id, p.name);
    this.clientTick = w.serverTick;
    this.accumulatorMs = 0;
    this.lastAdvanceMs = now;
    this.lastPingMs = -Infinity;
    this.policy.reset();
    this.pushFeed(now, w.resumed ? `Reconnected to ${w.roomName}` : `Joined ${w.roomName} as ${this.nameOf(w.playerId)}`);
    this.setPhase({ kind: 'playing' });
  }

  private onSnapshot(frame: SnapshotFrame, now: number): void {
    if (!this.welcome || !this.predictor) return;
    const result = this.store.apply(frame.delta);
    if (!result.ok) return;
    const table = result.table;
    this.sender.acknowledge(frame.ackSeq);
    this.interp.push(table, now);
    this.stats.onSnapshot(table.tick, now);
    const row = table.indexOf(this.playerId);
    if (row < 0) {
      this.predictor.clear();
      return;
    }
    const before = this.predictor.corrections + this.predictor.snaps;
    this.predictor.reconcile(predictedFromSnapshot(table, row), frame.ackSeq);
    const corrected = this.predictor.corrections + this.predictor.snaps - before;
    if (corrected > 0) this.stats.corrections.add(corrected, now);
  }

  private onEvent(ev: GameEvent, now: number): void {
    switch (ev.type) {
      case 'joined':
        this.names.set(ev.id, ev.name);
        if (ev.id !== this.playerId) this.pushFeed(now, `${ev.name} joined`);
        return;
      case 'left':
        this.pushFeed(now, `${this.nameOf(ev.id)} left`);
        this.names.delete(ev.id);
        return;
      case 'hit':
        this.effects.push({ kind: 'hit', id: ev.id, atMs: now });
        return;
      case 'killed':
        this.effects.push({ kind: 'death', id: ev.id, atMs: now });
        this.pushFeed(now, `${this.nameOf(ev.by)} ✦ ${this.nameOf(ev.id)}`);
        return;
      case 'respawned':
        this.effects.push({ kind: 'respawn', id: ev.id, atMs: now });
        return;
      case 'scored':
        return; // the scoreboard reads scores from snapshots
      case 'chat':
        this.pushFeed(now, `${this.nameOf(ev.id)}: ${ev.text}`);
        return;
    }
  }

  private pushFeed(now: number, text: string): void {
    this.feed.push({ atMs: now, text });
    if (this.feed.length > 6) this.feed.shift();
  }

  private async onClose(info: CloseInfo): Promise<void> {
    this.conn = null;
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
    // After a stall (background tab) do not replay seconds of input: at most 250 ms.
    this.accumulatorMs = Math.min(this.accumulatorMs + Math.max(0, dt), 250);
    const tickMs = this.tickMs;
    while (this.accumulatorMs >= tickMs) {
      this.accumulatorMs -= tickMs;
      this.tick(nowMs);
    }
    if (nowMs - this.lastPingMs >= 1000) {
      this.lastPingMs = nowMs;
      this.conn.send({ op: Opcode.Ping, body: { t: nowMs } });
    }
  }

  private tick(nowMs: number): void {
    const controls = this.opts.controls();
    const me = this.predictor?.current;
    if (controls.aimAt && me) {
      const dx = controls.aimAt.x - me.x;
      const dy = controls.aimAt.y - me.y;
      if (dx * dx + dy * dy > 1) this.aim = aimFromVector(dx, dy);
    } else if (controls.aimDir) {
      this.aim = aimFromVector(controls.aimDir.dx, controls.aimDir.dy);
    }
    const frame: [number, number] = [controls.buttons & 0xff, this.aim % INPUT_AIM_STEPS];
    const seq = this.sender.push(frame);
    this.predictor?.applyInput(seq, frame);
    const estimated = this.clock.serverTick(nowMs);
    this.clientTick = Number.isFinite(estimated) ? estimated : this.clientTick + 1;
    const body = this.sender.body(this.clientTick, this.store.newestTick, this.viewTick);
    if (body) this.conn?.send({ op: Opcode.Input, body });
  }

  /** What to draw at `nowMs`, or null before the first snapshot. */
  view(nowMs: number): FrameView | null {
    const w = this.welcome;
    const world = this.world;
    if (!w || !world) return null;
    while (this.effects.length > 0 && nowMs - this.effects[0].atMs > 1000) this.effects.shift();
    const s = this.interp.sample(nowMs);
    if (!s) return null;
    this.viewTick = Math.max(0, Math.floor(s.renderTick));
    const view = remoteView(world, lerpTables(s.from, s.to, s.alpha, lerpSpec), s.renderTick, w.tickRate, w.playerId, (id) => this.nameOf(id));
    // Me: predicted position, my own aim, the newest snapshot's health and score.
    const newest = this.store.newest;
    const row = newest ? newest.indexOf(w.playerId) : -1;
    if (newest && row >= 0 && this.predictor?.ready) {
      const f = newest.fieldCount;
      const me = playerView(w.playerId, this.nameOf(w.playerId), newest.values.subarray(row * f, (row + 1) * f), true);
      const pos = this.predictor.drawPosition(nowMs, this.accumulatorMs / this.tickMs);
      me.x = pos.x;
      me.y = pos.y;
      me.aimRad = (this.aim / INPUT_AIM_STEPS) * 2 * Math.PI;
      view.players.push(me);
    }
    return view;
  }
}
