/**
 * A room directory that tells others when rooms come and go: the replay
 * recorder must attach before a room's first tick, and the operator console
 * times each room's ticks. Every other call goes to the wrapped directory.
 */
import type { Room } from '../rooms/room';
import type { RoomDirectory } from '../rooms/roomDirectory';

export interface DirectoryHooks {
  onRoomAdded(room: Room): void;
  onRoomRemoved(room: Room): void;
}

export function hookDirectory(inner: RoomDirectory, hooks: readonly DirectoryHooks[]): RoomDirectory {
  if (hooks.length === 0) return inner;
  return new Proxy(inner, {
    get(target, prop, receiver) {
      if (prop === 'add') {
        return (room: Room) => {
          target.add(room);
          for (const h of hooks) h.onRoomAdded(room);
        };
      }
      if (prop === 'remove') {
        return (room: Room) => {
          target.remove(room);
          for (const h of hooks) h.onRoomRemoved(room);
        };
      }
      const v = Reflect.get(target, prop, receiver) as unknown;
      return typeof v === 'function' ? (v as (...a: unknown[]) => unknown).bind(target) : v;
    },
  });
}
