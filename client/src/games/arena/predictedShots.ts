/**
 * Our own shots, drawn the moment Fire is pressed instead of a round trip
 * later, and handed over to the server's projectile once a snapshot has it.
 *
 *   fire key ─▶ fire(): launch from our predicted position (the server's own
 *               launch expression), drawn from the next frame at age 0
 *   snapshot ─▶ reconcile(): a new server projectile of ours is matched to the
 *               oldest unmatched predicted shot flying the same way; from then
 *               on (owner, bornTick) names the pair, the server's row is not
 *               drawn (no duplicate) and its origin replaces ours (blended)
 *   frames   ─▶ views(): every shot at its age on the render timeline — the
 *               shooter's present, which is what lag compensation judges
 *               against the targets drawn on the shooter's screen
 *   endings  ─▶ hits a drawn target, a wall or its lifetime: gone; the server
 *               removed it: gone; never confirmed: fades out; we died on the
 *               server before it could fire and our lag is beyond the trade
 *               window (cancelUnconfirmed): fades out at once and touches
 *               nothing. Within the window the server still fires it (a
 *               trade, shared/game/arena/trades.ts): it flies on.
 *
 * A touch is judged as the server judges a hit (shotJudge.ts): swept, the
 * shot's path since the previous frame against each target's path since that
 * frame, tick by tick, on the stretch the server tests — so a shot that passes
 * a target between two frames (35 px per frame at 20 fps, against a 20 px
 * reach) touches it here exactly when the server, sweeping its ticks on the
 * rewound timeline, registers it.
 *
 * A shot's age follows the render tick the targets are drawn at, not the wall
 * clock: the server tests age a against the targets at (view tick + a), the
 * view tick being the rounded render tick of the frame that first draws the
 * shot, until the server's copy says which view tick it used (bornTick −
 * lagTicks: a lost Input message can move it; adoptViewTick). The interpolation playhead runs a few percent fast or slow while it
 * eases toward its delay; a wall-clock age would drift from the targets' time
 * by that much over a flight (up to ~2 ticks ≈ 9 px of target motion).
 *
 *   frame:        f0 (render tick r0)    f1 (r1)          f2 (r2)
 *   shot age:     r0 − round(r0) ≥ 0     r1 − round(r0)   r2 − round(r0)
 *   server:       target at V + age, V = round(r0) (the Input's view tick)
 *
 * DOM-free and clock-free: every method takes `nowMs`.
 */
import {
  PROJECTILE_LIFETIME_MS,
  msToTicks,
  projectileAt,
  projectileEndAge,
  type ArenaWorld,
  type ProjectileLaunch,
} from '../../../../shared/game/arena';
import type { ProjectileView } from './frameView';
import { ShotJudge, type ShotTarget } from './shotJudge';

export type { ShotTarget } from './shotJudge';

export interface PredictedShotOptions {
  /** How long a fading shot stays visible, ms. */
  fadeMs: number;
  /** Time constant of the blend from our origin to the server's, ms. */
  blendTauMs: number;
  /** First guess of fire → confirmation, ms (then measured). */
  initialConfirmMs: number;
  /** Confirmation timeout bounds, ms. */
  minTimeoutMs: number;
  maxTimeoutMs: number;
}

export const DEFAULT_PREDICTED_SHOTS: PredictedShotOptions = {
  fadeMs: 150,
  blendTauMs: 80,
  initialConfirmMs: 250,
  minTimeoutMs: 300,
  maxTimeoutMs: 2000,
};

/** A server projectile of ours as a snapshot carries it (dequantized). */
export interface ServerShot {
  id: number;
  bornTick: number;
  /** The view tick the server judges it from (bornTick − lagTicks): its hits at age a are tested against the players at viewTick + a. */
  viewTick: number;
  x0: number;
  y0: number;
  vx: number;
  vy: number;
}

