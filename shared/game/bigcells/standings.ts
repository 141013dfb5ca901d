/**
 * bigcells' standings (the Leaderboard, Minimap and Rank streams): a player's
 * score is its cell's current mass (what the leaderboard ranks), its
 * position the cell's centre in u. A cell waiting to respawn is not ranked.
 */
import type { StandingsDefinition } from '../../engine/gameDefinition';
import type { CellsState } from '../cells/state';

export const bigcellsStandings: StandingsDefinition<CellsState> = {
  eachPlayer(state, out) {
    for (const cell of state.cells) if (cell.respawnTicks === 0) out(cell.id, Math.floor(cell.mass), cell.x, cell.y);
  },
  worldSize: (state) => ({ width: state.world.width, height: state.world.height }),
};
