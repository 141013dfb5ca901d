/**
 * What the cells renderer and HUD draw in one frame: the cells (remote ones
 * interpolated, ours predicted), the camera (on our cell, zoomed out as it
 * grows), the leaderboard. Pellets stay in the SDK's blended table, which the
 * renderer reads directly: a thousand pellets cost no objects per frame.
 */
import { CellField, CellsKind, cellColor, radiusOfMass, viewHalfSize, type CellsWorld } from '../../../../shared/game/cells';
import { dequantize, type EntityLayout } from '../../../../shared/protocol/entitySchema';
import type { DrawnTable } from '../../sdk/netcode/entityLerp';

export interface CellView {
  id: number;
  name: string;
  isMe: boolean;
  x: number;
  y: number;
  mass: number;
  radius: number;
  color: number;
}

export interface LeaderboardRow {
  rank: number;
  id: number;
  name: string;
  mass: number;
  isMe: boolean;
}

export interface Camera {
  /** Centre, u. */
  x: number;
  y: number;
  /** Half the side of the square of world to show, u (the screen's longer side spans twice this). */
  halfSize: number;
}

export interface CellsView {
  world: CellsWorld;
  /** Living cells, lightest first (heavier ones are drawn on top). */
  cells: CellView[];
  /** Every blended row: the renderer draws the pellets (food, ejected) from it. */
  drawn: DrawnTable;
  me: CellView | null;
  /** Our cell was eaten and waits to respawn. */
  respawning: boolean;
  /** Who ate us last ('' if nobody since our last respawn). */
  eatenBy: string;
  camera: Camera;
  /** The heaviest cells, at most LEADERBOARD_ROWS, plus our own row if we are further down. */
  leaderboard: LeaderboardRow[];
}

export const LEADERBOARD_ROWS = 10;

/** Remote living cells from the blended table (`myId` left out). */
export function remoteCells(drawn: DrawnTable, layout: EntityLayout, myId: number, nameOf: (id: number) => string): CellView[] {
  const fields = layout.fields(CellsKind.Cell)!;
  const out: CellView[] = [];
  for (let r = 0; r < drawn.count; r++) {
    if (drawn.kinds[r] !== CellsKind.Cell) continue;
    const id = drawn.ids[r];
    const mass = drawn.get(r, CellField.Mass);
    if (id === myId || drawn.get(r, CellField.RespawnTicks) > 0 || mass <= 0) continue;
    const x = dequantize(fields[CellField.X], drawn.get(r, CellField.X));
    const y = dequantize(fields[CellField.Y], drawn.get(r, CellField.Y));
    out.push({ id, name: nameOf(id), isMe: false, x, y, mass, radius: radiusOfMass(mass), color: cellColor(id) });
  }
  return out;
}

/** Top rows by mass (ties: lower id first), and ours appended when it is not among them. */
export function leaderboard(cells: readonly CellView[]): LeaderboardRow[] {
  const sorted = [...cells].sort((a, b) => b.mass - a.mass || a.id - b.id);
  const rows = sorted.map((c, i) => ({ rank: i + 1, id: c.id, name: c.name, mass: Math.round(c.mass), isMe: c.isMe }));
  const top = rows.slice(0, LEADERBOARD_ROWS);
  const mine = rows.find((r) => r.isMe);
  if (mine && mine.rank > LEADERBOARD_ROWS) top.push(mine);
  return top;
}

/** The camera on (x, y) for a cell of `mass`. */
export function cameraOn(x: number, y: number, mass: number): Camera {
  return { x, y, halfSize: viewHalfSize(mass) };
}
