/**
 * Interest management for a cells world (used by bigcells): what each
 * viewer's camera shows, in wire units (1/8 u), plus a margin that grows
 * with the zoom, so that entities arrive before they scroll into view.
 *
 *   screen half-side = viewHalfSize(mass) = 640 + 4 × radius   (690 u at the start, 2903 u at the top)
 *   margin           = screen half-side / 4 + 128 u             (300 u at the start, 854 u at the top)
 *
 * The engine keeps an entity until it is past screen + 1.5 × margin
 * (hysteresis, server/interest/interestMembership.ts). A spectator (no cell)
 * sees the square around its free camera at the start zoom.
 */
import type { InterestArea, InterestDefinition, Viewer } from '../../engine/gameDefinition';
import { CellsKind, START_MASS } from './constants';
import { viewHalfSize } from './mass';
import { CellField, FoodField, POSITION_SCALE } from './schema';
import type { CellsState } from './state';
import { writeCellsView } from './view';

/** u added to the zoom-proportional margin: a cell's edge may show before its centre is in. */
const MARGIN_BASE_U = 128;
/** Margin as a fraction of the screen half-side (grows with zoom). */
const MARGIN_PER_HALF = 0.25;
/** Spatial grid square: 512 u (figures in docs/BIG-WORLDS.md). */
const GRID_CELL_U = 512;

/** How much each kind matters under a byte budget: moving cells first, then ejected mass, then food. */
const IMPORTANCE: Record<number, number> = { [CellsKind.Cell]: 4, [CellsKind.Ejected]: 2, [CellsKind.Food]: 1 };

const WORLD_WRITER_VIEWER: Viewer = { playerId: 0, focus: 0, x: 0, y: 0 };

/** Screen half-side and margin for a cell of `mass`, in u. */
export function interestHalfAndMargin(mass: number): { halfU: number; marginU: number } {
  const halfU = viewHalfSize(mass);
  return { halfU, marginU: halfU * MARGIN_PER_HALF + MARGIN_BASE_U };
}

export function cellsInterest(budgetBytesPerSec = 0): InterestDefinition<CellsState> {
  return {
    writeWorld: (state, out) => writeCellsView(state, WORLD_WRITER_VIEWER, out),
    xField: FoodField.X,
    yField: FoodField.Y,
    gridCellSize: GRID_CELL_U * POSITION_SCALE,
    worldSize: (state) => ({ width: state.world.width * POSITION_SCALE, height: state.world.height * POSITION_SCALE }),
    areaOf: areaOfViewer,
    importance: (kind) => IMPORTANCE[kind] ?? 1,
    budgetBytesPerSec,
  };
}

function areaOfViewer(state: CellsState, viewer: Viewer, out: InterestArea): void {
  const cell = viewer.focus > 0 ? state.cellById[viewer.focus] : undefined;
  const { halfU, marginU } = interestHalfAndMargin(cell ? cell.mass : START_MASS);
  out.x = (cell ? cell.x : viewer.x) * POSITION_SCALE;
  out.y = (cell ? cell.y : viewer.y) * POSITION_SCALE;
  out.halfWidth = out.halfHeight = halfU * POSITION_SCALE;
  out.margin = marginU * POSITION_SCALE;
}

/** The cell row fields the interest rules read (re-exported for tests). */
export const INTEREST_FIELDS = { x: CellField.X, y: CellField.Y } as const;