interface Shot extends ProjectileLaunch {
  /** Local time of age 0 (the first frame after the key press), ms; NaN until then. */
  firedAtMs: number;
  /** Render tick of age 0: the first frame's, rounded as the Input's view tick is (NaN: not drawn yet or no render tick). */
  firedAtTick: number;
  endAge: number;
  /** The server's projectile once matched: its id and bornTick; 0 / -1 until then. */
  serverId: number;
  bornTick: number;
  /** Our origin minus the server's (at the match), px: blended out. */
  offsetX: number;
  offsetY: number;
  /** When the offset started blending out (the match), NaN: not yet. */
  matchedAtMs: number;
  /** When it started fading (NaN: not fading). */
  fadeFromMs: number;
  /** The server cannot have fired it (we were dead): fading, judged against no target. */
  cancelled: boolean;
  /** Unconfirmed at our death, within the trade window: the server is expected to fire it from our ghost (expectTrades). */
  trade: boolean;
  /** It touched a target on our screen: it ends there, whatever comes later. */
  touched: boolean;
  /** The age the previous frame judged it up to (NaN: not drawn yet): the start of this frame's swept test. */
  prevAge: number;
}

/** One wire step of velocity (1/VELOCITY_SCALE px/s) is 0.25; same direction ⇔ equal to within that. */
const SAME_VELOCITY_PX_S = 0.5;

export class PredictedShots {
  private readonly shots: Shot[] = [];
  private readonly lifetimeTicks: number;
  private readonly tickMs: number;
  /** Smoothed fire → confirmation delay, ms. */
  private confirmMs: number;
  /** Shots matched / faded unconfirmed since the start. */
  confirmed = 0;
  unconfirmed = 0;
  /** Shots predicted since the start. */
  fired = 0;
  /**
   * Smoothed server tick of a shot minus its view tick (bornTick − the render
   * tick of its first frame), ticks: how far the server rewinds our shots. NaN
   * until a shot is matched. Our shots still fire after our death only within
   * the lag cap (trades.ts): beyond it, the unconfirmed ones never will.
   */
  viewLagTicks = Number.NaN;
  /** Shots unconfirmed at our death that the server should still fire as trades, and of those, never confirmed (netcode harness). */
  tradesExpected = 0;
  tradesNeverFired = 0;
  /**
   * Shots that ended touching a drawn target on our screen, newest last (at
   * most TOUCHES_KEPT; a reader drains it): what the shooter saw as a hit.
   */
  readonly touches: { atMs: number; targetId: number }[] = [];
  /** Render tick of the last frame (NaN: the caller gives none; ages then follow the wall clock). */
  private renderTick = Number.NaN;
  /** How a shot's touches are judged, as the server judges them (shotJudge.ts). */
  private readonly judge: ShotJudge;

  constructor(
    private readonly world: ArenaWorld,
    private readonly opts: PredictedShotOptions = DEFAULT_PREDICTED_SHOTS,
  ) {
    this.lifetimeTicks = msToTicks(PROJECTILE_LIFETIME_MS, world.tickRate);
    this.tickMs = 1000 / world.tickRate;
    this.confirmMs = opts.initialConfirmMs;
    this.judge = new ShotJudge(world.tickRate);
  }

  /** How long an unmatched shot waits for the server before fading, ms. */
  get timeoutMs(): number {
    return Math.min(this.opts.maxTimeoutMs, Math.max(this.opts.minTimeoutMs, 2 * this.confirmMs + 100));
  }

  /** Fire pressed on a tick our prediction says the server will shoot: the shot flies from `launch`. */
  fire(launch: Readonly<ProjectileLaunch>): void {
    this.fired++;
    this.shots.push({
      x0: launch.x0,
      y0: launch.y0,
      vx: launch.vx,
      vy: launch.vy,
      firedAtMs: Number.NaN,
      firedAtTick: Number.NaN,
      endAge: projectileEndAge(this.world, this.lifetimeTicks, launch),
      serverId: 0,
      bornTick: -1,
      offsetX: 0,
      offsetY: 0,
      matchedAtMs: Number.NaN,
      fadeFromMs: Number.NaN,
      cancelled: false,
      trade: false,
      touched: false,
      prevAge: Number.NaN,
    });
  }

  /** Is `id` a server projectile we draw as a predicted shot (so the snapshot's copy is skipped)? */
  owns(id: number): boolean {
    for (const s of this.shots) if (s.serverId === id) return true;
    return false;
  }

