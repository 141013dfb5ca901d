/**
 * The minimap (bottom right): the whole world, every cell as a dot in its
 * colour, ours ringed, and the camera's square. A 2D canvas redrawn ten times
 * a second (it does not need the frame rate).
 */
import type { CellsView } from './cellsView';

const SIZE_PX = 150;
const REDRAW_MS = 100;

export class Minimap {
  readonly canvas: HTMLCanvasElement;
  private readonly ctx: CanvasRenderingContext2D | null;
  private lastMs = -Infinity;

  constructor(parent: HTMLElement) {
    this.canvas = document.createElement('canvas');
    this.canvas.className = 'hud cells-minimap';
    const dpr = Math.min(window.devicePixelRatio || 1, 2);
    this.canvas.width = SIZE_PX * dpr;
    this.canvas.height = SIZE_PX * dpr;
    this.canvas.style.width = `${SIZE_PX}px`;
    this.canvas.style.height = `${SIZE_PX}px`;
    this.ctx = this.canvas.getContext('2d');
    this.ctx?.scale(dpr, dpr);
    parent.appendChild(this.canvas);
  }

  update(view: CellsView, nowMs: number): void {
    const ctx = this.ctx;
    if (!ctx || nowMs - this.lastMs < REDRAW_MS) return;
    this.lastMs = nowMs;
    const k = SIZE_PX / Math.max(view.world.width, view.world.height);
    ctx.clearRect(0, 0, SIZE_PX, SIZE_PX);
    ctx.fillStyle = 'rgba(18, 24, 32, 0.85)';
    ctx.fillRect(0, 0, view.world.width * k, view.world.height * k);
    for (const c of view.cells) {
      ctx.beginPath();
      ctx.arc(c.x * k, c.y * k, Math.max(1.5, c.radius * k), 0, Math.PI * 2);
      ctx.fillStyle = `#${c.color.toString(16).padStart(6, '0')}`;
      ctx.fill();
      if (c.isMe) {
        ctx.strokeStyle = '#ffffff';
        ctx.lineWidth = 1.5;
        ctx.stroke();
      }
    }
    const cam = view.camera;
    ctx.strokeStyle = 'rgba(230, 237, 243, 0.5)';
    ctx.lineWidth = 1;
    ctx.strokeRect((cam.x - cam.halfSize) * k, (cam.y - cam.halfSize) * k, 2 * cam.halfSize * k, 2 * cam.halfSize * k);
  }
}
