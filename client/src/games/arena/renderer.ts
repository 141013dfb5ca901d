/**
 * Draws a FrameView with PixiJS v8: the arena through a camera that follows
 * our player (zoom rule in camera.ts), obstacles, players (colour, name,
 * health bar, aim), projectiles, hit rings, death bursts and floating damage
 * numbers. Reads views, never state: the data path ends here.
 *
 * Per frame it allocates nothing on the steady path: player bodies and aim
 * pointers are drawn once and moved/rotated; health bars are redrawn only when
 * health changes; damage numbers come from a fixed pool of Text objects whose
 * text is set only when it changes; the shot and effect Graphics are cleared
 * and refilled (Pixi reuses their buffers).
 */
import { Application, Container, Graphics, Text } from 'pixi.js';
import { PLAYER_MAX_HEALTH, PLAYER_RADIUS, PROJECTILE_RADIUS } from '../../../../shared/game/arena/constants';
import type { ArenaWorld } from '../../../../shared/game/arena/world';
import { EFFECT_LIFETIME_MS, type Effect } from './arenaEffects';
import { Camera } from './camera';
import type { FrameView, PlayerView } from './frameView';
import { playerColor } from './playerColor';

const BACKGROUND = 0x0d1117;
const FLOOR = 0x161b22;
const GRID = 0x1f2630;
const OBSTACLE = 0x3a4250;
const OBSTACLE_EDGE = 0x566070;
/** How far the dark outside is drawn beyond the walls, world px (more than any view reaches past them). */
const OUTSIDE_PX = 2000;
/** Damage numbers on screen at once (older ones are not drawn). */
const DAMAGE_POOL = 12;
const DAMAGE_DEALT = 0xffd166;
const DAMAGE_TAKEN = 0xff6b6b;
/** How far a damage number rises over its life, world px. */
const DAMAGE_RISE_PX = 34;

interface PlayerSprite {
  root: Container;
  body: Graphics;
  aim: Graphics;
  label: Text;
  bar: Graphics;
  name: string;
  lastHealth: number;
  /** The frame this sprite was last drawn in (older: its player left). */
  frame: number;
}

interface DamageLabel {
  text: Text;
  shown: string;
  fill: number;
}

export class Renderer {
  readonly app = new Application();
  readonly camera = new Camera();
  private readonly stage = new Container();
  private readonly floor = new Graphics();
  private readonly obstacles = new Graphics();
  private readonly shots = new Graphics();
  private readonly fx = new Graphics();
  private readonly playerLayer = new Container();
  private readonly damageLayer = new Container();
  private readonly damage: DamageLabel[] = [];
  private readonly sprites = new Map<number, PlayerSprite>();
  private drawnWorld: ArenaWorld | null = null;
  private frame = 0;

  async init(parent: HTMLElement): Promise<void> {
    await this.app.init({
      resizeTo: window,
      background: FLOOR,
      antialias: false,
      preference: 'webgl',
      autoDensity: true,
      // The game screen drives rendering from its own frame loop (one rAF, measured).
      autoStart: false,
      resolution: Math.min(window.devicePixelRatio || 1, 2),
    });
    this.app.canvas.classList.add('game-canvas', 'arena-canvas');
    parent.appendChild(this.app.canvas);
    this.stage.addChild(this.floor, this.obstacles, this.shots, this.playerLayer, this.fx, this.damageLayer);
    this.app.stage.addChild(this.stage);
    for (let i = 0; i < DAMAGE_POOL; i++) {
      const text = new Text({
        text: '',
        style: { fontFamily: 'system-ui, sans-serif', fontSize: 18, fontWeight: '800', fill: DAMAGE_DEALT, stroke: { color: 0x0d1117, width: 4 } },
        resolution: 2,
      });
      text.anchor.set(0.5, 1);
      text.visible = false;
      this.damageLayer.addChild(text);
      this.damage.push({ text, shown: '', fill: DAMAGE_DEALT });
    }
  }

