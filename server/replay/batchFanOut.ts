/**
 * Room.onBatch is one callback; a recorder and a migration may both want the
 * stream. addBatchListener turns it into a list (keeping a callback someone
 * set directly) and returns the function that removes this listener.
 */
import type { Room } from '../rooms/room';
import type { CommandBatch } from '../rooms/roomCommand';

type Listener = (batch: CommandBatch) => void;

const listeners = new WeakMap<Room, Listener[]>();

export function addBatchListener(room: Room, listener: Listener): () => void {
  let list = listeners.get(room);
  if (!list || room.onBatch !== fanOuts.get(list)) {
    list = room.onBatch ? [room.onBatch] : [];
    const fan = (batch: CommandBatch) => {
      for (let i = 0; i < list!.length; i++) list![i](batch);
    };
    fanOuts.set(list, fan);
    listeners.set(room, list);
    room.onBatch = fan;
  }
  const own = list;
  own.push(listener);
  return () => {
    const at = own.indexOf(listener);
    if (at >= 0) own.splice(at, 1);
  };
}

const fanOuts = new WeakMap<Listener[], Listener>();
