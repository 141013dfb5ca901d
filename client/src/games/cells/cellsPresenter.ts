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

/** The minimap a presenter draws into (cells: the visible cells; a bigger world: its own streams). */
export interface MinimapDrawing<V> {
  readonly canvas: HTMLCanvasElement;
  update(view: V, nowMs: number): void;
}

/** Cells' presenter; a game built on cells (bigcells) extends it with its own minimap and board title. */
export class CellsPresenter<V extends CellsView = CellsView> implements GamePresenter<V, CellsControls> {
  private readonly renderer = new CellsRenderer();
  private input: CellsControlsInput | null = null;
  protected board: LeaderboardView | null = null;
  private minimap: MinimapDrawing<V> | null = null;
  private banner: HTMLDivElement | null = null;

  async init(root: HTMLElement): Promise<void> {
    await this.renderer.init(root);
    this.input = new CellsControlsInput(root, this.renderer.app.canvas);
    this.board = new LeaderboardView(root);
    this.minimap = this.createMinimap(root);
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

  protected createMinimap(root: HTMLElement): MinimapDrawing<V> {
    return new Minimap(root);
  }

  protected boardTitle(_view: V, roomName: string): string {
    return roomName;
  }

  render(view: V, frame: PresenterFrame): void {
    // A spectator has no cell: the camera goes where it looks, at a new cell's zoom.
    const watch = frame.spectator;
    const shown = watch ? { ...view, camera: { ...view.camera, x: watch.x, y: watch.y } } : view;
    this.renderer.render(shown, frame.nowMs);
    this.board?.update(view.leaderboard, this.boardTitle(view, frame.roomName));
    this.minimap?.update(shown, frame.nowMs);
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
