/**
 * The arena on screen: the Pixi renderer (camera on our player, or where a
 * spectator looks), keyboard /
 * mouse and touch controls, and the game's HUD: scoreboard, crosshair with hit
 * markers, damage flash, the victim's banner (killer and respawn countdown)
 * and the how-to-win line. Loaded on demand by the arena's module (the
 * DOM-free logic never imports it).
 */
import type { GamePresenter, PresenterFrame } from '../../sdk/gameModule';
import './arena.css';
import { ArenaButton as Button } from '../../../../shared/game/arena';
import { hitLanded, hitTaken, newestOn, type Effect } from './arenaEffects';
import type { ArenaControls } from './arenaInput';
import { Crosshair } from './crosshair';
import { DamageFlash } from './damageFlash';
import { DeathBanner, deathBannerText } from './deathBanner';
import type { FrameView, PlayerView } from './frameView';
import { HowToWin } from './howToWin';
import { KeyboardInput } from './keyboardInput';
import { Renderer } from './renderer';
import { Scoreboard } from './scoreboard';
import { TouchInput } from './touchInput';

/** On touch, the crosshair sits this far ahead of our player along the aim, world px. */
const TOUCH_CROSSHAIR_PX = 150;

interface Hud {
  scoreboard: Scoreboard;
  crosshair: Crosshair;
  flash: DamageFlash;
  banner: DeathBanner;
  tip: HowToWin;
}

export class ArenaPresenter implements GamePresenter<FrameView, ArenaControls> {
  private readonly renderer = new Renderer();
  private keyboard: KeyboardInput | null = null;
  private touch: TouchInput | null = null;
  private hud: Hud | null = null;

  async init(root: HTMLElement): Promise<void> {
    await this.renderer.init(root);
    this.keyboard = new KeyboardInput(this.renderer.app.canvas);
    this.touch = new TouchInput(root);
    const onTouch = this.touch.isShown;
    this.hud = {
      flash: new DamageFlash(root),
      crosshair: new Crosshair(root),
      scoreboard: new Scoreboard(root),
      banner: new DeathBanner(root),
      tip: new HowToWin(root, onTouch ? 'Left thumb moves · right thumb fires (drag to aim)' : 'WASD moves · mouse aims · click fires'),
    };
  }

  controls(): ArenaControls {
    const kb = this.keyboard;
    const touch = this.touch;
    const buttons = ((kb?.buttons ?? 0) | (touch?.buttons ?? 0)) & (Button.Up | Button.Down | Button.Left | Button.Right | Button.Fire);
    const aimDir = touch?.isActive ? touch.aimDir : null;
    const pointer = kb?.pointer;
    return { buttons, aimDir, aimAt: !aimDir && pointer ? this.renderer.screenToWorld(pointer.x, pointer.y) : null };
  }

  render(view: FrameView, frame: PresenterFrame): void {
    const now = frame.nowMs;
    this.renderer.render(view, now, frame.spectator ?? null);
    const hud = this.hud;
    if (!hud) return;
    const me = findMe(view.players);
    hud.scoreboard.update(view.players, frame.roomName, now);
    hud.tip.update(now, frame.spectator != null);
    this.updateCrosshair(hud.crosshair, view.effects, me, now);
    const taken = me ? hitTaken(view.effects, me.id) : null;
    hud.flash.update(taken ? now - taken.atMs : Number.NaN, taken ? taken.damage : 0);
    if (!me || me.alive) return hud.banner.update('');
    const death = newestOn(view.effects, 'death', me.id);
    hud.banner.update(deathBannerText(death?.byName ?? '', (me.respawnTicks * 1000) / view.world.tickRate, death?.by === me.id));
  }

  /** At the pointer (mouse), or ahead of us along the aim (touch, hidden while dead). */
  private updateCrosshair(crosshair: Crosshair, effects: readonly Effect[], me: PlayerView | null, nowMs: number): void {
    const landed = me ? hitLanded(effects, me.id) : null;
    const hitAge = landed ? nowMs - landed.atMs : Number.NaN;
    const pointer = this.keyboard?.pointer;
    // With a mouse the crosshair is the cursor (the canvas hides the system one): kept while dead too.
    if (pointer && !this.touch?.isActive) return crosshair.update(pointer.x, pointer.y, hitAge);
    if (!me || !me.alive || !this.touch?.isShown) return crosshair.update(Number.NaN, Number.NaN, hitAge);
    const cam = this.renderer.camera;
    const x = me.x + Math.cos(me.aimRad) * TOUCH_CROSSHAIR_PX;
    const y = me.y + Math.sin(me.aimRad) * TOUCH_CROSSHAIR_PX;
    crosshair.update(cam.worldToScreenX(x), cam.worldToScreenY(y), hitAge);
  }

  dispose(): void {
    this.keyboard?.dispose();
    this.touch?.dispose();
    const hud = this.hud;
    if (hud) {
      hud.scoreboard.root.remove();
      hud.crosshair.dispose();
      hud.flash.dispose();
      hud.banner.dispose();
      hud.tip.dispose();
    }
    this.renderer.destroy();
  }
}

function findMe(players: readonly PlayerView[]): PlayerView | null {
  for (const p of players) if (p.isMe) return p;
  return null;
}
