/**
 * Cells, the big-world game: grow by eating food and smaller cells. `cells` is
 * the GameDefinition the server hosts; the rest is what a client needs to draw
 * the world and predict its own cell.
 */
export { cells } from './cells';
export * from './constants';
export {
  CELLS_STRIDE,
  CellField,
  cellsEntitySchema,
  cellsInputSchema,
  EjectedField,
  FoodField,
  POSITION_SCALE,
  VELOCITY_SCALE,
  type CellsInput,
} from './schema';
export { cellsEventSpecs, type CellsEvent, type EatenEvent } from './events';
export { createCellsWorld, type CellsWorld } from './world';
export { coveredEnough, ejectMassOf, heavyEnoughToEat, maxSpeedOfMass, radiusOfMass, viewHalfSize } from './mass';
export { keepInWorld, moveCell, snap, type MovableCell, type SteeringInput } from './movement';
export { cellFromSnapshot, pelletFromSnapshot, type CellSnapshot, type PelletSnapshot } from './view';
export { cellColor, FOOD_PALETTE, foodColor } from './colors';
export { CELLS_SAVE_VERSION } from './players';
export type { Cell, CellsState } from './state';
