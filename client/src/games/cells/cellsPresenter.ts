/**
 * Cells on screen: the Pixi renderer (camera on our cell), mouse and touch
 * controls, the leaderboard, the minimap and the "eaten" banner. Loaded on
 * demand by the cells module (the DOM-free logic never imports it).
 */
import type { GamePresenter, PresenterFrame } from '../../sdk/gameModule';
import './cells.css';
import { CellsControlsInput } from './cellsControlsInput';
import type { CellsControls } from './cellsInput';
import { CellsRenderer } from './cellsRenderer';
import type { CellsView } from './cellsView';
import { LeaderboardView } from './leaderboardView';
import { Minimap } from './minimap';

export class CellsPresenter implements GamePresenter<CellsView, CellsControls> {
  private readonly renderer = new CellsRenderer();
  private input: CellsControlsInput | null = null;
  private board: LeaderboardView | null = null;
  private minimap: Minimap | null = null;
  private banner: HTMLDivElement | null = null;

  async init(root: HTMLElement): Promise<void> {
    await this.renderer.init(root);
    this.input = new CellsControlsInput(root, this.renderer.app.canvas);
    this.board = new LeaderboardView(root);
    this.minimap = new Minimap(root);
    this.banner = document.createElement('div');
    this.banner.className = 'cells-banner';
    this.banner.hidden = true;
    root.appendChild(this.banner);
  }

  controls(): CellsControls {
    const i = this.input;
    if (!i) return { pointer: null, stick: null, boost: false };
    const stick = i.stick;
    return { stick, pointer: !stick && i.pointer ? this.renderer.screenToWorld(i.pointer.x, i.pointer.y) : null, boost: i.boost };
  }

  render(view: CellsView, frame: PresenterFrame): void {
    // A spectator (issue 15) has no cell: the camera goes where it looks, at a new cell's zoom.
    const watch = frame.spectator;
    this.renderer.render(watch ? { ...view, camera: { ...view.camera, x: watch.x, y: watch.y } } : view, frame.nowMs);
    this.board?.update(view.leaderboard, frame.roomName);
    this.minimap?.update(view, frame.nowMs);
    if (!this.banner) return;
    this.banner.hidden = !view.respawning;
    if (view.respawning) this.banner.textContent = view.eatenBy ? `Eaten by ${view.eatenBy}. Respawning…` : 'Respawning…';
  }

  dispose(): void {
    this.input?.dispose();
    this.board?.root.remove();
    this.minimap?.canvas.remove();
    this.banner?.remove();
    this.renderer.destroy();
  }
}
