/**
 * A headless arena player for the browser tests and the screenshot script:
 * the real client SDK (GameSession with the arena's logic) under Node, through
 * the `ws` package, driven like a tab (advance + view every 8 ms). It hunts a
 * player (a given id, or the nearest), walking a grid path around the
 * obstacles, and fires when it has a clear line of sight; `aimJitterRad` makes
 * it miss some shots (screenshots want a fight, not a massacre).
 */
import WebSocket from 'ws';
import { distanceToRect, PLAYER_RADIUS, PROJECTILE_RADIUS, type ArenaWorld } from '../../shared/game/arena';
import { ArenaButton as Button } from '../../shared/game/arena';
import type { ArenaControls } from '../src/games/arena/arenaInput';
import { ArenaLogic } from '../src/games/arena/arenaLogic';
import type { FrameView, PlayerView } from '../src/games/arena/frameView';
import { arenaClient } from '../src/games/arena/index';
import { PERFECT_LINK } from '../src/sdk/net/networkSimulator';
import { GameCatalog } from '../src/sdk/session/gameCatalog';
import { GameSession } from '../src/sdk/session/gameSession';
import type { JoinTarget } from '../src/sdk/session/sessionTypes';

/** Path grid cell, world px. */
const CELL_PX = 20;
const REPLAN_MS = 400;
/** Fire at a target in sight closer than this (a shot flies 700 px). */
const FIRE_RANGE_PX = 560;
/** Close enough (default): stop walking toward the target and strafe. */
const HOLD_RANGE_PX = 260;

export interface ArenaBotOptions {
  baseUrl: string;
  name: string;
  target: JoinTarget;
  /** Hunt this player id only (null: the nearest other player). */
  preyId?: number | null;
  /** Random aim error, ± radians. */
  aimJitterRad?: number;
  /** Fire at the prey (false: only walk toward it). */
  fire?: boolean;
  /** Stop walking toward a prey in sight this close, world px (default 260). */
  holdRangePx?: number;
  seed?: number;
}

export class ArenaBot {
  readonly session: GameSession;
  view: FrameView | null = null;
  preyId: number | null;
  /** Fire at the prey when in sight (false: only walk toward it); may be changed while playing. */
  fire: boolean;
  private readonly controls: ArenaControls = { buttons: 0, aimAt: null, aimDir: null };
  private readonly timer: ReturnType<typeof setInterval>;
  private grid: Uint8Array | null = null;
  private gridWorld: ArenaWorld | null = null;
  private path: number[] = [];
  private plannedAtMs = -Infinity;
  private rng: number;

  constructor(private readonly opts: ArenaBotOptions) {
    if (typeof globalThis.WebSocket === 'undefined') (globalThis as { WebSocket?: unknown }).WebSocket = WebSocket;
    this.preyId = opts.preyId ?? null;
    this.fire = opts.fire ?? true;
    this.rng = (opts.seed ?? 1) >>> 0 || 1;
    this.session = new GameSession({
      baseUrl: opts.baseUrl,
      name: opts.name,
      target: opts.target,
      conditions: { up: PERFECT_LINK, down: PERFECT_LINK },
      games: new GameCatalog([arenaClient]),
      controls: () => this.controls,
      onPhase: () => undefined,
    });
    this.session.start();
    this.timer = setInterval(() => this.frame(performance.now()), 8);
  }

  get me(): PlayerView | null {
    return this.view?.players.find((p) => p.isMe) ?? null;
  }

  stop(): void {
    clearInterval(this.timer);
    this.session.leave();
  }

  private frame(nowMs: number): void {
    this.session.advance(nowMs);
    this.view = this.session.view(nowMs) as FrameView | null;
    const view = this.view;
    const me = this.me;
    const c = this.controls;
    c.buttons = 0;
    c.aimAt = null;
    if (!view || !me || !me.alive || !(this.session.logic instanceof ArenaLogic)) return;
    const world = this.session.logic.world;
    const prey = this.pickPrey(view.players, me);
    if (!prey) return;
    const dist = Math.hypot(prey.x - me.x, prey.y - me.y);
    const inSight = clearLine(world, me.x, me.y, prey.x, prey.y);
    if (inSight && dist < FIRE_RANGE_PX) {
      const jitter = ((this.random() * 2 - 1) * (this.opts.aimJitterRad ?? 0));
      const a = Math.atan2(prey.y - me.y, prey.x - me.x) + jitter;
      c.aimAt = { x: me.x + Math.cos(a) * dist, y: me.y + Math.sin(a) * dist };
      if (this.fire) c.buttons |= Button.Fire;
      if (dist < (this.opts.holdRangePx ?? HOLD_RANGE_PX)) return;
    }
    this.walkToward(world, me, prey, nowMs);
  }

  private pickPrey(players: readonly PlayerView[], me: PlayerView): PlayerView | null {
    let best: PlayerView | null = null;
    let bestD = Infinity;
    for (const p of players) {
      if (p.isMe || !p.alive) continue;
      if (this.preyId !== null && p.id !== this.preyId) continue;
      const d = Math.hypot(p.x - me.x, p.y - me.y);
      if (d < bestD) [best, bestD] = [p, d];
    }
    return best;
  }

