/**
 * What mass decides: size, top speed, the cost of a boost, what may eat what,
 * and how much of the world a camera shows. Only +, −, ×, ÷, floor and sqrt
 * (IEEE-exact in every engine): the client computes the same speeds as the server.
 */
import {
  BASE_SPEED,
  EAT_COVER,
  EAT_RATIO_DENOMINATOR,
  EAT_RATIO_NUMERATOR,
  EJECT_DIVISOR,
  RADIUS_PER_SQRT_MASS,
  START_MASS,
  VIEW_BASE_HALF,
  VIEW_PER_RADIUS,
} from './constants';

/** Radius (u) of a cell or pellet of `mass`: 4 × √mass. */
export function radiusOfMass(mass: number): number {
  return RADIUS_PER_SQRT_MASS * Math.sqrt(mass);
}

/** Unboosted top speed (u/s): 300 × (10 / mass)^¼, as two square roots. */
export function maxSpeedOfMass(mass: number): number {
  return BASE_SPEED * Math.sqrt(Math.sqrt(START_MASS / (mass > 1 ? mass : 1)));
}

/** Mass a boosting cell of `mass` ejects each interval: max(1, floor(mass / 50)). */
export function ejectMassOf(mass: number): number {
  const m = Math.floor(mass / EJECT_DIVISOR);
  return m > 1 ? m : 1;
}

/** True when `eaterMass` ≥ 1.25 × `preyMass` (in integers, so no rounding decides). */
export function heavyEnoughToEat(eaterMass: number, preyMass: number): boolean {
  return eaterMass * EAT_RATIO_DENOMINATOR >= preyMass * EAT_RATIO_NUMERATOR;
}

/**
 * True when a prey of radius `preyRadius` whose centre is (dx, dy) from the
 * eater's is covered enough: distance < eaterRadius − 0.4 × preyRadius.
 */
export function coveredEnough(dx: number, dy: number, eaterRadius: number, preyRadius: number): boolean {
  const reach = eaterRadius - EAT_COVER * preyRadius;
  return reach > 0 && dx * dx + dy * dy < reach * reach;
}

/**
 * Half the side (u) of the square of world a camera centred on a cell of
 * `mass` shows: 640 + 4 × radius. Renderers scale the world so the screen's
 * longer side spans 2 × this; interest management (issue 12) will send this
 * square plus a margin.
 */
export function viewHalfSize(mass: number): number {
  return VIEW_BASE_HALF + VIEW_PER_RADIUS * radiusOfMass(mass > START_MASS ? mass : START_MASS);
}
