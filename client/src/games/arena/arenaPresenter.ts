/**
 * The arena on screen: the Pixi renderer, keyboard/mouse and touch controls,
 * the scoreboard and the respawn banner. Loaded on demand by the arena's
 * module (the DOM-free logic never imports it).
 */
import type { GamePresenter, PresenterFrame } from '../../sdk/gameModule';
import './arena.css';
import { ArenaButton as Button } from '../../../../shared/game/arena';
import type { ArenaControls } from './arenaInput';
import type { FrameView } from './frameView';
import { KeyboardInput } from './keyboardInput';
import { Renderer } from './renderer';
import { Scoreboard } from './scoreboard';
import { TouchInput } from './touchInput';

export class ArenaPresenter implements GamePresenter<FrameView, ArenaControls> {
  private readonly renderer = new Renderer();
  private keyboard: KeyboardInput | null = null;
  private touch: TouchInput | null = null;
  private scoreboard: Scoreboard | null = null;
  private status: HTMLDivElement | null = null;

  async init(root: HTMLElement): Promise<void> {
    await this.renderer.init(root);
    this.keyboard = new KeyboardInput(this.renderer.app.canvas);
    this.touch = new TouchInput(root);
    this.scoreboard = new Scoreboard(root);
    this.status = document.createElement('div');
    this.status.className = 'status-banner';
    this.status.hidden = true;
    root.appendChild(this.status);
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
    this.renderer.render(view, frame.nowMs);
    this.scoreboard?.update(view.players, frame.roomName);
    const me = view.players.find((p) => p.isMe);
    if (!this.status) return;
    this.status.hidden = !me || me.alive;
    if (me && !me.alive) this.status.textContent = 'Eliminated. Respawning…';
  }

  dispose(): void {
    this.keyboard?.dispose();
    this.touch?.dispose();
    this.scoreboard?.root.remove();
    this.status?.remove();
    this.renderer.destroy();
  }
}
