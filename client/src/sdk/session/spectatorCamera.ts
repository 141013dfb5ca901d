/**
 * A spectator's camera, DOM-free (issue 15): it follows one player (cycled
 * through the room's players in id order) or floats free, moved by held
 * direction keys (world units/s) or dragged (world units). The presenter
 * centres its own camera (zoom, easing) on `x`, `y`; the session reports the
 * same point and the followed id to the server in its Acks, which is what a
 * big world's area of interest is built around.
 */

/** Free-camera speed with a direction key held, world units per second. */
export const FREE_CAMERA_UNITS_PER_SEC = 700;
/** Bounds of the reported camera (the Ack schema's): a drag can never take it past them. */
export const CAMERA_LIMIT = 1e6;

/** Held direction keys as a bit set. */
export const Pan = { Up: 1, Down: 2, Left: 4, Right: 8 } as const;

export interface PlacedPlayer {
  id: number;
  x: number;
  y: number;
}

export class SpectatorCamera {
  /** The player followed; 0 = free camera. */
  followId = 0;
  x = 0;
  y = 0;
  /** Held Pan bits. */
  held = 0;
  /** Nobody placed yet: the first player seen is followed. */
  private placed = false;
  private lastMs = Number.NaN;

  get isFree(): boolean {
    return this.followId === 0;
  }

  /** Follow the next player after the current one (the first one from a free camera); `ids` ascending. */
  next(ids: readonly number[]): void {
    if (ids.length === 0) return;
    const after = ids.find((id) => id > this.followId);
    this.followId = after ?? ids[0];
  }

  /** Leave the followed player where it is and float free from there. */
  free(): void {
    this.followId = 0;
  }

  /** Move the free camera by a drag of `dx`, `dy` world units (a drag always frees the camera). */
  drag(dx: number, dy: number): void {
    this.free();
    this.x = clamp(this.x - dx);
    this.y = clamp(this.y - dy);
  }

  /** Held keys move the camera (and free it) until released. */
  setHeld(bits: number): void {
    this.held = bits;
    if (bits !== 0) this.free();
  }

  /**
   * The frame at `nowMs` with `players` where they are drawn: follow the
   * followed one (or the next if it left), or move the free camera by the held keys.
   */
  update(players: readonly PlacedPlayer[], nowMs: number): void {
    const dtSec = Number.isNaN(this.lastMs) ? 0 : Math.max(0, Math.min(0.25, (nowMs - this.lastMs) / 1000));
    this.lastMs = nowMs;
    if (!this.placed && players.length > 0) {
      this.placed = true;
      this.followId = players.reduce((lo, p) => (p.id < lo ? p.id : lo), players[0].id);
    }
    if (this.followId !== 0) {
      const target = players.find((p) => p.id === this.followId);
      if (target) {
        this.x = target.x;
        this.y = target.y;
        return;
      }
      // The followed player left (or is not drawn): the next one, or free where we are.
      const ids = players.map((p) => p.id).sort((a, b) => a - b);
      if (ids.length === 0) this.free();
      else this.next(ids);
      return;
    }
    const h = this.held;
    const step = FREE_CAMERA_UNITS_PER_SEC * dtSec;
    this.x = clamp(this.x + ((h & Pan.Right ? 1 : 0) - (h & Pan.Left ? 1 : 0)) * step);
    this.y = clamp(this.y + ((h & Pan.Down ? 1 : 0) - (h & Pan.Up ? 1 : 0)) * step);
  }
}

function clamp(v: number): number {
  return Math.max(-CAMERA_LIMIT, Math.min(CAMERA_LIMIT, v));
}
