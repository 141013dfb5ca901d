/**
 * The bigcells minimap (bottom right): the whole 16,384 u world from the
 * Minimap stream — crowd density per square, the top players' dots — plus our
 * cell and the camera's square. A 2D canvas redrawn at most ten times a second
 * (the stream changes once a second; our own dot moves faster).
 */
import type { BigcellsView } from './bigcellsLogic';
import { minimapMarks } from './minimapMarks';

/** Drawing size, CSS px; the stylesheet shrinks the canvas on phones. */
const SIZE_PX = 150;
const REDRAW_MS = 100;
const hex = (c: number): string => `#${c.toString(16).padStart(6, '0')}`;

export class BigMinimap {
  readonly canvas: HTMLCanvasElement;
  private readonly ctx: CanvasRenderingContext2D | null;
  private lastMs = -Infinity;

  constructor(parent: HTMLElement) {
    this.canvas = document.createElement('canvas');
    this.canvas.className = 'hud cells-minimap bigcells-minimap';
    const dpr = Math.min(window.devicePixelRatio || 1, 2);
    this.canvas.width = SIZE_PX * dpr;
    this.canvas.height = SIZE_PX * dpr;
    this.ctx = this.canvas.getContext('2d');
    this.ctx?.scale(dpr, dpr);
    parent.appendChild(this.canvas);
  }

  update(view: BigcellsView, nowMs: number): void {
    const ctx = this.ctx;
    if (!ctx || nowMs - this.lastMs < REDRAW_MS) return;
    this.lastMs = nowMs;
    const m = minimapMarks(view.minimap, view, SIZE_PX);
    // What the e2e test and a curious player can read without pixels.
    this.canvas.dataset.squares = String(m.squares.length);
    this.canvas.dataset.top = String(m.top.length);
    ctx.clearRect(0, 0, SIZE_PX, SIZE_PX);
    ctx.fillStyle = 'rgba(18, 24, 32, 0.85)';
    ctx.fillRect(m.world.x, m.world.y, m.world.w, m.world.h);
    for (const s of m.squares) {
      ctx.fillStyle = `rgba(88, 166, 255, ${s.alpha.toFixed(2)})`;
      ctx.fillRect(s.x, s.y, s.w, s.h);
    }
    for (const p of m.top) {
      ctx.beginPath();
      ctx.arc(p.x, p.y, 2.5, 0, Math.PI * 2);
      ctx.fillStyle = hex(p.color);
      ctx.fill();
    }
    ctx.strokeStyle = 'rgba(230, 237, 243, 0.6)';
    ctx.lineWidth = 1;
    ctx.strokeRect(m.camera.x, m.camera.y, m.camera.w, m.camera.h);
    if (m.me) {
      ctx.beginPath();
      ctx.arc(m.me.x, m.me.y, 3, 0, Math.PI * 2);
      ctx.fillStyle = '#ffffff';
      ctx.fill();
    }
  }
}
