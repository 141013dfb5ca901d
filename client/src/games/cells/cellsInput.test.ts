import { describe, expect, it } from 'vitest';
import { CellsButton, radiusOfMass, TARGET_MAX } from '../../../../shared/game/cells';
import { cellsInput } from './cellsInput';

const me = { x: 1000, y: 1000, vx: 0, vy: 0, mass: 100, ejectTicks: 0, respawnTicks: 0 };

describe('cellsInput', () => {
  it('steers at the pointer, as an offset from our cell, and boosts while held', () => {
    expect(cellsInput({ pointer: { x: 1250.4, y: 880 }, stick: null, boost: true }, me)).toEqual({
      targetX: 250,
      targetY: -120,
      buttons: CellsButton.Boost,
    });
  });

  it('scales a far pointer into the 12-bit range, keeping its direction', () => {
    const v = cellsInput({ pointer: { x: 1000 + 8000, y: 1000 - 4000 }, stick: null, boost: false }, me);
    expect(v).toEqual({ targetX: TARGET_MAX, targetY: -Math.round(TARGET_MAX / 2), buttons: 0 });
  });

  it('turns a touch stick into a reach past the cell edge, and stops with no cell or no controls', () => {
    const reach = radiusOfMass(100) + 200;
    expect(cellsInput({ pointer: null, stick: { dx: 0.6, dy: -0.8 }, boost: false }, me)).toEqual({
      targetX: Math.round(0.6 * reach),
      targetY: Math.round(-0.8 * reach),
      buttons: 0,
    });
    expect(cellsInput({ pointer: { x: 0, y: 0 }, stick: null, boost: true }, null)).toEqual({ targetX: 0, targetY: 0, buttons: 0 });
    expect(cellsInput(null, me)).toEqual({ targetX: 0, targetY: 0, buttons: 0 });
  });
});
