/**
 * Resume sessions kept locally (the room that issued them reads them
 * synchronously) and written through to the cluster, so a token presented to
 * any node can be routed back to its room's holder.
 */
import { InMemorySessionStore, type SessionRecord } from '../sessions/sessionStore';
import type { ClusterNode } from './clusterNode';

export class MirroredSessionStore extends InMemorySessionStore {
  constructor(private readonly node: () => ClusterNode | null) {
    super();
  }

  override issue(roomId: string, playerId: number): SessionRecord {
    const record = super.issue(roomId, playerId);
    this.node()?.sessionIssued(record);
    return record;
  }

  override adopt(record: SessionRecord): void {
    super.adopt(record);
    this.node()?.sessionIssued(record);
  }

  override revoke(token: string): void {
    super.revoke(token);
    this.node()?.sessionRevoked(token);
  }
}
