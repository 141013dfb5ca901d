/**
 * The crosshair (a DOM element over the canvas, moved with a transform: no
 * canvas redraw) where the player aims: at the mouse pointer, or, on touch,
 * a fixed distance ahead of our player along the aim. A hit we landed shows
 * as a hit marker (an X) on it for HIT_MARKER_MS.
 */

export const HIT_MARKER_MS = 220;

export class Crosshair {
  readonly root: HTMLDivElement;
  private x = Number.NaN;
  private y = Number.NaN;
  private marked = false;

  constructor(parent: HTMLElement) {
    this.root = document.createElement('div');
    this.root.className = 'crosshair';
    this.root.dataset.testid = 'crosshair';
    this.root.hidden = true;
    parent.appendChild(this.root);
  }

  /** At screen point `x`, `y` (CSS px; NaN hides it); `hitAgeMs` since our last hit landed (NaN: none). */
  update(x: number, y: number, hitAgeMs: number): void {
    const show = Number.isFinite(x) && Number.isFinite(y);
    if (this.root.hidden === show) this.root.hidden = !show;
    // NaN-safe: the first position (this.x NaN) is always written.
    if (show && !(Math.abs(x - this.x) <= 0.25 && Math.abs(y - this.y) <= 0.25)) {
      this.x = x;
      this.y = y;
      this.root.style.transform = `translate(${x.toFixed(1)}px, ${y.toFixed(1)}px)`;
    }
    const marked = hitAgeMs >= 0 && hitAgeMs < HIT_MARKER_MS;
    if (marked !== this.marked) {
      this.marked = marked;
      this.root.classList.toggle('hit', marked);
    }
  }

  dispose(): void {
    this.root.remove();
  }
}
