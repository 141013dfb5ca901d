/**
 * Aim conventions. Aim is 1/1024 turn (AIM_STEPS) in the input, the state and
 * snapshots alike. Angle 0 points along +x and angles grow toward +y — with y
 * pointing down that is CLOCKWISE on screen, i.e. the angle Math.atan2(dy, dx)
 * of a screen-space vector.
 */
import { AIM_STEPS } from './schema';

/** An input's aim → state aim: any number maps into 0..1023 (wrapping; NaN → 0). */
export function aimFromInput(inputAim: number): number {
  return Math.round(inputAim) & (AIM_STEPS - 1);
}

/**
 * The input aim for a direction in screen space, e.g. from the player to
 * the mouse pointer: `aimFromVector(mouseX - me.x, mouseY - me.y)`.
 */
export function aimFromVector(dx: number, dy: number): number {
  const turn = Math.atan2(dy, dx) / (2 * Math.PI);
  const aim = Math.round((turn < 0 ? turn + 1 : turn) * AIM_STEPS);
  return aim % AIM_STEPS;
}

/** Radians of an aim (0..1023), for rendering. */
export function aimToRadians(aim: number): number {
  return (aim / AIM_STEPS) * 2 * Math.PI;
}
