/**
 * One game session on screen: wires the GameClient to the renderer, the
 * inputs and the HUD, and runs the frame loop. Returns to the lobby (via
 * `onExit`) when the player leaves or the session fails for good.
 */
import { Button } from '../../../shared/protocol/constants';
import { ConnectionOverlay } from '../hud/connectionOverlay';
import { NetworkHud } from '../hud/networkHud';
import { KillFeed, Scoreboard } from '../hud/scoreboard';
import { SimulatorPanel } from '../hud/simulatorPanel';
import type { NetworkConditions } from '../net/networkSimulator';
import { GameClient, type ClientPhase, type ControlState, type JoinTarget, type PlayerView } from './gameClient';
import { KeyboardInput } from './keyboardInput';
import { Renderer } from './renderer';
import { TouchInput } from './touchInput';

export interface GameScreenOptions {
  baseUrl: string;
  name: string;
  target: JoinTarget;
  conditions: NetworkConditions;
  hudVisible: boolean;
  onExit: (message: string) => void;
}

/** Debug numbers for tests and the HUD. */
export interface DebugState {
  phase: ClientPhase['kind'];
  /** The last few phases, oldest first (e.g. playing → reconnecting → playing). */
  phases: ClientPhase['kind'][];
  /** The last welcome resumed an earlier session. */
  resumed: boolean;
  playerId: number;
  roomId: string;
  roomName: string;
  rtt: number;
  myX: number;
  myY: number;
  others: { id: number; name: string; x: number; y: number }[];
  snapshotsPerSec: number;
  correctionsPerSec: number;
  correctionsTotal: number;
  avgFrameMs: number;
  /** Average JS time per frame spent in our code (advance + view + draw calls), ms. */
  avgWorkMs: number;
  frames: number;
  hudVisible: boolean;
}

export class GameScreen {
  private readonly root: HTMLDivElement;
  private readonly renderer = new Renderer();
  private readonly client: GameClient;
  private keyboard: KeyboardInput | null = null;
  private touch: TouchInput | null = null;
  private hud: NetworkHud | null = null;
  private scoreboard: Scoreboard | null = null;
  private feed: KillFeed | null = null;
  private overlay: ConnectionOverlay | null = null;
  private status: HTMLDivElement | null = null;
  private rafId = 0;
  private backupTimer: ReturnType<typeof setInterval> | null = null;
  private lastFrameMs = Number.NaN;
  private readonly frameTimes: number[] = [];
  private readonly workTimes: number[] = [];
  private frames = 0;
  private lastView: PlayerView[] = [];
  private disposed = false;
  private readonly phases: ClientPhase['kind'][] = [];

  constructor(
    parent: HTMLElement,
    private readonly opts: GameScreenOptions,
  ) {
    this.root = document.createElement('div');
    this.root.className = 'game';
    parent.appendChild(this.root);
    this.client = new GameClient({
      baseUrl: opts.baseUrl,
      name: opts.name,
      target: opts.target,
      conditions: opts.conditions,
      controls: () => this.controls(),
      onPhase: (p) => this.onPhase(p),
    });
  }

  async start(): Promise<void> {
    await this.renderer.init(this.root);
    if (this.disposed) return;
    this.keyboard = new KeyboardInput(this.renderer.app.canvas);
    this.touch = new TouchInput(this.root);
    const sim = new SimulatorPanel(this.opts.conditions, (c) => this.client.setConditions(c));
    this.hud = new NetworkHud(this.root, this.opts.hudVisible, sim.root);
    this.scoreboard = new Scoreboard(this.root);
    this.feed = new KillFeed(this.root);
    this.overlay = new ConnectionOverlay(this.root);
    this.status = document.createElement('div');
    this.status.className = 'status-banner';
    this.status.hidden = true;
    this.root.appendChild(this.status);
    const leave = document.createElement('button');
    leave.className = 'leave-button';
    leave.textContent = 'Leave';
    leave.addEventListener('click', () => this.client.leave());
    this.root.appendChild(leave);
    this.client.start();
    this.overlay.update(this.client.phase, performance.now());
    const frame = (t: number) => {
      if (this.disposed) return;
      this.frame(t);
      this.rafId = requestAnimationFrame(frame);
    };
    this.rafId = requestAnimationFrame(frame);
    // Inputs leave on their own clock, not the frame's: a slow frame (or a hidden tab, where
    // rAF stops) would otherwise send them in bursts, which the server's one-per-tick input
    // queue turns into repeated or dropped inputs, i.e. prediction corrections.
    this.backupTimer = setInterval(() => this.client.advance(performance.now()), 8);
  }

