/**
 * A tick's events as Events frames (0x82), at most MAX_EVENTS_PER_FRAME
 * events a frame: encoded once for every viewer of the tick; usually none
 * or one frame.
 */
import { Opcode } from '../../shared/protocol/constants';
import type { AnyEvent } from '../../shared/protocol/eventSchema';
import { encodeServerMessage } from '../../shared/protocol/frameCodec';
import { MAX_EVENTS_PER_FRAME } from '../../shared/protocol/messages';

const NO_FRAMES: readonly Uint8Array[] = [];

export function encodeEventFrames(tick: number, events: readonly AnyEvent[]): readonly Uint8Array[] {
  if (events.length === 0) return NO_FRAMES;
  const frames: Uint8Array[] = [];
  for (let from = 0; from < events.length; from += MAX_EVENTS_PER_FRAME) {
    frames.push(encodeServerMessage({ op: Opcode.Events, body: { tick, events: events.slice(from, from + MAX_EVENTS_PER_FRAME) } }));
  }
  return frames;
}
