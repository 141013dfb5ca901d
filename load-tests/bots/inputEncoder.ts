/**
 * The Input frame written by hand (opcode 0x02 + msgpack array of unsigned
 * ints), for bots that send 60 of them a second: no msgpackr, no copy. Must
 * decode exactly like encodeClientMessage's output (tested).
 */
import { Opcode, type InputFrame } from '../../shared/protocol';

/** msgpack unsigned int in the smallest form; returns the new offset. */
function packUint(out: Uint8Array, at: number, v: number): number {
  if (v < 0x80) {
    out[at] = v;
    return at + 1;
  }
  if (v < 0x100) {
    out[at] = 0xcc;
    out[at + 1] = v;
    return at + 2;
  }
  if (v < 0x10000) {
    out[at] = 0xcd;
    out[at + 1] = v >>> 8;
    out[at + 2] = v & 0xff;
    return at + 3;
  }
  out[at] = 0xce;
  out[at + 1] = v >>> 24;
  out[at + 2] = (v >>> 16) & 0xff;
  out[at + 3] = (v >>> 8) & 0xff;
  out[at + 4] = v & 0xff;
  return at + 5;
}

/** [seq, clientTick, ackTick, viewTick, frames] as an Input frame (at most 15 frames). */
export function encodeInputFrame(seq: number, clientTick: number, ackTick: number, viewTick: number, frames: readonly InputFrame[]): Uint8Array {
  const out = new Uint8Array(2 + 4 * 5 + 1 + frames.length * 7);
  let at = 0;
  out[at++] = Opcode.Input;
  out[at++] = 0x95; // fixarray(5)
  at = packUint(out, at, seq);
  at = packUint(out, at, clientTick);
  at = packUint(out, at, ackTick);
  at = packUint(out, at, viewTick);
  out[at++] = 0x90 | frames.length;
  for (const [buttons, aim] of frames) {
    out[at++] = 0x92; // fixarray(2)
    at = packUint(out, at, buttons);
    at = packUint(out, at, aim);
  }
  return out.subarray(0, at);
}
