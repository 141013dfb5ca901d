/** What the console shows: the live rooms, their players and figures (a JSON snapshot, sent every second). */
import type { Room } from '../rooms/room';
import type { RoomHost } from '../rooms/roomHost';
import type { ServerStats } from '../serverStats';
import type { AuditEntry } from './adminAudit';
import type { MetricsSample } from './metricsHistory';
import type { RoomTickTimes } from './roomTickTimes';

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

export function roomView(room: Room, tickRate: number, times: RoomTickTimes): AdminRoom {
  const timing = times.of(room);
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
    members: room.memberList().map((m) => ({
      id: m.playerId,
      name: m.name,
      connected: m.link !== null,
      muted: m.muted,
      address: m.address,
      ackAgeMs: m.lastAckedTick > 0 ? Math.round(((room.tick - m.lastAckedTick) * 1000) / tickRate) : null,
      inputsSkipped: m.inputs.skipped,
      bufferedBytes: m.link?.bufferedAmount() ?? 0,
    })),
  };
}

export function adminState(
  host: RoomHost,
  stats: ServerStats,
  times: RoomTickTimes,
  extra: { atMs: number; draining: boolean; latest: MetricsSample | null; history: MetricsSample[]; audit: AuditEntry[] },
): AdminState {
  const rooms = [...host.directory.all()].sort((a, b) => b.playerCount - a.playerCount).slice(0, MAX_ROOMS);
  return { ...extra, connections: stats.connections, rooms: rooms.map((r) => roomView(r, host.config.tickRate, times)) };
}
