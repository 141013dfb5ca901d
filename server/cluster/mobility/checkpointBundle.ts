/**
 * Several room checkpoints in one byte string (the session handoff file):
 *
 *   "TWB1" │ u32 count │ count × ( u32 length │ checkpoint bytes )     (big-endian)
 *
 * Each checkpoint is decoded by decodeCheckpoint with its own caps; the
 * bundle checks its declared count and lengths against the bytes present
 * before reading anything.
 */
import { CheckpointError, decodeCheckpoint, encodeCheckpoint, MAX_CHECKPOINT_BYTES } from './checkpointCodec';
import type { RoomCheckpoint } from './roomCheckpoint';

const BUNDLE_MAGIC = [0x54, 0x57, 0x42, 0x31]; // "TWB1"
const HEADER_BYTES = 8;
export const MAX_BUNDLE_ROOMS = 10_000;

export function encodeBundle(checkpoints: readonly RoomCheckpoint[]): Uint8Array {
  const parts = checkpoints.map(encodeCheckpoint);
  const total = HEADER_BYTES + parts.reduce((n, p) => n + 4 + p.length, 0);
  const out = new Uint8Array(total);
  const view = new DataView(out.buffer);
  out.set(BUNDLE_MAGIC, 0);
  view.setUint32(4, parts.length);
  let pos = HEADER_BYTES;
  for (const p of parts) {
    view.setUint32(pos, p.length);
    out.set(p, pos + 4);
    pos += 4 + p.length;
  }
  return out;
}

/** Every checkpoint, or the first problem (a bundle is taken whole or not at all). */
export function decodeBundle(bytes: Uint8Array): RoomCheckpoint[] | CheckpointError {
  if (bytes.length < HEADER_BYTES || BUNDLE_MAGIC.some((b, i) => bytes[i] !== b)) return new CheckpointError('bad-magic', 'not a checkpoint bundle');
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const count = view.getUint32(4);
  if (count > MAX_BUNDLE_ROOMS) return new CheckpointError('too-big', `${count} rooms exceed ${MAX_BUNDLE_ROOMS}`);
  const out: RoomCheckpoint[] = [];
  let pos = HEADER_BYTES;
  for (let i = 0; i < count; i++) {
    if (pos + 4 > bytes.length) return new CheckpointError('bad-msgpack', `bundle truncated at room ${i}`);
    const len = view.getUint32(pos);
    if (len > MAX_CHECKPOINT_BYTES || pos + 4 + len > bytes.length) return new CheckpointError('too-big', `room ${i}: declared ${len} bytes, ${bytes.length - pos - 4} present`);
    const c = decodeCheckpoint(bytes.subarray(pos + 4, pos + 4 + len));
    if (c instanceof CheckpointError) return c;
    out.push(c);
    pos += 4 + len;
  }
  if (pos !== bytes.length) return new CheckpointError('bad-msgpack', `${bytes.length - pos} trailing bytes`);
  return out;
}
