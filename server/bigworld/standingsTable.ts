/**
 * One reading of a room's standings: every ranked player's id, value and
 * position (from the game's StandingsDefinition), sorted by rank, with each
 * player's rank by id, and the two room-wide bodies built from it (the
 * Leaderboard's top entries, the Minimap's density grid and top positions).
 * O(players log players) once per period, for the whole room.
 */
import type { StandingsDefinition } from '../../shared/engine/gameDefinition';
import { MAX_MINIMAP_DENSITY, MAX_STANDINGS_ENTRIES, type LeaderboardBody, type MinimapBody } from '../../shared/protocol/messages';

/** Minimap grid side: 16 × 16 squares (~1 KB/s less than listing 1,000 players; 256 one-byte classes). */
export const MINIMAP_SIDE = 16;

export class StandingsTable {
  count = 0;
  /** Ranked order: ids[k], values[k] of the player at rank k + 1. */
  ids = new Int32Array(64);
  values = new Float64Array(64);
  private xs = new Float64Array(64);
  private ys = new Float64Array(64);
  private order = new Int32Array(64);
  /** 1-based rank by player id (0: not ranked in this reading). */
  private rankById = new Int32Array(2048);
  private readonly rawIds: number[] = [];
  private readonly rawValues: number[] = [];
  private readonly rawXs: number[] = [];
  private readonly rawYs: number[] = [];
  private width = 1;
  private height = 1;

  /** Read the standings of `state` and rank them (value descending, then id ascending). */
  read<S>(def: StandingsDefinition<S>, state: S): void {
    for (let k = 0; k < this.count; k++) if (this.ids[k] < this.rankById.length) this.rankById[this.ids[k]] = 0;
    this.rawIds.length = this.rawValues.length = this.rawXs.length = this.rawYs.length = 0;
    def.eachPlayer(state, (id, value, x, y) => {
      this.rawIds.push(id);
      this.rawValues.push(Math.max(0, Math.floor(value)));
      this.rawXs.push(x);
      this.rawYs.push(y);
    });
    const size = def.worldSize(state);
    this.width = Math.max(1, size.width);
    this.height = Math.max(1, size.height);
    const n = this.rawIds.length;
    this.ensure(n);
    const order = this.order.subarray(0, n);
    for (let i = 0; i < n; i++) order[i] = i;
    order.sort((a, b) => this.rawValues[b] - this.rawValues[a] || this.rawIds[a] - this.rawIds[b]);
    for (let k = 0; k < n; k++) {
      const i = order[k];
      const id = this.rawIds[i];
      this.ids[k] = id;
      this.values[k] = this.rawValues[i];
      this.xs[k] = this.rawXs[i];
      this.ys[k] = this.rawYs[i];
      if (id >= this.rankById.length) this.growRanks(id + 1);
      this.rankById[id] = k + 1;
    }
    this.count = n;
  }

  /** 1-based rank of `playerId` (0: not ranked). */
  rankOf(playerId: number): number {
    return playerId > 0 && playerId < this.rankById.length ? this.rankById[playerId] : 0;
  }

  valueOfPlayer(playerId: number): number {
    const r = this.rankOf(playerId);
    return r === 0 ? 0 : this.values[r - 1];
  }

  leaderboard(tick: number): LeaderboardBody {
    const top: [number, number][] = [];
    for (let k = 0; k < Math.min(this.count, MAX_STANDINGS_ENTRIES); k++) top.push([this.ids[k], this.values[k]]);
    return { t: tick, n: this.count, top };
  }

  minimap(tick: number): MinimapBody {
    const side = MINIMAP_SIDE;
    const d = new Array<number>(side * side).fill(0);
    for (let k = 0; k < this.count; k++) {
      const sq = this.step(this.ys[k], this.height, side) * side + this.step(this.xs[k], this.width, side);
      if (d[sq] < MAX_MINIMAP_DENSITY) d[sq]++;
    }
    const p: [number, number, number][] = [];
    for (let k = 0; k < Math.min(this.count, MAX_STANDINGS_ENTRIES); k++) {
      p.push([this.ids[k], this.step(this.xs[k], this.width, 256), this.step(this.ys[k], this.height, 256)]);
    }
    return { t: tick, s: side, d, p };
  }

  /** `v` in [0, extent] as one of `cells` equal steps (the far edge is the last step). */
  private step(v: number, extent: number, cells: number): number {
    const c = Math.floor((v / extent) * cells);
    return c < 0 ? 0 : c >= cells ? cells - 1 : c;
  }

  private ensure(n: number): void {
    if (this.ids.length >= n) return;
    const cap = Math.max(n, this.ids.length * 2);
    this.ids = new Int32Array(cap);
    this.values = new Float64Array(cap);
    this.xs = new Float64Array(cap);
    this.ys = new Float64Array(cap);
    this.order = new Int32Array(cap);
  }

  private growRanks(n: number): void {
    const ranks = new Int32Array(Math.max(n, this.rankById.length * 2));
    ranks.set(this.rankById);
    this.rankById = ranks;
  }
}