  /**
   * A snapshot at `tick` carried `mine`: our projectiles on the server. Match
   * new ones, adopt the server's origin, end shots the server has removed, and
   * forget ended shots once the server has forgotten them too.
   */
  reconcile(tick: number, mine: readonly ServerShot[], nowMs: number): void {
    for (const server of mine) {
      if (this.owns(server.id)) continue;
      const shot = this.oldestUnmatched(server);
      if (shot) this.match(shot, server, nowMs);
    }
    let kept = 0;
    for (const s of this.shots) {
      const onServer = s.serverId !== 0 && mine.some((m) => m.id === s.serverId);
      // Matched, and a later snapshot no longer has it: the server ended it (a hit, a wall, its lifetime).
      if (s.serverId !== 0 && !onServer && tick > s.bornTick) {
        s.endAge = Math.min(s.endAge, this.ageOf(s, nowMs));
        continue;
      }
      this.shots[kept++] = s;
    }
    this.shots.length = kept;
  }

  /**
   * Our shots to draw at `nowMs`. `targets` are the other players as drawn
   * this frame: a shot reaching one ends there, as the server (which rewinds to
   * what we see) will judge it. An ended shot is kept, undrawn, until the
   * server's copy is matched and gone, so that copy is never drawn on its own.
   */
  views(nowMs: number, targets: readonly ShotTarget[], myId: number, renderTick = Number.NaN): ProjectileView[] {
    const out: ProjectileView[] = [];
    let kept = 0;
    this.renderTick = renderTick;
    for (const s of this.shots) {
      if (Number.isNaN(s.firedAtMs)) {
        s.firedAtMs = nowMs;
        s.firedAtTick = Math.round(renderTick);
      }
      const sinceFireMs = nowMs - s.firedAtMs;
      if (s.serverId === 0 && sinceFireMs > this.timeoutMs) {
        // The server never fired it (we were dead, or mispredicted the cooldown): fade it out, then forget it.
        if (Number.isNaN(s.fadeFromMs)) {
          s.fadeFromMs = nowMs;
          this.unconfirmed++;
          if (s.trade) this.tradesNeverFired++;
        }
        if (nowMs - s.fadeFromMs >= this.opts.fadeMs) continue;
      }
      if (s.cancelled && nowMs - s.fadeFromMs >= this.opts.fadeMs) continue;
      // A matched shot the server somehow never drops: forget it after its lifetime and a timeout.
      if (sinceFireMs > this.lifetimeTicks * this.tickMs + this.timeoutMs) continue;
      this.shots[kept++] = s;
      const age = this.ageOf(s, nowMs);
      const blend = this.blendOf(s, nowMs);
      // Judged before the end-of-flight test: a frame past the end still judges the stretch since the last one.
      const touched = s.cancelled || s.touched ? -1 : this.judge.touched(s, age, blend, targets);
      const x = projectileAt(s.x0, s.vx, age, this.world.tickRate) + s.offsetX * blend;
      const y = projectileAt(s.y0, s.vy, age, this.world.tickRate) + s.offsetY * blend;
      if (touched >= 0) {
        s.endAge = age;
        s.touched = true;
        if (this.touches.length >= TOUCHES_KEPT) this.touches.shift();
        this.touches.push({ atMs: nowMs, targetId: targets[touched].id ?? 0 });
        continue;
      }
      if (age >= s.endAge) continue;
      const alpha = Number.isNaN(s.fadeFromMs) ? 1 : 1 - (nowMs - s.fadeFromMs) / this.opts.fadeMs;
      out.push({ id: s.serverId, owner: myId, x, y, vx: s.vx, vy: s.vy, alpha });
    }
    this.shots.length = kept;
    this.judge.endFrame(targets);
    return out;
  }

  /**
   * We died on the server and our shots are rewound further than the trade
   * window (viewLagTicks > the lag cap): call after reconciling with the
   * snapshot that brought the death. That snapshot carries every shot the
   * server fired for us before it; the ones still unmatched were fired by our
   * prediction after it and never will be: they fade out at once and hit
   * nothing on our screen. (Within the window the server fires them anyway.)
   */
  cancelUnconfirmed(nowMs: number): void {
    for (const s of this.shots) {
      if (s.serverId !== 0 || s.cancelled) continue;
      s.cancelled = true;
      if (Number.isNaN(s.fadeFromMs)) {
        s.fadeFromMs = nowMs;
        this.unconfirmed++;
      }
    }
  }

