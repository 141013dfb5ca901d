/**
 * The local room directory (synchronous, the fast path for this node's own
 * rooms) that also tells the cluster when a room appears or goes away.
 */
import { InMemoryRoomDirectory } from '../rooms/roomDirectory';
import type { Room } from '../rooms/room';
import type { ClusterNode } from './clusterNode';

export class MirroredRoomDirectory extends InMemoryRoomDirectory {
  constructor(private readonly node: () => ClusterNode | null) {
    super();
  }

  override add(room: Room): void {
    super.add(room);
    this.node()?.roomAdded(room);
  }

  override remove(room: Room): void {
    super.remove(room);
    this.node()?.roomRemoved(room);
  }
}