  /** Follow a breadth-first grid path around the obstacles (replanned every REPLAN_MS). */
  private walkToward(world: ArenaWorld, me: PlayerView, prey: PlayerView, nowMs: number): void {
    if (this.gridWorld !== world) this.buildGrid(world);
    if (nowMs - this.plannedAtMs > REPLAN_MS || this.path.length === 0) {
      this.plannedAtMs = nowMs;
      this.path = this.plan(world, me.x, me.y, prey.x, prey.y);
    }
    const cols = Math.ceil(world.width / CELL_PX);
    // Aim for the farthest of the next few waypoints that is in a straight, clear line.
    let tx = prey.x;
    let ty = prey.y;
    for (let i = Math.min(this.path.length - 1, 6); i >= 0; i--) {
      const cx = (this.path[i] % cols) * CELL_PX + CELL_PX / 2;
      const cy = Math.floor(this.path[i] / cols) * CELL_PX + CELL_PX / 2;
      if (i === 0 || clearLine(world, me.x, me.y, cx, cy, PLAYER_RADIUS)) {
        [tx, ty] = [cx, cy];
        if (Math.hypot(cx - me.x, cy - me.y) < CELL_PX / 2) this.path.shift();
        break;
      }
    }
    const dx = tx - me.x;
    const dy = ty - me.y;
    const c = this.controls;
    if (dx < -4) c.buttons |= Button.Left;
    if (dx > 4) c.buttons |= Button.Right;
    if (dy < -4) c.buttons |= Button.Up;
    if (dy > 4) c.buttons |= Button.Down;
    c.aimAt ??= { x: me.x + dx, y: me.y + dy };
  }

  private buildGrid(world: ArenaWorld): void {
    const cols = Math.ceil(world.width / CELL_PX);
    const rows = Math.ceil(world.height / CELL_PX);
    const grid = new Uint8Array(cols * rows);
    for (let r = 0; r < rows; r++) {
      for (let c = 0; c < cols; c++) {
        const x = c * CELL_PX + CELL_PX / 2;
        const y = r * CELL_PX + CELL_PX / 2;
        const nearWall = x < PLAYER_RADIUS || y < PLAYER_RADIUS || x > world.width - PLAYER_RADIUS || y > world.height - PLAYER_RADIUS;
        grid[r * cols + c] = nearWall || world.obstacles.some((o) => distanceToRect(o, x, y) < PLAYER_RADIUS + 4) ? 1 : 0;
      }
    }
    this.grid = grid;
    this.gridWorld = world;
  }

  /** Cells from (x0, y0) to (x1, y1), first step first (empty when unreachable). */
  private plan(world: ArenaWorld, x0: number, y0: number, x1: number, y1: number): number[] {
    const grid = this.grid!;
    const cols = Math.ceil(world.width / CELL_PX);
    const rows = Math.ceil(world.height / CELL_PX);
    const cell = (x: number, y: number) => Math.min(rows - 1, Math.max(0, Math.floor(y / CELL_PX))) * cols + Math.min(cols - 1, Math.max(0, Math.floor(x / CELL_PX)));
    const start = cell(x0, y0);
    const goal = cell(x1, y1);
    const from = new Int32Array(cols * rows).fill(-1);
    from[goal] = goal;
    const queue = [goal];
    // Breadth-first from the goal, so following `from` walks from the start toward it.
    for (let qi = 0; qi < queue.length && from[start] === -1; qi++) {
      const at = queue[qi];
      const ax = at % cols;
      for (const [dx, dy] of [[1, 0], [-1, 0], [0, 1], [0, -1]]) {
        const nx = ax + dx;
        const ny = Math.floor(at / cols) + dy;
        if (nx < 0 || ny < 0 || nx >= cols || ny >= rows) continue;
        const n = ny * cols + nx;
        if (from[n] !== -1 || (grid[n] && n !== start)) continue;
        from[n] = at;
        queue.push(n);
      }
    }
    const path: number[] = [];
    for (let at = start; from[at] !== -1 && at !== goal && path.length < cols * rows; at = from[at]) path.push(from[at]);
    return path;
  }

  private random(): number {
    // xorshift32: the bots' aim error repeats run to run.
    let x = this.rng;
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    this.rng = x >>> 0;
    return this.rng / 0x100000000;
  }
}

/** No obstacle within `clearancePx` of the segment (sampled every 6 px). */
function clearLine(world: ArenaWorld, x0: number, y0: number, x1: number, y1: number, clearancePx = PROJECTILE_RADIUS + 2): boolean {
  const steps = Math.max(1, Math.ceil(Math.hypot(x1 - x0, y1 - y0) / 6));
  for (let i = 1; i < steps; i++) {
    const x = x0 + ((x1 - x0) * i) / steps;
    const y = y0 + ((y1 - y0) * i) / steps;
    for (const o of world.obstacles) if (distanceToRect(o, x, y) < clearancePx) return false;
  }
  return true;
}
