import { describe, expect, it } from 'vitest';
import { cellColor } from '../../../../shared/game/cells';
import { minimapMarks } from './minimapMarks';

const world = { width: 1600, height: 800 };

describe('bigcells minimap marks', () => {
  it('maps density squares, top players (not us), our cell and the camera onto the map', () => {
    const model = { side: 2, density: Uint8Array.from([0, 15, 1, 0]), top: [{ id: 4, x: 400, y: 200 }, { id: 9, x: 800, y: 400 }] };
    const m = minimapMarks(model, { world, me: { id: 9, x: 800, y: 400 }, camera: { x: 800, y: 400, halfSize: 100 } }, 160);
    expect(m.world).toEqual({ x: 0, y: 0, w: 160, h: 80 });
    expect(m.squares).toEqual([
      { x: 80, y: 0, w: 80, h: 40, alpha: 0.75 },
      { x: 0, y: 40, w: 80, h: 40, alpha: expect.closeTo(0.15 + 0.6 / 15, 9) as number },
    ]);
    expect(m.top).toEqual([{ id: 4, x: 40, y: 20, color: cellColor(4) }]);
    expect(m.me).toEqual({ x: 80, y: 40 });
    expect(m.camera).toEqual({ x: 70, y: 30, w: 20, h: 20 });
  });

  it('draws the camera but no own dot while we wait to respawn, and nothing of the crowd before the first Minimap', () => {
    const m = minimapMarks(null, { world, me: null, camera: { x: 0, y: 0, halfSize: 50 } }, 160);
    expect(m).toMatchObject({ squares: [], top: [], me: null, camera: { x: -5, y: -5, w: 10, h: 10 } });
  });
});