  /** Screen (CSS px) → world coordinates, with the camera of the last frame. */
  screenToWorld(x: number, y: number): { x: number; y: number } {
    return { x: this.camera.screenToWorldX(x), y: this.camera.screenToWorldY(y) };
  }

  /** Draw `view`; the camera centres on our player, or on `watch` (a spectator's followed player or free camera). */
  render(view: FrameView, nowMs: number, watch: { x: number; y: number } | null = null): void {
    const me = findMe(view.players);
    const w = this.app.screen.width;
    const h = this.app.screen.height;
    const target = watch ?? me;
    this.camera.update(target ? target.x : Number.NaN, target ? target.y : Number.NaN, view.world.width, view.world.height, w, h, nowMs);
    this.stage.scale.set(this.camera.zoom);
    this.stage.position.set(this.camera.offsetX, this.camera.offsetY);
    if (this.drawnWorld !== view.world) this.drawWorld(view.world);
    this.frame++;
    this.drawPlayers(view.players);
    this.shots.clear();
    for (const p of view.projectiles) {
      // A 40 ms trail behind the shot, in its owner's colour.
      this.shots.moveTo(p.x, p.y).lineTo(p.x - p.vx * 0.04, p.y - p.vy * 0.04);
      const alpha = p.alpha ?? 1;
      this.shots.stroke({ width: PROJECTILE_RADIUS * 1.5, color: playerColor(p.owner), alpha: 0.6 * alpha, cap: 'round' });
      this.shots.circle(p.x, p.y, PROJECTILE_RADIUS + 1).fill({ color: 0xfff2c0, alpha });
    }
    this.drawEffects(view, nowMs);
    this.app.render();
  }

  private drawWorld(world: ArenaWorld): void {
    this.drawnWorld = world;
    this.floor.clear();
    // The floor is the clear colour (no full-screen fill: software GL pays per pixel); outside the walls is darker.
    const out = OUTSIDE_PX;
    this.floor.rect(-out, -out, world.width + 2 * out, out).rect(-out, world.height, world.width + 2 * out, out);
    this.floor.rect(-out, 0, out, world.height).rect(world.width, 0, out, world.height).fill(BACKGROUND);
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
    for (const p of players) {
      let s = this.sprites.get(p.id);
      if (!s) {
        s = this.createSprite(p);
        this.sprites.set(p.id, s);
      }
      s.frame = this.frame;
      if (s.name !== p.name) {
        s.name = p.name;
        s.label.text = p.name;
      }
      s.root.position.set(p.x, p.y);
      s.root.alpha = p.alive ? 1 : 0.25;
      s.aim.rotation = p.aimRad;
      if (s.lastHealth !== p.health) {
        s.lastHealth = p.health;
        const frac = Math.max(0, Math.min(1, p.health / PLAYER_MAX_HEALTH));
        s.bar.clear();
        s.bar.rect(-18, 0, 36, 5).fill(0x30363d);
        s.bar.rect(-18, 0, 36 * frac, 5).fill(frac > 0.5 ? 0x3fb950 : frac > 0.25 ? 0xd29922 : 0xf85149);
      }
    }
    for (const [id, s] of this.sprites) {
      if (s.frame === this.frame) continue;
      s.root.destroy({ children: true });
      this.sprites.delete(id);
    }
  }

  private createSprite(p: PlayerView): PlayerSprite {
    const root = new Container();
    const body = new Graphics();
    body.circle(0, 0, PLAYER_RADIUS).fill(playerColor(p.id)).stroke({ width: p.isMe ? 3 : 2, color: p.isMe ? 0xffffff : 0x0d1117 });
    const aim = new Graphics();
    aim.moveTo(PLAYER_RADIUS - 4, 0).lineTo(PLAYER_RADIUS + 10, 0).stroke({ width: 5, color: 0xe6edf3, cap: 'round' });
    const label = new Text({
      text: p.name,
      style: { fontFamily: 'system-ui, sans-serif', fontSize: 14, fill: 0xe6edf3, fontWeight: p.isMe ? '700' : '500', stroke: { color: 0x0d1117, width: 3 } },
      resolution: 2,
    });
    label.anchor.set(0.5, 1);
    label.position.set(0, -PLAYER_RADIUS - 11);
    const bar = new Graphics();
    bar.position.set(0, -PLAYER_RADIUS - 8);
    root.addChild(body, aim, bar, label);
    this.playerLayer.addChild(root);
    return { root, body, aim, label, bar, name: p.name, lastHealth: -1, frame: this.frame };
  }