  private controls(): ControlState {
    const kb = this.keyboard;
    const touch = this.touch;
    let buttons = (kb?.buttons ?? 0) | (touch?.buttons ?? 0);
    buttons &= Button.Up | Button.Down | Button.Left | Button.Right | Button.Fire;
    const aimDir = touch?.isActive ? touch.aimDir : null;
    const pointer = kb?.pointer;
    return { buttons, aimDir, aimAt: !aimDir && pointer ? this.renderer.screenToWorld(pointer.x, pointer.y) : null };
  }

  private onPhase(p: ClientPhase): void {
    if (this.phases[this.phases.length - 1] !== p.kind) this.phases.push(p.kind);
    if (this.phases.length > 10) this.phases.shift();
    if (p.kind === 'failed') this.opts.onExit(p.message);
    else if (p.kind === 'left') this.opts.onExit('');
  }

  private frame(nowMs: number): void {
    const now = performance.now();
    if (!Number.isNaN(this.lastFrameMs)) {
      this.frameTimes.push(nowMs - this.lastFrameMs);
      if (this.frameTimes.length > 120) this.frameTimes.shift();
    }
    this.lastFrameMs = nowMs;
    this.frames++;
    this.client.stats.frames.add(1, now);
    this.client.advance(now);
    const view = this.client.view(now);
    if (view) {
      this.renderer.render(view, this.client.effects, now);
      this.lastView = view.players;
      this.scoreboard?.update(view.players, this.client.welcome?.roomName ?? '');
      const me = view.players.find((p) => p.isMe);
      if (this.status) this.status.hidden = !me || me.alive;
      if (this.status && me && !me.alive) this.status.textContent = 'Eliminated. Respawning…';
    }
    this.feed?.update(this.client.feed, now);
    this.overlay?.update(this.client.phase, now);
    const s = this.client.stats;
    this.hud?.update(
      {
        rttMs: this.client.clock.rttMs,
        jitterMs: this.client.clock.jitterMs,
        snapshotsPerSec: s.snapshots.perSecond(now),
        lossPct: s.lossPct,
        bytesInPerSec: s.bytesIn.perSecond(now),
        bytesOutPerSec: s.bytesOut.perSecond(now),
        correctionsPerSec: s.corrections.perSecond(now),
        interpDelayMs: this.client.interpolationDelayMs,
        fps: s.frames.perSecond(now),
        frameMs: this.avgFrameMs,
        simDropped: this.client.droppedBySimulator,
      },
      now,
    );
    this.workTimes.push(performance.now() - now);
    if (this.workTimes.length > 120) this.workTimes.shift();
  }

  get avgFrameMs(): number {
    if (this.frameTimes.length === 0) return Number.NaN;
    return this.frameTimes.reduce((a, b) => a + b, 0) / this.frameTimes.length;
  }

  debugState(): DebugState {
    const me = this.lastView.find((p) => p.isMe);
    const now = performance.now();
    return {
      phase: this.client.phase.kind,
      phases: [...this.phases],
      resumed: this.client.welcome?.resumed ?? false,
      playerId: this.client.playerId,
      roomId: this.client.welcome?.roomId ?? '',
      roomName: this.client.welcome?.roomName ?? '',
      rtt: this.client.clock.rttMs,
      myX: me?.x ?? Number.NaN,
      myY: me?.y ?? Number.NaN,
      others: this.lastView.filter((p) => !p.isMe).map((p) => ({ id: p.id, name: p.name, x: p.x, y: p.y })),
      snapshotsPerSec: this.client.stats.snapshots.perSecond(now),
      correctionsPerSec: this.client.stats.corrections.perSecond(now),
      correctionsTotal: this.client.correctionsTotal,
      avgFrameMs: this.avgFrameMs,
      avgWorkMs: this.workTimes.length ? this.workTimes.reduce((a, b) => a + b, 0) / this.workTimes.length : Number.NaN,
      frames: this.frames,
      hudVisible: this.hud?.visible ?? false,
    };
  }

  setConditions(c: NetworkConditions): void {
    this.client.setConditions(c);
  }

  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    cancelAnimationFrame(this.rafId);
    if (this.backupTimer) clearInterval(this.backupTimer);
    if (this.client.phase.kind !== 'left' && this.client.phase.kind !== 'failed') this.client.leave();
    this.keyboard?.dispose();
    this.touch?.dispose();
    this.hud?.dispose();
    this.renderer.destroy();
    this.root.remove();
  }
}
