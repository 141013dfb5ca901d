/**
 * One arena player as a browser tab runs it, minus the drawing: the SDK's
 * GameSession (network simulator, prediction, interpolation, predicted shots)
 * driven by a frame loop at a fixed frame rate, with a seeded bot at the
 * controls, and a FeelRecorder watching every frame.
 *
 *   frame timer (60/30/20 fps) ─▶ advance(now) ─▶ view(now) ─▶ FeelRecorder.frame
 *   bot: walks (a direction held 0.6–2 s), aims at the nearest drawn player,
 *        taps Fire at random moments between frames (press → shot drawn measured)
 *
 * Needs a global WebSocket (Node 20: the `ws` package; see installWebSocket).
 */
import WebSocket from 'ws';
import { ArenaButton as Button } from '../../shared/game/arena';
import type { ArenaControls } from '../../client/src/games/arena/arenaInput';
import { ArenaLogic } from '../../client/src/games/arena/arenaLogic';
import type { FrameView } from '../../client/src/games/arena/frameView';
import { arenaClient } from '../../client/src/games/arena/index';
import type { NetworkConditions } from '../../client/src/sdk/net/networkSimulator';
import { GameCatalog } from '../../client/src/sdk/session/gameCatalog';
import { GameSession } from '../../client/src/sdk/session/gameSession';
import { seededRandom } from '../../shared/engine/prng';
import { FeelRecorder } from './feelRecorder';

/** The browser's WebSocket for the SDK under Node 20 (which has none). */
export function installWebSocket(): void {
  const g = globalThis as { WebSocket?: unknown };
  g.WebSocket ??= WebSocket;
}

const games = new GameCatalog([arenaClient]);
const DIRECTIONS = [Button.Up, Button.Up | Button.Right, Button.Right, Button.Right | Button.Down, Button.Down, Button.Down | Button.Left, Button.Left, Button.Left | Button.Up];
/** Fire is held this long per tap, ms (longer than a 60 fps frame, shorter than the cooldown). */
const TAP_MS = 60;
/** Taps are this far apart at least, ms (more than FIRE_COOLDOWN_MS: every tap can fire). */
const TAP_GAP_MS = 350;

export interface HeadlessPlayerOptions {
  baseUrl: string;
  roomId: string;
  name: string;
  fps: number;
  conditions: NetworkConditions;
  seed: number;
  /** Whether frames count yet (warm-up), and the server stalls so far. */
  measuring: () => boolean;
  stalls: () => readonly (readonly [number, number])[];
}

export class HeadlessPlayer {
  readonly session: GameSession;
  readonly feel = new FeelRecorder();
  readonly fps: number;
  private readonly controls: ArenaControls = { buttons: 0, aimAt: null, aimDir: null };
  private readonly random: () => number;
  private frameTimer: ReturnType<typeof setTimeout> | null = null;
  private tapTimer: ReturnType<typeof setTimeout> | null = null;
  private moveUntilMs = 0;
  private fired = 0;
  private lastView: FrameView | null = null;
  private stopped = false;
  failure = '';

  constructor(private readonly o: HeadlessPlayerOptions) {
    this.fps = o.fps;
    this.random = seededRandom(o.seed);
    this.session = new GameSession({
      baseUrl: o.baseUrl,
      name: o.name,
      target: { kind: 'room', id: o.roomId },
      conditions: o.conditions,
      games,
      controls: () => this.controls,
      onPhase: (p) => {
        if (p.kind === 'failed') this.failure = p.message;
      },
    });
  }

  get playing(): boolean {
    return this.session.phase.kind === 'playing' && this.lastView !== null;
  }

  start(): void {
    this.session.start();
    const frameMs = 1000 / this.fps;
    const t0 = performance.now();
    let k = 0;
    const loop = () => {
      if (this.stopped) return;
      this.frame(performance.now());
      k++;
      // Self-correcting schedule: frame k at t0 + k × frameMs (a late frame does not push the others).
      this.frameTimer = setTimeout(loop, Math.max(0, t0 + k * frameMs - performance.now()));
    };
    loop();
    this.scheduleTap();
  }

  stop(): void {
    this.stopped = true;
    if (this.frameTimer) clearTimeout(this.frameTimer);
    if (this.tapTimer) clearTimeout(this.tapTimer);
    this.session.leave();
  }

  private logic(): ArenaLogic | null {
    const l = this.session.logic;
    return l instanceof ArenaLogic ? l : null;
  }

  private frame(nowMs: number): void {
    const s = this.session;
    this.steer(nowMs);
    s.advance(nowMs);
    const view = s.view(nowMs) as FrameView | null;
    this.lastView = view;
    const logic = this.logic();
    if (!view || !logic) return;
    const measuring = this.o.measuring();
    const me = view.players.find((p) => p.isMe);
    const probe = s.lastViewProbe;
    this.feel.frame(
      { nowMs, alive: !!me && me.alive, jumpPx: probe.jump, corrections: s.correctionsTotal, hardSnaps: probe.hardSnaps, extrapolated: probe.extrapolated },
      this.o.stalls(),
      measuring,
    );
    // The view just drew every shot predicted so far: a new one answers the open press.
    if (logic.shots.fired > this.fired) {
      this.fired = logic.shots.fired;
      this.feel.shotDrawn(nowMs, measuring);
    }
    for (const t of logic.shots.touches.splice(0)) this.feel.touched(t, measuring);
    for (const h of logic.hitsByMe.splice(0)) this.feel.hit(h, measuring);
    for (const d of logic.deaths.splice(0)) this.feel.died(d, d.targetId === this.session.playerId);
    this.feel.trades(logic.shots.tradesExpected, logic.shots.tradesNeverFired);
  }

  /** Walk (a direction held 0.6–2 s, sometimes standing) and aim at the nearest drawn living player. */
  private steer(nowMs: number): void {
    const c = this.controls;
    if (nowMs >= this.moveUntilMs) {
      this.moveUntilMs = nowMs + 600 + 1400 * this.random();
      const dir = this.random() < 0.15 ? 0 : DIRECTIONS[Math.floor(this.random() * DIRECTIONS.length)];
      c.buttons = (c.buttons & Button.Fire) | dir;
    }
    const v = this.lastView;
    const me = v?.players.find((p) => p.isMe);
    let best: { x: number; y: number } | null = null;
    let bestD = Infinity;
    for (const p of v?.players ?? []) {
      if (p.isMe || !p.alive || !me) continue;
      const d = (p.x - me.x) ** 2 + (p.y - me.y) ** 2;
      if (d < bestD) {
        bestD = d;
        best = p;
      }
    }
    c.aimAt = best ? { x: best.x, y: best.y } : null;
  }

  /** Tap Fire at a random moment between frames, like a key press; the frames measure how soon it is drawn. */
  private scheduleTap(): void {
    this.tapTimer = setTimeout(() => {
      if (this.stopped) return;
      const measuring = this.o.measuring();
      const me = this.lastView?.players.find((p) => p.isMe);
      if (me?.alive && this.controls.aimAt) {
        this.controls.buttons |= Button.Fire;
        this.feel.pressed(performance.now());
        this.tapTimer = setTimeout(() => {
          this.controls.buttons &= ~Button.Fire;
          // Give the frame after the release a chance to draw it; then a press without a shot lapses.
          this.tapTimer = setTimeout(() => {
            if (this.feel.pressOpen) this.feel.pressLapsed(measuring);
            this.scheduleTap();
          }, 2000 / this.fps);
        }, TAP_MS);
        return;
      }
      this.scheduleTap();
    }, TAP_GAP_MS + 300 * this.random());
  }
}
