/**
 * Draws a CellsView with PixiJS v8. The camera follows our cell and zooms out
 * as it grows: the screen's longer side spans the view square's side, eased
 * so growth and respawns do not jerk. Only what is on screen is drawn (a big
 * world holds thousands of pellets); pellets and cells are redrawn into two
 * Graphics each frame, names are cached Text objects.
 */
import { Application, Container, Graphics, Text } from 'pixi.js';
import { CellsKind, foodColor, cellColor, pelletFromSnapshot, type CellsWorld, type PelletSnapshot } from '../../../../shared/game/cells';
import type { Camera, CellsView } from './cellsView';

const BACKGROUND = 0x0b0f14;
const FLOOR = 0x121820;
const GRID = 0x1c2430;
const EDGE = 0x3a4656;
const GRID_STEP_U = 128;
/** Zoom easing time constant, ms. */
const CAMERA_EASE_MS = 120;

export class CellsRenderer {
  readonly app = new Application();
  private readonly world = new Container();
  private readonly floor = new Graphics();
  private readonly pellets = new Graphics();
  private readonly bodies = new Graphics();
  private readonly labels = new Container();
  private readonly names = new Map<number, Text>();
  private readonly pellet: PelletSnapshot = { x: 0, y: 0, radius: 0, mass: 0, owner: 0 };
  private drawnWorld: CellsWorld | null = null;
  private cam: Camera | null = null;
  private lastMs = Number.NaN;
  private scale = 1;

  async init(parent: HTMLElement): Promise<void> {
    await this.app.init({
      resizeTo: window,
      background: BACKGROUND,
      // Multisampling is costly on software GL (headless, old phones); circles read fine without it.
      antialias: false,
      preference: 'webgl',
      autoDensity: true,
      autoStart: false,
      resolution: Math.min(window.devicePixelRatio || 1, 2),
    });
    this.app.canvas.classList.add('game-canvas');
    parent.appendChild(this.app.canvas);
    this.world.addChild(this.floor, this.pellets, this.bodies, this.labels);
    this.app.stage.addChild(this.world);
  }

  /** Screen (CSS px) → world (u), with the camera of the last frame. */
  screenToWorld(x: number, y: number): { x: number; y: number } {
    return { x: (x - this.world.position.x) / this.scale, y: (y - this.world.position.y) / this.scale };
  }

  render(view: CellsView, nowMs: number): void {
    if (this.drawnWorld !== view.world) this.drawFloor(view.world);
    const cam = this.follow(view.camera, nowMs);
    const w = this.app.screen.width;
    const h = this.app.screen.height;
    this.scale = Math.max(w, h) / (2 * cam.halfSize);
    this.world.scale.set(this.scale);
    this.world.position.set(w / 2 - cam.x * this.scale, h / 2 - cam.y * this.scale);
    // Visible world rectangle, with a margin for radii.
    const halfW = w / 2 / this.scale + 40;
    const halfH = h / 2 / this.scale + 40;
    const box = { x0: cam.x - halfW, x1: cam.x + halfW, y0: cam.y - halfH, y1: cam.y + halfH };
    this.drawPellets(view, box);
    this.drawCells(view, box);
    this.app.render();
  }

  /** Ease the camera toward `target` (centre and zoom), frame-rate independent. */
  private follow(target: Camera, nowMs: number): Camera {
    const dt = Number.isNaN(this.lastMs) ? Infinity : Math.max(0, nowMs - this.lastMs);
    this.lastMs = nowMs;
    if (!this.cam || dt === Infinity) {
      this.cam = { ...target };
      return this.cam;
    }
    // The centre sits on our cell (predicted, already smooth); the zoom eases.
    this.cam.x = target.x;
    this.cam.y = target.y;
    this.cam.halfSize += (target.halfSize - this.cam.halfSize) * (1 - Math.exp(-dt / CAMERA_EASE_MS));
    return this.cam;
  }

  private drawFloor(world: CellsWorld): void {
    this.drawnWorld = world;
    const f = this.floor;
    f.clear();
    f.rect(0, 0, world.width, world.height).fill(FLOOR);
    for (let x = GRID_STEP_U; x < world.width; x += GRID_STEP_U) f.moveTo(x, 0).lineTo(x, world.height);
    for (let y = GRID_STEP_U; y < world.height; y += GRID_STEP_U) f.moveTo(0, y).lineTo(world.width, y);
    f.stroke({ width: 2, color: GRID });
    f.rect(0, 0, world.width, world.height).stroke({ width: 8, color: EDGE });
  }

  private drawPellets(view: CellsView, box: { x0: number; x1: number; y0: number; y1: number }): void {
    const g = this.pellets;
    g.clear();
    const d = view.drawn;
    const p = this.pellet;
    for (let r = 0; r < d.count; r++) {
      const kind = d.kinds[r];
      if (kind !== CellsKind.Food && kind !== CellsKind.Ejected) continue;
      pelletFromSnapshot(kind, d.values, r * d.stride, p);
      if (p.x < box.x0 || p.x > box.x1 || p.y < box.y0 || p.y > box.y1) continue;
      g.circle(p.x, p.y, p.radius).fill(kind === CellsKind.Food ? foodColor(d.ids[r]) : cellColor(p.owner));
    }
  }

  private drawCells(view: CellsView, box: { x0: number; x1: number; y0: number; y1: number }): void {
    const g = this.bodies;
    g.clear();
    const seen = new Set<number>();
    for (const c of view.cells) {
      if (c.x + c.radius < box.x0 || c.x - c.radius > box.x1 || c.y + c.radius < box.y0 || c.y - c.radius > box.y1) continue;
      g.circle(c.x, c.y, c.radius).fill(c.color).stroke({ width: Math.max(2, c.radius * 0.08), color: darker(c.color), alpha: 0.9 });
      if (c.isMe) g.circle(c.x, c.y, c.radius + 3 / this.scale).stroke({ width: 2 / this.scale, color: 0xffffff, alpha: 0.8 });
      seen.add(c.id);
      const label = this.label(c.id, c.name);
      label.position.set(c.x, c.y);
      // Names scale with the cell, but stay readable (at least 11 px on screen).
      label.scale.set(Math.max(c.radius / 40, 11 / 14 / this.scale));
    }
    for (const [id, t] of this.names) {
      if (seen.has(id)) continue;
      t.destroy();
      this.names.delete(id);
    }
  }

  private label(id: number, name: string): Text {
    let t = this.names.get(id);
    if (!t) {
      t = new Text({ text: name, style: { fontFamily: 'system-ui, sans-serif', fontSize: 14, fill: 0xffffff, fontWeight: '600', stroke: { color: 0x000000, width: 3 } }, resolution: 2 });
      t.anchor.set(0.5);
      this.labels.addChild(t);
      this.names.set(id, t);
    }
    if (t.text !== name) t.text = name;
    return t;
  }

  destroy(): void {
    this.app.destroy({ removeView: true }, { children: true });
  }
}

/** The colour at 70 % brightness (cell outlines). */
function darker(color: number): number {
  const r = Math.round(((color >> 16) & 0xff) * 0.7);
  const g = Math.round(((color >> 8) & 0xff) * 0.7);
  const b = Math.round((color & 0xff) * 0.7);
  return (r << 16) | (g << 8) | b;
}
