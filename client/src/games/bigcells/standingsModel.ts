/**
 * What the bigcells client knows of the whole room from the standings streams
 * (PROTOCOL.md §8.9–8.11), as opposed to the snapshots, which carry only what
 * its camera sees: the leaderboard rows (top 10 + our own place when we are
 * further down) and the minimap (crowd density per square, top players'
 * positions in u). DOM-free; the presenter draws it.
 */
import type { LeaderboardBody, MinimapBody, RankBody } from '../../../../shared/protocol/messages';
import type { LeaderboardRow } from '../cells/cellsView';

export interface MinimapModel {
  /** Squares per side; `density[row * side + col]` players (capped at 15) in each. */
  side: number;
  density: Uint8Array;
  /** Top players' positions in u (centres of their 1/256 steps). */
  top: { id: number; x: number; y: number }[];
}

export class StandingsModel {
  private board: LeaderboardBody | null = null;
  private rank: RankBody | null = null;
  minimap: MinimapModel | null = null;

  constructor(private readonly world: { readonly width: number; readonly height: number }) {}

  onLeaderboard(body: LeaderboardBody): void {
    this.board = body;
  }

  onRank(body: RankBody): void {
    this.rank = body;
  }

  /** A Minimap whose density list does not match its side is ignored (kept: the previous one). */
  onMinimap(body: MinimapBody): void {
    if (body.d.length !== body.s * body.s) return;
    const toU = (q: number, extent: number): number => ((q + 0.5) / 256) * extent;
    this.minimap = {
      side: body.s,
      density: Uint8Array.from(body.d),
      top: body.p.map(([id, x, y]) => ({ id, x: toU(x, this.world.width), y: toU(y, this.world.height) })),
    };
  }

  /** Players ranked in the room (0 before the first Leaderboard). */
  get ranked(): number {
    return this.board?.n ?? 0;
  }

  /** The leaderboard rows: the top entries, then ours if we are ranked below them. */
  rows(playerId: number, nameOf: (id: number) => string): LeaderboardRow[] {
    if (!this.board) return [];
    const rows = this.board.top.map(([id, value], i) => ({ rank: i + 1, id, name: nameOf(id), mass: value, isMe: id === playerId }));
    const mine = this.rank;
    if (mine && mine.r > rows.length) rows.push({ rank: mine.r, id: playerId, name: nameOf(playerId), mass: mine.s, isMe: true });
    return rows;
  }
}
