/**
 * bigcells' DOM-free client logic: the cells logic (prediction, camera,
 * events) plus the standings streams (PROTOCOL.md §8.9–8.11) the SDK passes
 * through GameLogic.onMessage. Its snapshots carry only what the camera sees,
 * so the leaderboard and the minimap come from those streams, never from the
 * visible cells.
 */
import { Opcode } from '../../../../shared/protocol/constants';
import type { ServerMessage } from '../../../../shared/protocol/frameCodec';
import type { SessionInfo, ViewSample } from '../../sdk/gameModule';
import { BIG_WORLD } from '../../../../shared/game/bigcells';
import { CellsLogic } from '../cells/cellsLogic';
import type { PredictedCell } from '../cells/cellsModel';
import type { CellsView } from '../cells/cellsView';
import { StandingsModel, type MinimapModel } from './standingsModel';

export interface BigcellsView extends CellsView {
  /** The whole room coarsely (null before the first Minimap). */
  minimap: MinimapModel | null;
  /** Players ranked in the room (0 before the first Leaderboard). */
  ranked: number;
}

export class BigcellsLogic extends CellsLogic {
  readonly standings: StandingsModel;

  constructor(session: SessionInfo) {
    super(session, BIG_WORLD);
    this.standings = new StandingsModel(this.world);
  }

  onMessage(msg: ServerMessage): void {
    if (msg.op === Opcode.Leaderboard) this.standings.onLeaderboard(msg.body);
    else if (msg.op === Opcode.Rank) this.standings.onRank(msg.body);
    else if (msg.op === Opcode.Minimap) this.standings.onMinimap(msg.body);
  }

  override view(s: ViewSample<PredictedCell>): BigcellsView {
    const v = super.view(s);
    return { ...v, leaderboard: this.standings.rows(s.playerId, s.nameOf), minimap: this.standings.minimap, ranked: this.standings.ranked };
  }
}
