/**
 * bigcells on screen: the cells renderer, controls, leaderboard and "eaten"
 * banner, with the leaderboard rows and the minimap from the standings
 * streams (the whole room) instead of the visible cells. Loaded on demand.
 */
import type { GamePresenter, PresenterFrame } from '../../sdk/gameModule';
import '../cells/cells.css';
import './bigcells.css';
import { CellsControlsInput } from '../cells/cellsControlsInput';
import type { CellsControls } from '../cells/cellsInput';
import { CellsRenderer } from '../cells/cellsRenderer';
import { LeaderboardView } from '../cells/leaderboardView';
import type { BigcellsView } from './bigcellsLogic';
import { BigMinimap } from './bigMinimap';

export class BigcellsPresenter implements GamePresenter<BigcellsView, CellsControls> {
  private readonly renderer = new CellsRenderer();
  private input: CellsControlsInput | null = null;
  private board: LeaderboardView | null = null;
  private minimap: BigMinimap | null = null;
  private banner: HTMLDivElement | null = null;

  async init(root: HTMLElement): Promise<void> {
    await this.renderer.init(root);
    this.input = new CellsControlsInput(root, this.renderer.app.canvas);
    this.board = new LeaderboardView(root);
    this.board.root.classList.add('bigcells-leaderboard');
    this.minimap = new BigMinimap(root);
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

  render(view: BigcellsView, frame: PresenterFrame): void {
    // A spectator (issue 15) has no cell: the camera goes where it looks.
    const watch = frame.spectator;
    const shown = watch ? { ...view, camera: { ...view.camera, x: watch.x, y: watch.y } } : view;
    this.renderer.render(shown, frame.nowMs);
    if (this.board) {
      this.board.update(view.leaderboard, boardTitle(view, frame.roomName));
      this.board.root.dataset.ranked = String(view.ranked);
    }
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

/** "Ocean 1 · you #37 of 500" once we are ranked (phones hide the title; our own row stays). */
function boardTitle(view: BigcellsView, roomName: string): string {
  const mine = view.leaderboard.find((r) => r.isMe);
  return mine && view.ranked > 0 ? `${roomName} · you #${mine.rank} of ${view.ranked}` : roomName;
}
