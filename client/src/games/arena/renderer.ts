/**
 * Draws a FrameView with PixiJS v8: the arena (fitted to the window, kept in
 * step with resizes), obstacles, players (colour, name, health bar, aim),
 * projectiles, and short-lived hit/death/respawn effects. Reads views, never
 * state: the data path ends here.
 */
import { Application, Container, Graphics, Text } from 'pixi.js';
import { PLAYER_RADIUS, PROJECTILE_RADIUS } from '../../../../shared/game/arena/constants';
import type { ArenaWorld } from '../../../../shared/game/arena/world';
import type { Effect } from './arenaEffects';
import type { FrameView, PlayerView } from './frameView';
import { playerColor } from './playerColor';

const BACKGROUND = 0x0d1117;
const FLOOR = 0x161b22;
const GRID = 0x1f2630;
const OBSTACLE = 0x3a4250;
const OBSTACLE_EDGE = 0x566070;

interface PlayerSprite {
  root: Container;
  body: Graphics;
  label: Text;
  bar: Graphics;
  name: string;
  lastHealth: number;
}

export class Renderer {
  readonly app = new Application();
  private readonly stage = new Container();
  private readonly floor = new Graphics();
  private readonly obstacles = new Graphics();
  private readonly shots = new Graphics();
  private readonly fx = new Graphics();
  private readonly playerLayer = new Container();
  private readonly sprites = new Map<number, PlayerSprite>();
  private drawnWorld: ArenaWorld | null = null;
  private scale = 1;
  private offsetX = 0;
  private offsetY = 0;

  async init(parent: HTMLElement): Promise<void> {
    await this.app.init({
      resizeTo: window,
      background: BACKGROUND,
      antialias: false,
      preference: 'webgl',
      autoDensity: true,
      // The game screen drives rendering from its own frame loop (one rAF, measured).
      autoStart: false,
      resolution: Math.min(window.devicePixelRatio || 1, 2),
    });
    this.app.canvas.classList.add('game-canvas');
    parent.appendChild(this.app.canvas);
    this.stage.addChild(this.floor, this.obstacles, this.shots, this.playerLayer, this.fx);
    this.app.stage.addChild(this.stage);
  }

  /** Screen (CSS px) → world coordinates. */
  screenToWorld(x: number, y: number): { x: number; y: number } {
    return { x: (x - this.offsetX) / this.scale, y: (y - this.offsetY) / this.scale };
  }

  /** World → screen (CSS px). */
  worldToScreen(x: number, y: number): { x: number; y: number } {
    return { x: x * this.scale + this.offsetX, y: y * this.scale + this.offsetY };
  }

  render(view: FrameView, nowMs: number): void {
    this.fit(view.world);
    if (this.drawnWorld !== view.world) this.drawWorld(view.world);
    this.drawPlayers(view.players);
    this.shots.clear();
    for (const p of view.projectiles) {
      // A 40 ms trail behind the shot, in its owner's colour.
      this.shots.moveTo(p.x, p.y).lineTo(p.x - p.vx * 0.04, p.y - p.vy * 0.04);
      const alpha = p.alpha ?? 1;
      this.shots.stroke({ width: PROJECTILE_RADIUS * 1.5, color: playerColor(p.owner), alpha: 0.6 * alpha, cap: 'round' });
      this.shots.circle(p.x, p.y, PROJECTILE_RADIUS + 1).fill({ color: 0xfff2c0, alpha });
    }
    this.drawEffects(view, view.effects, nowMs);
    this.app.render();
  }

  /** Fit the arena in the window with a margin, centred. */
  private fit(world: ArenaWorld): void {
    const w = this.app.screen.width;
    const h = this.app.screen.height;
    const margin = 16;
    this.scale = Math.max(0.05, Math.min((w - 2 * margin) / world.width, (h - 2 * margin) / world.height));
    this.offsetX = (w - world.width * this.scale) / 2;
    this.offsetY = (h - world.height * this.scale) / 2;
    this.stage.scale.set(this.scale);
    this.stage.position.set(this.offsetX, this.offsetY);
  }

