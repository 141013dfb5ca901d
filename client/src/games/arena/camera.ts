/**
 * The arena's camera: which part of the world is on screen, and how large.
 *
 * Zoom rule: one world px is one CSS px (×1) when the screen's shorter side
 * is at least VIEW_SHORT_SPAN_PX; a smaller screen zooms out just enough to
 * show VIEW_SHORT_SPAN_PX world px across its shorter side. A player (32 px
 * across in the world) is therefore drawn
 *
 *   390 × 844 phone (portrait)    ×0.81   26 px tall   (view ≈ 480 × 1039 world px)
 *   844 × 390 phone (landscape)   ×0.81   26 px        (view ≈ 1039 × 480)
 *   1280 × 800 desktop            ×1      32 px        (view 1280 × 800 of the 1600 × 1000 arena)
 *   2560 × 1600 desktop           ×1      32 px        (the arena and its margins fit: centred, no scrolling)
 *
 * i.e. never below 20 px on any screen at least 320 px on its shorter side.
 * The camera centres on our player, eased with a time constant (frame-rate
 * independent: the same path at 20, 30 and 60 fps). Near a wall it stops once
 * EDGE_MARGIN_CSS_PX of the outside shows, so a player at the wall is still
 * that far from the screen's edge, clear of the HUD bands (toolbar and feed
 * at the top, touch controls at the bottom); an arena smaller than the view
 * on an axis is centred on it.
 */

/** World px shown across the screen's shorter side on small screens. */
export const VIEW_SHORT_SPAN_PX = 480;
/** The largest zoom: world px never drawn larger than CSS px (desktop keeps a wide view). */
export const MAX_ZOOM = 1;
/** Camera easing time constant, ms: small enough to keep the player near the centre at full speed (≈ 280 px/s × 40 ms = 11 px behind). */
export const CAMERA_EASE_MS = 40;
/** A jump larger than this (a respawn on the far side) is eased over CAMERA_JUMP_EASE_MS instead, so it reads as a move, not a cut. */
const JUMP_PX = 200;
const CAMERA_JUMP_EASE_MS = 140;
/** At most this much (CSS px) of the outside shows beyond a wall: a player at the wall stays this far from the screen's edge. */
export const EDGE_MARGIN_CSS_PX = 240;

/** Zoom (CSS px per world px) for a screen of `widthPx` × `heightPx` CSS px. */
export function zoomFor(widthPx: number, heightPx: number): number {
  const short = Math.max(1, Math.min(widthPx, heightPx));
  return Math.min(MAX_ZOOM, short / VIEW_SHORT_SPAN_PX);
}

export class Camera {
  /** World point at the screen's centre. */
  x = Number.NaN;
  y = Number.NaN;
  zoom = 1;
  /** Screen offset of world (0, 0), CSS px: screen = world × zoom + offset. */
  offsetX = 0;
  offsetY = 0;
  private lastMs = Number.NaN;
  private jumping = false;

  /**
   * Move toward `targetX`, `targetY` (our player; NaN when we have none: the
   * camera stays) for a frame at `nowMs`, on a `widthPx` × `heightPx` screen.
   */
  update(targetX: number, targetY: number, worldW: number, worldH: number, widthPx: number, heightPx: number, nowMs: number): void {
    this.zoom = zoomFor(widthPx, heightPx);
    const dtMs = Number.isNaN(this.lastMs) ? 0 : Math.max(0, Math.min(250, nowMs - this.lastMs));
    this.lastMs = nowMs;
    if (Number.isNaN(this.x)) {
      this.x = Number.isNaN(targetX) ? worldW / 2 : targetX;
      this.y = Number.isNaN(targetY) ? worldH / 2 : targetY;
    } else if (!Number.isNaN(targetX)) {
      const gap = Math.hypot(targetX - this.x, targetY - this.y);
      if (gap > JUMP_PX) this.jumping = true;
      else if (gap < 2) this.jumping = false;
      const k = 1 - Math.exp(-dtMs / (this.jumping ? CAMERA_JUMP_EASE_MS : CAMERA_EASE_MS));
      this.x += (targetX - this.x) * k;
      this.y += (targetY - this.y) * k;
    }
    const cx = clampAxis(this.x, worldW, widthPx / this.zoom, EDGE_MARGIN_CSS_PX / this.zoom);
    const cy = clampAxis(this.y, worldH, heightPx / this.zoom, EDGE_MARGIN_CSS_PX / this.zoom);
    this.offsetX = widthPx / 2 - cx * this.zoom;
    this.offsetY = heightPx / 2 - cy * this.zoom;
  }

  screenToWorldX(x: number): number {
    return (x - this.offsetX) / this.zoom;
  }

  screenToWorldY(y: number): number {
    return (y - this.offsetY) / this.zoom;
  }

  worldToScreenX(x: number): number {
    return x * this.zoom + this.offsetX;
  }

  worldToScreenY(y: number): number {
    return y * this.zoom + this.offsetY;
  }
}

/** The view's centre on one axis (world px): at most `marginPx` past a wall, or the arena's middle when the view spans it and both margins. */
export function clampAxis(centre: number, worldSize: number, viewSize: number, marginPx: number): number {
  const lo = viewSize / 2 - marginPx;
  const hi = worldSize - viewSize / 2 + marginPx;
  if (lo >= hi) return worldSize / 2;
  return Math.min(hi, Math.max(lo, centre));
}
