/**
 * Cells controls → the cells input for one tick: the pointer's offset from
 * our cell's centre (whole world units, each axis in the 12-bit range, the
 * direction kept when it is scaled down), and the boost button. A touch stick
 * gives a direction and a strength instead: full strength reaches past the
 * cell's edge (top speed), less slows down, as a pointer inside the cell does.
 */
import { CellsButton, radiusOfMass, TARGET_MAX } from '../../../../shared/game/cells';
import type { InputValues } from '../../../../shared/protocol/inputSchema';
import type { PredictedCell } from './cellsModel';

export interface CellsControls {
  /** The pointer in world units (mouse), or null. */
  pointer: { x: number; y: number } | null;
  /** A touch stick: direction with length 0..1, or null. */
  stick: { dx: number; dy: number } | null;
  boost: boolean;
}

/** How far past the cell's edge full stick strength points (u): well into top speed. */
const STICK_REACH_U = 200;

export function cellsInput(controls: CellsControls | null, me: PredictedCell | null): InputValues {
  if (!controls || !me) return { targetX: 0, targetY: 0, buttons: 0 };
  let dx = 0;
  let dy = 0;
  if (controls.stick) {
    const reach = radiusOfMass(me.mass) + STICK_REACH_U;
    dx = controls.stick.dx * reach;
    dy = controls.stick.dy * reach;
  } else if (controls.pointer) {
    dx = controls.pointer.x - me.x;
    dy = controls.pointer.y - me.y;
  }
  const longest = Math.max(Math.abs(dx), Math.abs(dy));
  if (longest > TARGET_MAX) {
    dx *= TARGET_MAX / longest;
    dy *= TARGET_MAX / longest;
  }
  return { targetX: Math.round(dx), targetY: Math.round(dy), buttons: controls.boost ? CellsButton.Boost : 0 };
}
