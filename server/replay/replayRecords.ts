/**
 * What a replay block holds once inflated: a run of records, one per tick
 * (or per run of quiet ticks), and keyframes.
 *
 *   0x01 batch     varint n, n bytes   a CommandBatch in roomCommand.ts's versioned msgpack form
 *   0x02 idle      varint count        `count` ticks in a row with no commands
 *   0x03 keyframe  varint tick, 8 bytes  stateHash (shared/engine/stateHash.ts) after `tick`
 *   0x04 compact   varint n, n bytes   a batch without saves, compactBatch.ts's form (the usual record)
 *
 * Most ticks of a match either repeat every player's input (no command: the
 * room sends one only on change) or carry a few input commands, so quiet
 * stretches cost a byte or two. Node-free (the browser player uses it too).
 */
import type { CommandBatch } from '../rooms/roomCommand';
import { isCompactable, writeCompactBatch, type CompactOut } from './compactBatch';
import { ReplayFormatError } from './replayFormat';

export const RecordKind = { Batch: 1, Idle: 2, Keyframe: 3, Compact: 4 } as const;

/** The compact record's length is a 3-byte varint (filled in after the payload): at most this many bytes. */
const MAX_COMPACT_BYTES = (1 << 21) - 1;

export type ReplayRecord =
  | { kind: typeof RecordKind.Batch | typeof RecordKind.Compact; bytes: Uint8Array }
  | { kind: typeof RecordKind.Idle; count: number }
  | { kind: typeof RecordKind.Keyframe; tick: number; hash: string };

/** A growable byte buffer for one block's records. */
export class RecordWriter implements CompactOut {
  private buf = new Uint8Array(16 * 1024);
  length = 0;

  batch(bytes: Uint8Array): void {
    this.ensure(bytes.length + 6);
    this.buf[this.length++] = RecordKind.Batch;
    this.varint(bytes.length);
    this.buf.set(bytes, this.length);
    this.length += bytes.length;
  }

  /**
   * A batch in the compact form, written in place (no allocation); false when
   * it needs the msgpack record instead (a save to carry, or a huge batch).
   */
  compactBatch(batch: CommandBatch): boolean {
    if (!isCompactable(batch)) return false;
    const start = this.length;
    this.ensure(4);
    this.buf[this.length++] = RecordKind.Compact;
    const lengthAt = this.length;
    this.length += 3;
    writeCompactBatch(batch, this);
    const n = this.length - lengthAt - 3;
    if (n > MAX_COMPACT_BYTES) {
      this.length = start;
      return false;
    }
    this.buf[lengthAt] = (n & 0x7f) | 0x80;
    this.buf[lengthAt + 1] = ((n >> 7) & 0x7f) | 0x80;
    this.buf[lengthAt + 2] = n >> 14;
    return true;
  }

  byte(b: number): void {
    if (this.length === this.buf.length) this.ensure(1);
    this.buf[this.length++] = b;
  }

  text(s: string): void {
    const bytes = utf8.encode(s);
    this.varint(bytes.length);
    this.ensure(bytes.length);
    this.buf.set(bytes, this.length);
    this.length += bytes.length;
  }

  idle(count: number): void {
    this.ensure(6);
    this.buf[this.length++] = RecordKind.Idle;
    this.varint(count);
  }

  /** `hash`: 16 hex digits, stored as 8 bytes. */
  keyframe(tick: number, hash: string): void {
    this.ensure(14);
    this.buf[this.length++] = RecordKind.Keyframe;
    this.varint(tick);
    for (let i = 0; i < 8; i++) this.buf[this.length++] = parseInt(hash.slice(i * 2, i * 2 + 2), 16);
  }

  /** The records so far (a copy), and an empty writer. */
  take(): Uint8Array {
    const out = this.buf.slice(0, this.length);
    this.length = 0;
    return out;
  }

  varint(n: number): void {
    if (this.length + 8 > this.buf.length) this.ensure(8);
    if (n < 0x80) {
      this.buf[this.length++] = n;
      return;
    }
    while (n >= 0x80) {
      this.buf[this.length++] = (n & 0x7f) | 0x80;
      n = Math.floor(n / 128);
    }
    this.buf[this.length++] = n;
  }

  private ensure(extra: number): void {
    if (this.length + extra <= this.buf.length) return;
    const next = new Uint8Array(Math.max(this.buf.length * 2, this.length + extra));
    next.set(this.buf.subarray(0, this.length));
    this.buf = next;
  }
}

const utf8 = new TextEncoder();
const HEX = Array.from({ length: 256 }, (_, i) => i.toString(16).padStart(2, '0'));

/** The records of one inflated block, in order; a ReplayFormatError at the first malformed one. */
export function* readRecords(bytes: Uint8Array): Generator<ReplayRecord | ReplayFormatError> {
  let at = 0;
  const varint = (): number => {
    let n = 0;
    let scale = 1;
    for (let i = 0; i < 5; i++) {
      if (at >= bytes.length) return -1;
      const b = bytes[at++];
      n += (b & 0x7f) * scale;
      if (b < 0x80) return n;
      scale *= 128;
    }
    return -1; // more than 35 bits: not ours
  };
  while (at < bytes.length) {
    const start = at;
    const kind = bytes[at++];
    if (kind === RecordKind.Batch || kind === RecordKind.Compact) {
      const n = varint();
      if (n < 0 || at + n > bytes.length) return yield new ReplayFormatError('corrupt', `record at byte ${start}: batch length runs past its block`);
      yield { kind, bytes: bytes.subarray(at, at + n) };
      at += n;
    } else if (kind === RecordKind.Idle) {
      const count = varint();
      if (count < 1) return yield new ReplayFormatError('corrupt', `record at byte ${start}: bad idle count`);
      yield { kind, count };
    } else if (kind === RecordKind.Keyframe) {
      const tick = varint();
      if (tick < 0 || at + 8 > bytes.length) return yield new ReplayFormatError('corrupt', `record at byte ${start}: truncated keyframe`);
      let hash = '';
      for (let i = 0; i < 8; i++) hash += HEX[bytes[at++]];
      yield { kind, tick, hash };
    } else {
      return yield new ReplayFormatError('corrupt', `record at byte ${start}: unknown record kind ${kind}`);
    }
  }
}
