/**
 * What the renderer and HUD draw in one frame, built from blended snapshot
 * rows: remote players at the interpolated render tick, projectiles
 * extrapolated along their flight to that tick (the server's own formula).
 * Our own player is added by ArenaLogic from its prediction.
 */
import { aimToRadians, ArenaKind, playerFromSnapshot, projectileFromSnapshot, type ArenaWorld } from '../../../../shared/game/arena';
import type { DrawnTable } from '../../sdk/netcode/entityLerp';
import type { Effect } from './arenaEffects';

export interface PlayerView {
  id: number;
  name: string;
  isMe: boolean;
  x: number;
  y: number;
  /** Radians: 0 = +x, clockwise on screen. */
  aimRad: number;
  health: number;
  alive: boolean;
  /** Ticks until a dead player respawns (0 while alive). */
  respawnTicks: number;
  score: number;
  kills: number;
  deaths: number;
}

export interface ProjectileView {
  id: number;
  owner: number;
  x: number;
  y: number;
  /** px/s */
  vx: number;
  vy: number;
  /** 0–1: a predicted shot the server never confirmed fades out (1 when absent). */
  alpha?: number;
}

export interface FrameView {
  world: ArenaWorld;
  players: PlayerView[];
  projectiles: ProjectileView[];
  renderTick: number;
  /** Hit/death/respawn effects still playing. */
  effects: readonly Effect[];
}

/** A player row (wire units) as drawn. */
export function playerView(id: number, name: string, quantized: ArrayLike<number>, isMe: boolean): PlayerView {
  const p = playerFromSnapshot(quantized);
  return {
    id,
    name,
    isMe,
    x: p.x,
    y: p.y,
    aimRad: aimToRadians(p.aim),
    health: p.health,
    alive: p.respawnTicks === 0,
    respawnTicks: p.respawnTicks,
    score: p.score,
    kills: p.kills,
    deaths: p.deaths,
  };
}

/** Everything but our own player (`myId`), at `renderTick`. */
export function remoteView(
  world: ArenaWorld,
  drawn: DrawnTable,
  renderTick: number,
  tickRate: number,
  myId: number,
  nameOf: (id: number) => string,
): FrameView {
  const players: PlayerView[] = [];
  const projectiles: ProjectileView[] = [];
  for (let r = 0; r < drawn.count; r++) {
    const e = { id: drawn.ids[r], kind: drawn.kinds[r], quantized: drawn.row(r) };
    if (e.kind === ArenaKind.Projectile) {
      const p = projectileFromSnapshot(e.quantized, renderTick, tickRate);
      // Between the snapshot that still has a shot and the one without it, the flight formula
      // can carry it a few px into a wall: the server has already removed it there.
      if (!inOpenSpace(world, p.x, p.y)) continue;
      projectiles.push({ id: e.id, owner: p.owner, x: p.x, y: p.y, vx: p.vx, vy: p.vy });
    } else if (e.kind === ArenaKind.Player && e.id !== myId) {
      players.push(playerView(e.id, nameOf(e.id), e.quantized, false));
    }
  }
  return { world, players, projectiles, renderTick, effects: [] };
}

function inOpenSpace(world: ArenaWorld, x: number, y: number): boolean {
  if (x < 0 || y < 0 || x > world.width || y > world.height) return false;
  for (const o of world.obstacles) if (x > o.x && x < o.x + o.w && y > o.y && y < o.y + o.h) return false;
  return true;
}