  private drawEffects(view: FrameView, nowMs: number): void {
    this.fx.clear();
    let used = 0;
    // Newest first, so that with more hits than labels the latest are the ones shown.
    for (let i = view.effects.length - 1; i >= 0; i--) {
      const e = view.effects[i];
      const p = findPlayer(view.players, e.id);
      if (!p) continue;
      const ageMs = nowMs - e.atMs;
      if (e.kind === 'hit') {
        if (used < DAMAGE_POOL && e.damage > 0) this.showDamage(this.damage[used], e, p, ageMs / EFFECT_LIFETIME_MS.hit, used++);
        const age = ageMs / 250;
        if (age >= 0 && age <= 1) this.fx.circle(p.x, p.y, PLAYER_RADIUS + 2 + age * 10).stroke({ width: 3, color: 0xff5555, alpha: 1 - age });
      } else if (e.kind === 'death') {
        this.drawDeath(p, ageMs / 700);
      } else {
        const age = ageMs / 300;
        if (age >= 0 && age <= 1) this.fx.circle(p.x, p.y, PLAYER_RADIUS + (1 - age) * 24).stroke({ width: 2, color: 0x58a6ff, alpha: 1 - age });
      }
    }
    for (let i = used; i < DAMAGE_POOL; i++) this.damage[i].text.visible = false;
  }

  private drawDeath(p: PlayerView, age: number): void {
    if (age < 0 || age > 1) return;
    const color = playerColor(p.id);
    for (let i = 0; i < 10; i++) {
      const a = (i / 10) * Math.PI * 2;
      const r = 8 + age * 46;
      this.fx.circle(p.x + Math.cos(a) * r, p.y + Math.sin(a) * r, 4 * (1 - age) + 1).fill({ color, alpha: 1 - age });
    }
    this.fx.circle(p.x, p.y, PLAYER_RADIUS + age * 30).stroke({ width: 2, color: 0xffffff, alpha: 1 - age });
  }

  /** A damage number rising from its target and fading; ours (a hit we took) in red. */
  private showDamage(label: DamageLabel, e: Effect, target: PlayerView, age: number, slot: number): void {
    if (age < 0 || age > 1) {
      label.text.visible = false;
      return;
    }
    const s = `−${e.damage}`;
    if (label.shown !== s) {
      label.shown = s;
      label.text.text = s;
    }
    // Style changes re-rasterize the text: only when the colour changes.
    const fill = target.isMe ? DAMAGE_TAKEN : DAMAGE_DEALT;
    if (label.fill !== fill) {
      label.fill = fill;
      label.text.style.fill = fill;
    }
    label.text.visible = true;
    label.text.alpha = age < 0.6 ? 1 : (1 - age) / 0.4;
    // Numbers alive at once fan out sideways (by slot) so that they do not stack into one.
    label.text.position.set(target.x + ((slot % 3) - 1) * 22, target.y - PLAYER_RADIUS - 20 - age * DAMAGE_RISE_PX);
    label.text.scale.set(1 + Math.max(0, 0.15 - age) * 3);
  }

  destroy(): void {
    this.app.destroy({ removeView: true }, { children: true });
  }
}

function findMe(players: readonly PlayerView[]): PlayerView | null {
  for (const p of players) if (p.isMe) return p;
  return null;
}

function findPlayer(players: readonly PlayerView[], id: number): PlayerView | null {
  for (const p of players) if (p.id === id) return p;
  return null;
}
