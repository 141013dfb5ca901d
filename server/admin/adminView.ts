/** What the console shows: the live rooms, their players and figures (a JSON snapshot, sent every second). */
import type { Room } from '../rooms/room';
import type { RoomHost } from '../rooms/roomHost';
import type { ServerStats } from '../serverStats';
import type { AuditEntry } from './adminAudit';
import type { MetricsSample } from './metricsHistory';
import type { RoomTickTimes } from './roomTickTimes';
import type { RoomTrafficRates } from './roomTrafficRates';

export interface AdminPlayer {
  id: number;
  name: string;
  connected: boolean;
  muted: boolean;
  address: string;
  /** Age of the newest snapshot the client acknowledged, ms: about its RTT plus a snapshot interval. */
  ackAgeMs: number | null;
  /** Inputs the server skipped (late or lost and not covered by redundancy, or a standing queue). */
  inputsSkipped: number;
  /** Bytes waiting in its send buffer (backpressure). */
  bufferedBytes: number;
  /**
   * What the player's client last reported in a Ping (it measures them, the
   * server cannot: TCP hides losses): smoothed RTT, ms, and snapshots it did
   * not receive, % of the recent window; with how long ago. null: no report.
   */
  rttMs: number | null;
  lossPct: number | null;
  reportAgeMs: number | null;
}

export interface AdminRoom {
  id: string;
  name: string;
  game: string;
  phase: string;
  private: boolean;
  tick: number;
  players: number;
  maxPlayers: number;
  tickMeanUs: number;
  tickMaxUs: number;
  /** Spectators watching (not players). */
  spectators: number;
  /** WebSocket payload bytes per second into and out of the room's connections (players and spectators). */
  bytesInPerSec: number;
  bytesOutPerSec: number;
  members: AdminPlayer[];
}

export interface AdminState {
  atMs: number;
  draining: boolean;
  connections: number;
  rooms: AdminRoom[];
  latest: MetricsSample | null;
  history: MetricsSample[];
  audit: AuditEntry[];
}

/** Rooms shown at most (the biggest first): the snapshot stays small on a busy node. */
const MAX_ROOMS = 200;

export function roomView(room: Room, tickRate: number, times: RoomTickTimes, rates: RoomTrafficRates, nowMs: number): AdminRoom {
  const timing = times.of(room);
  const traffic = rates.of(room, nowMs);
  return {
    id: room.id,
    name: room.name,
    game: room.game.name,
    phase: room.phase,
    private: room.isPrivate,
    tick: room.tick,
    players: room.playerCount,
    maxPlayers: room.maxPlayers,
    tickMeanUs: Math.round(timing?.meanUs ?? 0),
    tickMaxUs: Math.round(Math.max(timing?.maxUs ?? 0, timing?.lastMaxUs ?? 0)),
    spectators: room.spectatorCount,
    bytesInPerSec: Math.round(traffic.inPerSec),
    bytesOutPerSec: Math.round(traffic.outPerSec),
    members: room.memberList().map((m) => ({
      id: m.playerId,
      name: m.name,
      connected: m.link !== null,
      muted: m.muted,
      address: m.address,
      ackAgeMs: m.lastAckedTick > 0 ? Math.round(((room.tick - m.lastAckedTick) * 1000) / tickRate) : null,
      inputsSkipped: m.inputs.skipped,
      bufferedBytes: m.link?.bufferedAmount() ?? 0,
      rttMs: m.netReport ? Math.round(m.netReport.rttMs) : null,
      lossPct: m.netReport ? Math.round(m.netReport.lossPct * 10) / 10 : null,
      reportAgeMs: m.netReport ? Math.round(nowMs - m.netReport.atMs) : null,
    })),
  };
}

export function adminState(
  host: RoomHost,
  stats: ServerStats,
  times: RoomTickTimes,
  rates: RoomTrafficRates,
  /** Monotonic ms (the server's clock: traffic rates, report ages). */
  nowMs: number,
  extra: { atMs: number; draining: boolean; latest: MetricsSample | null; history: MetricsSample[]; audit: AuditEntry[] },
): AdminState {
  const rooms = [...host.directory.all()].sort((a, b) => b.playerCount - a.playerCount).slice(0, MAX_ROOMS);
  return { ...extra, connections: stats.connections, rooms: rooms.map((r) => roomView(r, host.config.tickRate, times, rates, nowMs)) };
}
