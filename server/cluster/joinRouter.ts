/**
 * Joins this node cannot serve from its own rooms: a room id or join code it
 * does not hold, a resume token it did not issue, quick play when it has no
 * free seat. The cluster store says where they belong; the client gets Moved
 * (§8.6) and close 4108 to go there. Routing errors are answered after the
 * upgrade, as close codes, because browsers cannot read an upgrade refusal:
 * 4106 when the store is unreachable, 4107 when the holder node is judged dead
 * (presence missing on reads a heartbeat apart: livenessJudge.ts).
 *
 * Local lookups stay synchronous; only the fallback awaits the store.
 */
import { setTimeout as delay } from 'node:timers/promises';
import { CloseCode, Opcode } from '../../shared/protocol/constants';
import { encodeServerMessage } from '../../shared/protocol/frameCodec';
import type { JoinBody } from '../../shared/protocol/messages';
import type { Logger } from '../logger';
import type { RoomHost, RoomTarget } from '../rooms/roomHost';
import type { ClusterNode, RoomLocation } from './clusterNode';
import { ClusterUnavailableError } from './clusterStore';
import type { ClusterStats } from './clusterStats';

/** What the connection handler lends the router for one Join. */
export interface RoutedConnection {
  readonly connId: number;
  readonly isOpen: () => boolean;
  send(bytes: Uint8Array): void;
  close(code: number, reason: string): void;
  /** Continue with the ordinary local join (a resume the cluster does not know becomes a fresh join). */
  joinLocally(body: JoinBody): void;
  /** A room id or code the cluster does not know either: counts as a failed guess. */
  recordFailedGuess(): void;
}

/** A directory write reaches the store within a few ms on a healthy node; 250 ms covers a stalled one. */
export const NOT_FOUND_RECHECK_MS = 250;

export class JoinRouter {
  /** Upgrades whose target this node did not hold: the Join is routed (connId → target). */
  private readonly deferred = new Map<number, RoomTarget>();
  /** Connections whose Join awaits the store: a second Join meanwhile is a protocol violation. */
  private readonly pending = new Set<number>();

  constructor(
    private readonly node: ClusterNode,
    private readonly host: RoomHost,
    private readonly stats: ClusterStats,
    private readonly log: Logger,
    /** How long to wait before reading the store again for a room, code or token it did not have. */
    private readonly recheckMs = NOT_FOUND_RECHECK_MS,
  ) {}

  /** At upgrade: true when `target` is not served here, so no seat is reserved and the Join is routed. */
  defersUpgrade(connId: number, target: RoomTarget): boolean {
    if (this.servesLocally(target)) return false;
    this.deferred.set(connId, target);
    return true;
  }

  forget(connId: number): void {
    this.deferred.delete(connId);
    this.pending.delete(connId);
  }

  /** At Join: true when the router took the Join over (it will join locally, move or close). */
  intercept(conn: RoutedConnection, body: JoinBody): boolean {
    if (this.pending.has(conn.connId)) {
      conn.close(CloseCode.ProtocolViolation, 'join already in progress');
      return true;
    }
    const upgraded = this.deferred.get(conn.connId);
    this.deferred.delete(conn.connId);
    const resumeHere = body.resume !== undefined && this.host.sessions.find(body.resume) !== undefined;
    const target = targetOf(body) ?? upgraded ?? { kind: 'quick' };
    if (resumeHere || (body.resume === undefined && this.servesLocally(target))) return false;
    this.pending.add(conn.connId);
    void this.route(conn, body, target).finally(() => this.pending.delete(conn.connId));
    return true;
  }

  private async route(conn: RoutedConnection, body: JoinBody, target: RoomTarget): Promise<void> {
    let where: RoomLocation | null = null;
    let lost = false;
    try {
      where = await this.locate(body, target);
      if (!where && (target.kind !== 'quick' || body.resume !== undefined)) {
        // Directory writes are fire-and-forget (never on the tick path), so a room or session created a
        // moment ago on another node may not be readable yet: read once more before calling it unknown.
        await delay(this.recheckMs);
        where = await this.locate(body, target);
      }
      if (!where && target.kind !== 'quick') lost = await this.heldByDeadNode(target);
    } catch (err) {
      if (!(err instanceof ClusterUnavailableError)) throw err;
      if (!conn.isOpen()) return;
      // Quick play needs no one else: this node opens a room. A room id, code or token it does not hold might be elsewhere.
      if (target.kind === 'quick' && body.resume === undefined) return conn.joinLocally(body);
      return conn.close(CloseCode.ClusterUnavailable, 'cluster directory unavailable; retry shortly');
    }
    if (!conn.isOpen()) return;
    if (where && where.nodeId !== this.node.nodeId) return this.move(conn, where);
    if (lost) return conn.close(CloseCode.RoomNodeLost, 'the room is on a node that is down; retry shortly');
    if (target.kind !== 'quick' && !where) conn.recordFailedGuess();
    // Ours after all (a race with a room created meanwhile), unknown anywhere, or quick play with no
    // free seat in the cluster: the local join decides (and opens a room for quick play).
    const { resume: _resume, ...rest } = body;
    conn.joinLocally(body.resume !== undefined && !this.host.sessions.find(body.resume) ? rest : body);
  }

  /** Where the cluster store says this Join belongs: the resume token's room, the room id or code, or quick play. */
  private async locate(body: JoinBody, target: RoomTarget): Promise<RoomLocation | null> {
    let where: RoomLocation | null = null;
    if (body.resume !== undefined) where = await this.node.locateSession(body.resume);
    if (!where && target.kind === 'id') where = await this.node.locateRoom(target.id);
    if (!where && target.kind === 'code') where = await this.node.locateCode(target.code);
    if (!where && target.kind === 'quick') where = await this.node.pickQuickPlay(target.game ?? this.host.games.default.game.name);
    return where;
  }

  private move(conn: RoutedConnection, where: RoomLocation): void {
    this.stats.moved++;
    this.log.debug({ conn: conn.connId, room: where.roomId, node: where.nodeId }, 'join moved to holder node');
    conn.send(encodeServerMessage({ op: Opcode.Moved, body: { url: where.url, roomId: where.roomId } }));
    conn.close(CloseCode.Moved, 'room is on another node');
  }

  /** A registered room whose node is not live (its presence expired). */
  private async heldByDeadNode(target: RoomTarget): Promise<boolean> {
    if (target.kind === 'quick') return false;
    return this.node.isRegisteredElsewhere(target.kind === 'id' ? { id: target.id } : { code: target.code });
  }

  private servesLocally(target: RoomTarget): boolean {
    const d = this.host.directory;
    switch (target.kind) {
      case 'id':
        return d.byId(target.id) !== undefined;
      case 'code':
        return d.byCode(target.code) !== undefined;
      case 'quick':
        return d.findQuickPlay(target.game ?? this.host.games.default.game.name) !== undefined;
    }
  }
}

function targetOf(body: JoinBody): RoomTarget | null {
  if (body.room !== undefined) return { kind: 'id', id: body.room };
  if (body.code !== undefined) return { kind: 'code', code: body.code };
  if (body.game !== undefined) return { kind: 'quick', game: body.game };
  return null;
}