  private drawWorld(world: ArenaWorld): void {
    this.drawnWorld = world;
    this.floor.clear();
    this.floor.rect(0, 0, world.width, world.height).fill(FLOOR);
    for (let x = 100; x < world.width; x += 100) this.floor.moveTo(x, 0).lineTo(x, world.height);
    for (let y = 100; y < world.height; y += 100) this.floor.moveTo(0, y).lineTo(world.width, y);
    this.floor.stroke({ width: 1, color: GRID });
    this.floor.rect(0, 0, world.width, world.height).stroke({ width: 4, color: OBSTACLE_EDGE });
    this.obstacles.clear();
    for (const o of world.obstacles) {
      this.obstacles.roundRect(o.x, o.y, o.w, o.h, 6).fill(OBSTACLE).stroke({ width: 2, color: OBSTACLE_EDGE });
    }
  }

  private drawPlayers(players: readonly PlayerView[]): void {
    const seen = new Set<number>();
    for (const p of players) {
      seen.add(p.id);
      let s = this.sprites.get(p.id);
      if (!s) {
        s = this.createSprite(p);
        this.sprites.set(p.id, s);
      }
      if (s.name !== p.name) {
        s.name = p.name;
        s.label.text = p.name;
      }
      s.root.position.set(p.x, p.y);
      s.root.alpha = p.alive ? 1 : 0.25;
      const color = playerColor(p.id);
      s.body.clear();
      s.body.circle(0, 0, PLAYER_RADIUS).fill(color).stroke({ width: p.isMe ? 3 : 2, color: p.isMe ? 0xffffff : 0x0d1117 });
      const ax = Math.cos(p.aimRad);
      const ay = Math.sin(p.aimRad);
      s.body.moveTo(ax * (PLAYER_RADIUS - 4), ay * (PLAYER_RADIUS - 4)).lineTo(ax * (PLAYER_RADIUS + 10), ay * (PLAYER_RADIUS + 10));
      s.body.stroke({ width: 5, color: 0xe6edf3 });
      if (s.lastHealth !== p.health) {
        s.lastHealth = p.health;
        const frac = Math.max(0, Math.min(1, p.health / 100));
        s.bar.clear();
        s.bar.rect(-18, 0, 36, 5).fill(0x30363d);
        s.bar.rect(-18, 0, 36 * frac, 5).fill(frac > 0.5 ? 0x3fb950 : frac > 0.25 ? 0xd29922 : 0xf85149);
      }
    }
    for (const [id, s] of this.sprites) {
      if (seen.has(id)) continue;
      s.root.destroy({ children: true });
      this.sprites.delete(id);
    }
  }

  private createSprite(p: PlayerView): PlayerSprite {
    const root = new Container();
    const body = new Graphics();
    const label = new Text({
      text: p.name,
      style: { fontFamily: 'system-ui, sans-serif', fontSize: 13, fill: 0xe6edf3, fontWeight: p.isMe ? '700' : '400' },
      resolution: 2,
    });
    label.anchor.set(0.5, 1);
    label.position.set(0, -PLAYER_RADIUS - 11);
    const bar = new Graphics();
    bar.position.set(0, -PLAYER_RADIUS - 8);
    root.addChild(body, bar, label);
    this.playerLayer.addChild(root);
    return { root, body, label, bar, name: p.name, lastHealth: -1 };
  }

  private drawEffects(view: FrameView, effects: readonly Effect[], nowMs: number): void {
    this.fx.clear();
    for (const e of effects) {
      const p = view.players.find((q) => q.id === e.id);
      if (!p) continue;
      const age = (nowMs - e.atMs) / (e.kind === 'death' ? 700 : 300);
      if (age < 0 || age > 1) continue;
      if (e.kind === 'hit') {
        this.fx.circle(p.x, p.y, PLAYER_RADIUS + 2 + age * 10).stroke({ width: 3, color: 0xff5555, alpha: 1 - age });
      } else if (e.kind === 'death') {
        const color = playerColor(p.id);
        for (let i = 0; i < 10; i++) {
          const a = (i / 10) * Math.PI * 2;
          const r = 8 + age * 46;
          this.fx.circle(p.x + Math.cos(a) * r, p.y + Math.sin(a) * r, 4 * (1 - age) + 1).fill({ color, alpha: 1 - age });
        }
        this.fx.circle(p.x, p.y, PLAYER_RADIUS + age * 30).stroke({ width: 2, color: 0xffffff, alpha: 1 - age });
      } else {
        this.fx.circle(p.x, p.y, PLAYER_RADIUS + (1 - age) * 24).stroke({ width: 2, color: 0x58a6ff, alpha: 1 - age });
      }
    }
  }

  destroy(): void {
    this.app.destroy({ removeView: true }, { children: true });
  }
}
