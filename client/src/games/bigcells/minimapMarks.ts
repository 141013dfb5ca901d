/**
 * What the bigcells minimap draws, in CSS pixels of a square `sizePx` map,
 * DOM-free: the density squares (more players, more opaque), the top players'
 * dots in their colours, our own position and the camera's square. The whole
 * world maps onto the square (its longer side spans `sizePx`).
 */
import { cellColor } from '../../../../shared/game/cells';
import { MAX_MINIMAP_DENSITY } from '../../../../shared/protocol/messages';
import type { Camera } from '../cells/cellsView';
import type { MinimapModel } from './standingsModel';

export interface Rect {
  x: number;
  y: number;
  w: number;
  h: number;
}

export interface MinimapMarks {
  /** The world's outline. */
  world: Rect;
  /** Occupied squares only; `alpha` 0..1 grows with the density class. */
  squares: (Rect & { alpha: number })[];
  top: { id: number; x: number; y: number; color: number }[];
  /** Our cell; null while we wait to respawn (the camera's square stays where we were eaten). */
  me: { x: number; y: number } | null;
  camera: Rect;
}

/** Opacity of the emptiest occupied square, and of a full one. */
const MIN_ALPHA = 0.15;
const MAX_ALPHA = 0.75;

export function minimapMarks(
  model: MinimapModel | null,
  view: { world: { width: number; height: number }; me: { id: number; x: number; y: number } | null; camera: Camera },
  sizePx: number,
): MinimapMarks {
  const k = sizePx / Math.max(view.world.width, view.world.height);
  const world = { x: 0, y: 0, w: view.world.width * k, h: view.world.height * k };
  const squares: MinimapMarks['squares'] = [];
  if (model) {
    const w = world.w / model.side;
    const h = world.h / model.side;
    model.density.forEach((d, i) => {
      if (d === 0) return;
      const alpha = MIN_ALPHA + ((MAX_ALPHA - MIN_ALPHA) * Math.min(d, MAX_MINIMAP_DENSITY)) / MAX_MINIMAP_DENSITY;
      squares.push({ x: (i % model.side) * w, y: Math.floor(i / model.side) * h, w, h, alpha });
    });
  }
  const myId = view.me?.id ?? 0;
  const top = (model?.top ?? []).filter((p) => p.id !== myId).map((p) => ({ id: p.id, x: p.x * k, y: p.y * k, color: cellColor(p.id) }));
  const cam = view.camera;
  return {
    world,
    squares,
    top,
    me: view.me ? { x: view.me.x * k, y: view.me.y * k } : null,
    camera: { x: (cam.x - cam.halfSize) * k, y: (cam.y - cam.halfSize) * k, w: 2 * cam.halfSize * k, h: 2 * cam.halfSize * k },
  };
}
