/**
 * Whether a predicted shot touches a target on our screen this frame, judged
 * as the server judges it (shared/game/arena/projectiles.ts) so that a touch
 * drawn is a hit registered:
 *
 *   - only on the path the server tests: ages up to endAge − 1 (it removes a
 *     shot at endAge without flying the stretch before the wall or the end of
 *     its lifetime); a frame drawn past the end still judges the stretch since
 *     the previous frame (20 fps frames can skip the end);
 *   - tick by tick (whole ages), the lowest id touched within a tick winning,
 *     as the server scans its players in ascending id;
 *   - swept: the shot's path against each target's path from where the
 *     previous frame drew it, at the matching moment of it;
 *   - the shot's first frame tests the muzzle against the targets where they
 *     are: the server's age 0 is a point, not a sweep over a frame before the
 *     shot existed.
 */
import { segmentsTouch } from '../../../../shared/engine/hitboxHistory';
import { PLAYER_RADIUS, PROJECTILE_RADIUS, projectileAt } from '../../../../shared/game/arena';

/** A player as drawn this frame (a shot reaching it ends there). */
export interface ShotTarget {
  x: number;
  y: number;
  alive: boolean;
  id?: number;
}

/** What the judge reads of a shot; it keeps `prevAge`, the age judged up to on the previous frame (NaN: none yet). */
export interface JudgedShot {
  readonly x0: number;
  readonly y0: number;
  readonly vx: number;
  readonly vy: number;
  /** Drawn offset from the flight line (blended out), px. */
  readonly offsetX: number;
  readonly offsetY: number;
  readonly endAge: number;
  prevAge: number;
}

const REACH_PX = PLAYER_RADIUS + PROJECTILE_RADIUS;

export class ShotJudge {
  /** Where each living target (by id) was drawn on the previous frame: the start of its swept path. */
  private prevTargets = new Map<number, { x: number; y: number }>();
  private nextTargets = new Map<number, { x: number; y: number }>();

  constructor(private readonly tickRate: number) {}

  /** Index of the target `s`, drawn at `age` with `blend` of its offset this frame, touches, or −1. */
  touched(s: JudgedShot, age: number, blend: number, targets: readonly ShotTarget[]): number {
    const lastAge = s.endAge - 1;
    const first = Number.isNaN(s.prevAge);
    if (!first && s.prevAge >= lastAge) return -1;
    const to = Math.min(age, lastAge);
    const from = first ? to : s.prevAge;
    s.prevAge = to;
    const prev = first ? null : this.prevTargets;
    // How far along the targets' paths since the previous frame (drawn at age `from`, now at `age`) age `a` lies.
    const along = (a: number) => (age > from ? (a - from) / (age - from) : 1);
    const rate = this.tickRate;
    const dx = s.offsetX * blend;
    const dy = s.offsetY * blend;
    for (let a = from; ; ) {
      const b = Math.min(to, Math.floor(a) + 1);
      const hit = lowestTouched(projectileAt(s.x0, s.vx, a, rate) + dx, projectileAt(s.y0, s.vy, a, rate) + dy, projectileAt(s.x0, s.vx, b, rate) + dx, projectileAt(s.y0, s.vy, b, rate) + dy, targets, prev, along(a), along(b));
      if (hit >= 0 || b >= to) return hit;
      a = b;
    }
  }

  /** The frame is drawn: its living targets (by id) are the start of the next frame's swept paths. */
  endFrame(targets: readonly ShotTarget[]): void {
    const next = this.nextTargets;
    next.clear();
    for (const t of targets) {
      if (!t.alive || t.id === undefined) continue;
      const was = this.prevTargets.get(t.id);
      if (was) {
        was.x = t.x;
        was.y = t.y;
        next.set(t.id, was);
      } else {
        next.set(t.id, { x: t.x, y: t.y });
      }
    }
    this.nextTargets = this.prevTargets;
    this.prevTargets = next;
  }
}

/**
 * Index of the living target with the lowest id (as the server's ascending
 * scan) that the shot, moving from (x0, y0) to (x1, y1), touches while the
 * target moves from `from` to `to` (0–1) of the way from where the previous
 * frame drew it (`prev`, by id; absent or null: it stood where it is now) to
 * where this frame draws it; or −1.
 */
function lowestTouched(
  x0: number,
  y0: number,
  x1: number,
  y1: number,
  targets: readonly ShotTarget[],
  prev: ReadonlyMap<number, { x: number; y: number }> | null,
  from: number,
  to: number,
): number {
  let best = -1;
  for (let i = 0; i < targets.length; i++) {
    const t = targets[i];
    if (!t.alive || (best >= 0 && (t.id ?? Infinity) >= (targets[best].id ?? Infinity))) continue;
    const was = t.id === undefined || prev === null ? undefined : prev.get(t.id);
    const px = was ? was.x : t.x;
    const py = was ? was.y : t.y;
    const tx0 = px + (t.x - px) * from;
    const ty0 = py + (t.y - py) * from;
    const tx1 = px + (t.x - px) * to;
    const ty1 = py + (t.y - py) * to;
    if (segmentsTouch(x0 - tx0, y0 - ty0, x1 - tx1, y1 - ty1, REACH_PX)) best = i;
  }
  return best;
}