  /** Shots drawn now or kept to hide the server's copy. */
  get drawnOrHeld(): number {
    return this.shots.length;
  }

  /** Forget every shot (new session, death). */
  clear(): void {
    this.shots.length = 0;
  }

  /** Ticks since age 0: on the render timeline when the frames give render ticks, else on the wall clock. */
  private ageOf(s: Shot, nowMs: number): number {
    if (Number.isNaN(s.firedAtMs)) return 0;
    if (!Number.isNaN(s.firedAtTick) && !Number.isNaN(this.renderTick)) return Math.max(0, this.renderTick - s.firedAtTick);
    return Math.max(0, (nowMs - s.firedAtMs) / this.tickMs);
  }

  private oldestUnmatched(server: ServerShot): Shot | null {
    for (const s of this.shots) {
      // A fading shot can still be claimed: the server was only slower than our timeout.
      if (s.serverId !== 0 || Number.isNaN(s.firedAtMs)) continue;
      if (Math.abs(s.vx - server.vx) <= SAME_VELOCITY_PX_S && Math.abs(s.vy - server.vy) <= SAME_VELOCITY_PX_S) return s;
    }
    return null;
  }

  /** How much of the shot's offset is still drawn: all of it until it starts blending out. */
  private blendOf(s: Shot, nowMs: number): number {
    return Number.isNaN(s.matchedAtMs) ? 1 : Math.exp(-(nowMs - s.matchedAtMs) / this.opts.blendTauMs);
  }

  /**
   * We died on the server and our shots are within the trade window: the server fires the ones it has not
   * fired yet from our ghost (trades.ts), where we drew them. They fly on as drawn; counted as trades.
   */
  expectTrades(): void {
    for (const s of this.shots) {
      if (s.serverId !== 0 || s.cancelled || s.trade) continue;
      s.trade = true;
      this.tradesExpected++;
    }
  }

  private match(s: Shot, server: ServerShot, nowMs: number): void {
    // The drawn origin (with what is left of an earlier offset) moves onto the server's, blended.
    const keep = this.blendOf(s, nowMs);
    s.serverId = server.id;
    s.bornTick = server.bornTick;
    s.offsetX = s.x0 + s.offsetX * keep - server.x0;
    s.offsetY = s.y0 + s.offsetY * keep - server.y0;
    s.x0 = server.x0;
    s.y0 = server.y0;
    s.vx = server.vx;
    s.vy = server.vy;
    this.adoptViewTick(s, server.viewTick);
    s.matchedAtMs = nowMs;
    if (!Number.isNaN(s.fadeFromMs)) this.unconfirmed--;
    s.fadeFromMs = Number.NaN;
    s.cancelled = false;
    s.endAge = s.touched ? s.endAge : Math.min(s.endAge, projectileEndAge(this.world, this.lifetimeTicks, s));
    if (!Number.isNaN(s.firedAtMs)) this.confirmMs += (nowMs - s.firedAtMs - this.confirmMs) / 4;
    const lag = server.bornTick - server.viewTick;
    this.viewLagTicks = Number.isNaN(this.viewLagTicks) ? lag : this.viewLagTicks + (lag - this.viewLagTicks) / 4;
    this.confirmed++;
  }

  /**
   * Age the shot from the server's view tick from now on. Our guess (the render tick of its first frame)
   * is the Input's view tick unless the message carrying the Fire was lost: the next one, a few ticks
   * later, brought it with its own view tick. The drawn position stays put (the age step goes into the
   * blended offset), and the judging continues on the server's timeline.
   */
  private adoptViewTick(s: Shot, viewTick: number): void {
    if (Number.isNaN(s.firedAtTick) || viewTick === s.firedAtTick || !Number.isFinite(viewTick)) return;
    const step = s.firedAtTick - viewTick;
    s.offsetX -= (s.vx * step) / this.world.tickRate;
    s.offsetY -= (s.vy * step) / this.world.tickRate;
    s.firedAtTick = viewTick;
    s.prevAge += step;
    if (s.touched) s.endAge += step;
  }
}

const TOUCHES_KEPT = 256;
