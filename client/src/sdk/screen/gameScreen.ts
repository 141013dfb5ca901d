/**
 * One game session on screen, for any game: runs the frame loop, the network
 * HUD, the room feed, the connection overlay and the Leave button, and mounts
 * the presenter of whichever game the Welcome names (a room joined by code
 * says its game only then). Returns to the lobby (via `onExit`) when the
 * player leaves or the session fails for good.
 *
 *   .game ─┬─ .game-layer      the game's presenter: canvas, its own HUD
 *          ├─ .game-toolbar   Leave, Net (opens the network HUD: how touch reaches it)
 *          ├─ network HUD, room feed (the game adds its own lines), overlay (SDK)
 */
import type { AnyClientGame, GamePresenter } from '../gameModule';
import { ConnectionOverlay } from '../hud/connectionOverlay';
import { FeedView } from '../hud/feedView';
import { NetworkHud } from '../hud/networkHud';
import { SimulatorPanel } from '../hud/simulatorPanel';
import { SpectatorBar } from '../hud/spectatorBar';
import type { NetworkConditions } from '../net/networkSimulator';
import type { GameCatalog } from '../session/gameCatalog';
import { GameSession } from '../session/gameSession';
import type { ClientPhase, JoinTarget } from '../session/sessionTypes';
import type { DebugState } from './debugState';
import { FrameTimes } from './frameTimes';

export interface GameScreenOptions {
  baseUrl: string;
  name: string;
  target: JoinTarget;
  conditions: NetworkConditions;
  hudVisible: boolean;
  games: GameCatalog;
  onExit: (message: string) => void;
}

type AnyPresenter = GamePresenter<unknown, unknown>;

export class GameScreen {
  private readonly root: HTMLDivElement;
  private readonly layer: HTMLDivElement;
  private readonly session: GameSession;
  private presenter: AnyPresenter | null = null;
  /** The module whose presenter is mounted (or being mounted). */
  private mounted: AnyClientGame | null = null;
  private hud: NetworkHud | null = null;
  private feed: FeedView | null = null;
  private overlay: ConnectionOverlay | null = null;
  /** Spectators (issue 15): the watching bar, while the session watches. */
  private spectatorBar: SpectatorBar | null = null;
  private rafId = 0;
  private backupTimer: ReturnType<typeof setInterval> | null = null;
  private readonly times = new FrameTimes(120);
  private disposed = false;
  private readonly phases: ClientPhase['kind'][] = [];

  constructor(
    parent: HTMLElement,
    private readonly opts: GameScreenOptions,
  ) {
    this.root = document.createElement('div');
    this.root.className = 'game';
    this.layer = document.createElement('div');
    this.layer.className = 'game-layer';
    this.root.appendChild(this.layer);
    parent.appendChild(this.root);
    this.session = new GameSession({
      baseUrl: opts.baseUrl,
      name: opts.name,
      target: opts.target,
      conditions: opts.conditions,
      games: opts.games,
      controls: () => this.presenter?.controls() ?? null,
      onPhase: (p) => this.onPhase(p),
    });
  }

  /** Build the screen's chrome and connect; the game's presenter mounts on the Welcome. */
  async start(): Promise<void> {
    // Top left: Leave and Net (the network HUD, reachable by tap); the feed below them.
    const toolbar = document.createElement('div');
    toolbar.className = 'game-toolbar';
    const leave = document.createElement('button');
    leave.className = 'leave-button';
    leave.textContent = 'Leave';
    leave.addEventListener('click', () => this.session.leave());
    toolbar.appendChild(leave);
    this.root.appendChild(toolbar);
    const sim = new SimulatorPanel(this.opts.conditions, (c) => this.session.setConditions(c));
    this.hud = new NetworkHud(this.root, this.opts.hudVisible, sim.root, toolbar);
    this.feed = new FeedView(this.root);
    this.overlay = new ConnectionOverlay(this.root);
    this.session.start();
    this.overlay.update(this.session.phase, performance.now());
    const frame = (t: number) => {
      if (this.disposed) return;
      // Schedule first: a frame that throws (reported as a page error) must not stop the loop.
      this.rafId = requestAnimationFrame(frame);
      this.frame(t);
    };
    this.rafId = requestAnimationFrame(frame);
    // Inputs leave on their own clock, not the frame's: a slow frame (or a hidden tab, where
    // rAF stops) would otherwise send them in bursts, which the server's one-per-tick input
    // queue turns into repeated or dropped inputs, i.e. prediction corrections.
    this.backupTimer = setInterval(() => this.session.advance(performance.now()), 8);
    return Promise.resolve();
  }

