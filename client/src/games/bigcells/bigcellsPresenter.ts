/**
 * bigcells on screen: the cells renderer, controls, leaderboard and "eaten"
 * banner, with the leaderboard rows and the minimap from the standings
 * streams (the whole room) instead of the visible cells. Loaded on demand.
 */
import type { PresenterFrame } from '../../sdk/gameModule';
import '../cells/cells.css';
import './bigcells.css';
import { CellsPresenter, type MinimapDrawing } from '../cells/cellsPresenter';
import type { BigcellsView } from './bigcellsLogic';
import { BigMinimap } from './bigMinimap';

export class BigcellsPresenter extends CellsPresenter<BigcellsView> {
  override async init(root: HTMLElement): Promise<void> {
    await super.init(root);
    this.board?.root.classList.add('bigcells-leaderboard');
  }

  protected override createMinimap(root: HTMLElement): MinimapDrawing<BigcellsView> {
    return new BigMinimap(root);
  }

  protected override boardTitle(view: BigcellsView, roomName: string): string {
    return boardTitle(view, roomName);
  }

  override render(view: BigcellsView, frame: PresenterFrame): void {
    super.render(view, frame);
    if (this.board) this.board.root.dataset.ranked = String(view.ranked);
  }
}

/** "Ocean 1 · you #37 of 500" once we are ranked (phones hide the title; our own row stays). */
function boardTitle(view: BigcellsView, roomName: string): string {
  const mine = view.leaderboard.find((r) => r.isMe);
  return mine && view.ranked > 0 ? `${roomName} · you #${mine.rank} of ${view.ranked}` : roomName;
}
