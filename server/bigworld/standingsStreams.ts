/**
 * The standings streams of a big world (PROTOCOL.md §8.9–8.11): once per
 * period the room reads its standings once, encodes one Leaderboard and one
 * Minimap frame, and sends the same bytes to every member, followed by a
 * 5–9-byte Rank frame of the member's own place. Nothing here is per entity:
 * a client sees the whole room's top players and where the crowd is without
 * receiving the world (its snapshots stay interest-managed).
 *
 *   t ──┬── Leaderboard + Rank (every leaderboardMs) ──┬── …
 *       └── Minimap (every minimapMs) ─────────────────┴── …
 *
 * A member whose link is backed up past `skipBytes` is skipped for that period
 * (the next one replaces it).
 *
 * In a room whose viewers are spread over the snapshot interval
 * (viewerPhases.ts) a period's frames are prepared once (`prepare`) and each
 * viewer is sent them with its own snapshot over the next `every` ticks
 * (`sendPrepared`), so the 1,000 Rank frames do not all land on one tick.
 */
import type { StandingsDefinition, Viewer } from '../../shared/engine/gameDefinition';
import { Opcode } from '../../shared/protocol/constants';
import { encodeServerMessage } from '../../shared/protocol/frameCodec';
import { SendStatus, type ClientLink } from '../rooms/clientLink';
import type { ServerStats } from '../serverStats';
import { StandingsTable } from './standingsTable';

/** A room member as the streams see it (RoomMember is one). */
export interface StandingsRecipient {
  readonly link: ClientLink | null;
  readonly viewer: Viewer;
}

export interface StandingsPeriods {
  readonly leaderboardMs: number;
  readonly minimapMs: number;
  /** A link with more than this buffered is skipped for the period. */
  readonly skipBytes: number;
}

export const DEFAULT_STANDINGS_PERIODS: StandingsPeriods = { leaderboardMs: 1000, minimapMs: 1000, skipBytes: 256 * 1024 };

export class StandingsStreams {
  private readonly table = new StandingsTable();
  private nextLeaderboardMs = -Infinity;
  private nextMinimapMs = -Infinity;
  /** The prepared period's shared frames (null: not in this period) and the last tick they go out on. */
  private boardFrame: Uint8Array | null = null;
  private mapFrame: Uint8Array | null = null;
  private preparedUntilTick = -1;

  constructor(
    private readonly def: StandingsDefinition<unknown>,
    private readonly stats: ServerStats,
    private readonly periods: StandingsPeriods = DEFAULT_STANDINGS_PERIODS,
  ) {}

  /** Whether `send` at `nowMs` would send anything (so a caller can avoid collecting members). */
  due(nowMs: number): boolean {
    return nowMs >= this.nextLeaderboardMs || nowMs >= this.nextMinimapMs;
  }

  /** Everything due at `nowMs`, to every member at once. */
  send(state: unknown, members: Iterable<StandingsRecipient>, tick: number, nowMs: number): void {
    if (!this.prepare(state, tick, nowMs, 1)) return;
    this.sendPrepared(members, tick);
  }

  /**
   * Read the standings and encode the shared frames of what is due at
   * `nowMs`, for `sendPrepared` on ticks `tick` … `tick + spanTicks − 1`.
   * Returns false when nothing is due.
   */
  prepare(state: unknown, tick: number, nowMs: number, spanTicks: number): boolean {
    const board = nowMs >= this.nextLeaderboardMs;
    const map = nowMs >= this.nextMinimapMs;
    if (!board && !map) return false;
    this.table.read(this.def, state);
    this.boardFrame = board ? encodeServerMessage({ op: Opcode.Leaderboard, body: this.table.leaderboard(tick) }) : null;
    this.mapFrame = map ? encodeServerMessage({ op: Opcode.Minimap, body: this.table.minimap(tick) }) : null;
    if (board) this.nextLeaderboardMs = nowMs + this.periods.leaderboardMs;
    if (map) this.nextMinimapMs = nowMs + this.periods.minimapMs;
    this.preparedUntilTick = tick + spanTicks - 1;
    return true;
  }

  /** The prepared frames (and each member's Rank) to `members`, while the prepared period lasts. */
  sendPrepared(members: Iterable<StandingsRecipient>, tick: number): void {
    if (tick > this.preparedUntilTick) return;
    const boardFrame = this.boardFrame;
    const mapFrame = this.mapFrame;
    for (const m of members) {
      const link = m.link;
      if (!link || !link.isOpen || link.bufferedAmount() > this.periods.skipBytes) continue;
      if (mapFrame) this.count(link.send(mapFrame), mapFrame);
      if (!boardFrame) continue;
      this.count(link.send(boardFrame), boardFrame);
      const id = m.viewer.playerId;
      const rank = encodeServerMessage({ op: Opcode.Rank, body: { r: this.table.rankOf(id), s: this.table.valueOfPlayer(id) } });
      this.count(link.send(rank), rank);
    }
  }

  private count(status: SendStatus, frame: Uint8Array): void {
    if (status === SendStatus.Dropped) return;
    this.stats.messagesOut++;
    this.stats.bytesOut += frame.length;
    this.stats.standingsBytesOut += frame.length;
  }
}