  private onPhase(p: ClientPhase): void {
    if (this.phases[this.phases.length - 1] !== p.kind) this.phases.push(p.kind);
    if (this.phases.length > 10) this.phases.shift();
    if (p.kind === 'failed') this.opts.onExit(p.message);
    else if (p.kind === 'left') this.opts.onExit('');
    else if (p.kind === 'playing' && this.session.module !== this.mounted) void this.mount(this.session.module);
    if (p.kind === 'playing' && this.session.spectating && !this.spectatorBar) {
      this.spectatorBar = new SpectatorBar(this.root, this.layer, this.session.camera, () => this.session.playerIds());
    }
  }

  /** Replace the presenter with `module`'s (first Welcome, or a room that changed games). */
  private async mount(module: AnyClientGame | null): Promise<void> {
    this.mounted = module;
    this.presenter?.dispose();
    this.presenter = null;
    if (!module) return;
    try {
      const presenter = (await module.createPresenter()) as AnyPresenter;
      await presenter.init(this.layer);
      if (this.disposed || this.mounted !== module) return presenter.dispose();
      this.presenter = presenter;
    } catch (err) {
      if (this.disposed) return;
      this.session.leave();
      this.opts.onExit(`The game could not start: ${err instanceof Error ? err.message : String(err)}`);
    }
  }

  private frame(frameMs: number): void {
    const now = performance.now();
    this.times.onFrame(frameMs);
    const s = this.session;
    s.stats.frames.add(1, now);
    s.advance(now);
    const view = s.view(now);
    const spectator = s.spectatorView(now);
    if (view !== null && this.presenter) this.presenter.render(view, { nowMs: now, roomName: s.welcome?.roomName ?? '', spectator });
    this.spectatorBar?.update((id) => s.nameOf(id));
    this.feed?.update(s.feed, now);
    this.overlay?.update(s.phase, now);
    this.hud?.update(
      {
        rttMs: s.clock.rttMs,
        jitterMs: s.clock.jitterMs,
        snapshotsPerSec: s.stats.snapshots.perSecond(now),
        lossPct: s.stats.lossPct,
        bytesInPerSec: s.stats.bytesIn.perSecond(now),
        bytesOutPerSec: s.stats.bytesOut.perSecond(now),
        correctionsPerSec: s.stats.corrections.perSecond(now),
        interpDelayMs: s.interpolationDelayMs,
        fps: s.stats.frames.perSecond(now),
        frameMs: this.times.avgFrameMs,
        simDropped: s.droppedBySimulator,
      },
      now,
    );
    this.times.onWork(performance.now() - now);
  }

  debugState(): DebugState {
    const s = this.session;
    const now = performance.now();
    const { me, others } = s.drawnPlayers();
    return {
      phase: s.phase.kind,
      phases: [...this.phases],
      resumed: s.welcome?.resumed ?? false,
      game: s.module?.definition.name ?? '',
      lastClose: s.lastClose ? `${s.lastClose.code}${s.lastClose.reason ? ` ${s.lastClose.reason}` : ''}` : '',
      playerId: s.playerId,
      roomId: s.welcome?.roomId ?? '',
      roomName: s.welcome?.roomName ?? '',
      rtt: s.clock.rttMs,
      myX: me?.x ?? Number.NaN,
      myY: me?.y ?? Number.NaN,
      others,
      snapshotsPerSec: s.stats.snapshots.perSecond(now),
      correctionsPerSec: s.stats.corrections.perSecond(now),
      correctionsTotal: s.correctionsTotal,
      avgFrameMs: this.times.avgFrameMs,
      avgWorkMs: this.times.avgWorkMs,
      frames: this.times.frames,
      hudVisible: this.hud?.visible ?? false,
      spectating: s.spectating,
      followId: s.camera.followId,
      cameraX: s.camera.x,
      cameraY: s.camera.y,
    };
  }

  setConditions(c: NetworkConditions): void {
    this.session.setConditions(c);
  }

  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    cancelAnimationFrame(this.rafId);
    if (this.backupTimer) clearInterval(this.backupTimer);
    if (this.session.phase.kind !== 'left' && this.session.phase.kind !== 'failed') this.session.leave();
    this.presenter?.dispose();
    this.hud?.dispose();
    this.spectatorBar?.dispose();
    this.root.remove();
  }
}
