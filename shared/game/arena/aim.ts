/**
 * Aim conventions. On the wire (PlayerInput.aim) aim is a u16 fraction of a
 * turn; in the state and snapshots it is 1/1024 turn (AIM_STEPS). Angle 0 points
 * along +x and angles grow toward +y — with y pointing down that is CLOCKWISE
 * on screen, i.e. the angle Math.atan2(dy, dx) of a screen-space vector.
 */
import { Limits } from '../../protocol/constants';
import { AIM_STEPS } from './schema';

const INPUT_STEPS_PER_AIM_STEP = Limits.aimSteps / AIM_STEPS;

/**
 * PlayerInput.aim (0..65535) → state/wire aim (0..1023), rounded to the nearest
 * step. Any other number still maps into 0..1023 (wrapping; NaN → 0).
 */
export function aimFromInput(inputAim: number): number {
  return Math.round(inputAim / INPUT_STEPS_PER_AIM_STEP) & (AIM_STEPS - 1);
}

/**
 * The PlayerInput.aim for a direction in screen space, e.g. from the player to
 * the mouse pointer: `aimFromVector(mouseX - me.x, mouseY - me.y)`.
 */
export function aimFromVector(dx: number, dy: number): number {
  const turn = Math.atan2(dy, dx) / (2 * Math.PI);
  const aim = Math.round((turn < 0 ? turn + 1 : turn) * Limits.aimSteps);
  return aim % Limits.aimSteps;
}

/** Radians of a state/wire aim (0..1023), for rendering. */
export function aimToRadians(aim: number): number {
  return (aim / AIM_STEPS) * 2 * Math.PI;
}
