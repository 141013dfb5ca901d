/**
 * The replay's compact form of a command batch, for the common case (no
 * player saves): written straight into the block buffer with no allocation,
 * because msgpack-encoding ~6 input commands a tick cost 1.5 µs, a third of
 * a 10-player arena room's whole tick. The batch's tick is implied (the next
 * tick); a viewTick is stored as its distance behind that tick.
 *
 *   varint count, then per command: u8 code (roomCommand.ts's codes), playerId, and
 *     playerId:    u8 1..255, or 0 then a varint 256..Limits.maxPlayerId (big worlds; files from before
 *                  wider ids hold only the u8 form, which reads the same)
 *     join, chat:  varint byte length, UTF-8 text
 *     input:       zigzag varint (tick − viewTick), varint n, n zigzag varints
 *     leave, detach, attach: nothing   (join/attach with a save use the msgpack record)
 *
 * Decoding checks what decodeCommandBatch's schema checks (ids, lengths,
 * ranges): the file is untrusted. Node-free.
 */
import { Limits } from '../../shared/protocol/constants';
import { MAX_INPUT_FIELDS } from '../../shared/protocol/inputSchema';
import type { CommandBatch, RoomCommand } from '../rooms/roomCommand';
import { ReplayFormatError } from './replayFormat';

const Code = { join: 1, leave: 2, input: 3, chat: 4, detach: 5, attach: 6 } as const;
const MAX_COMMANDS = 4096;
const encoder = new TextEncoder();
const decoder = new TextDecoder('utf-8', { fatal: true });

/** Can this batch use the compact form (no saves to carry)? */
export function isCompactable(batch: CommandBatch): boolean {
  for (const c of batch.commands) if ((c.type === 'join' || c.type === 'attach') && c.save !== null) return false;
  return true;
}

/** Byte sink the record writer provides. */
export interface CompactOut {
  byte(b: number): void;
  varint(n: number): void;
  text(s: string): void;
}

export function writeCompactBatch(batch: CommandBatch, out: CompactOut): void {
  out.varint(batch.commands.length);
  const commands = batch.commands;
  for (let i = 0; i < commands.length; i++) {
    const c = commands[i];
    if (c.type === 'input') {
      out.byte(Code.input);
      writePlayerId(c.playerId, out);
      out.varint(zigzag(batch.tick - c.viewTick));
      const values = c.values;
      out.varint(values.length);
      for (let k = 0; k < values.length; k++) out.varint(zigzag(values[k]));
      continue;
    }
    out.byte(Code[c.type]);
    writePlayerId(c.playerId, out);
    if (c.type === 'join') out.text(c.name);
    else if (c.type === 'chat') out.text(c.text);
  }
}

/** Ids up to 255 in one byte (every id before big worlds); 0, an id no room hands out, escapes a wider one. */
function writePlayerId(id: number, out: CompactOut): void {
  if (id <= 0xff) return out.byte(id);
  out.byte(0);
  out.varint(id);
}

const zigzag = (n: number) => (n >= 0 ? n * 2 : -n * 2 - 1);
const unzigzag = (n: number) => (n % 2 === 0 ? n / 2 : -(n + 1) / 2);

export function utf8(s: string): Uint8Array {
  return encoder.encode(s);
}

/** The batch for `tick` from its compact bytes, or why not. */
export function readCompactBatch(bytes: Uint8Array, tick: number): CommandBatch | ReplayFormatError {
  let at = 0;
  const bad = (why: string) => new ReplayFormatError('corrupt', `compact batch for tick ${tick}: ${why}`);
  const varint = (): number => {
    let n = 0;
    let scale = 1;
    for (let i = 0; i < 6; i++) {
      if (at >= bytes.length) return -1;
      const b = bytes[at++];
      n += (b & 0x7f) * scale;
      if (b < 0x80) return n;
      scale *= 128;
    }
    return -1;
  };
  const text = (max: number): string | null => {
    const n = varint();
    if (n < 1 || at + n > bytes.length || n > max * 4) return null;
    let s: string;
    try {
      s = decoder.decode(bytes.subarray(at, at + n));
    } catch (err) {
      void err; // not UTF-8: reported as a bad record below
      return null;
    }
    at += n;
    return s.length <= max ? s : null;
  };
  const count = varint();
  if (count < 0 || count > MAX_COMMANDS) return bad('bad command count');
  const commands: RoomCommand[] = [];
  for (let k = 0; k < count; k++) {
    if (at + 2 > bytes.length) return bad('truncated command');
    const code = bytes[at++];
    const escaped = bytes[at] === 0;
    const playerId = escaped ? (at++, varint()) : bytes[at++];
    // The escaped form only for ids past one byte, so each id has one encoding.
    if (escaped ? playerId <= 0xff || playerId > Limits.maxPlayerId : playerId < 1) return bad(`bad player id ${playerId}`);
    switch (code) {
      case Code.join: {
        const name = text(Limits.maxNameLength);
        if (name === null) return bad('bad player name');
        commands.push({ type: 'join', playerId, name, save: null });
        break;
      }
      case Code.chat: {
        const t = text(Limits.maxChatLength);
        if (t === null) return bad('bad chat text');
        commands.push({ type: 'chat', playerId, text: t });
        break;
      }
      case Code.input: {
        const behind = varint();
        const n = varint();
        if (behind < 0 || n < 0 || n > MAX_INPUT_FIELDS) return bad('bad input header');
        const viewTick = tick - unzigzag(behind);
        if (viewTick < 0 || viewTick > 0xffffffff) return bad('view tick out of range');
        const values: number[] = [];
        for (let i = 0; i < n; i++) {
          const z = varint();
          const v = unzigzag(z);
          if (z < 0 || v < -(2 ** 31) || v > 2 ** 31 - 1) return bad('input value out of range');
          values.push(v);
        }
        commands.push({ type: 'input', playerId, viewTick, values });
        break;
      }
      case Code.leave:
        commands.push({ type: 'leave', playerId });
        break;
      case Code.detach:
        commands.push({ type: 'detach', playerId });
        break;
      case Code.attach:
        commands.push({ type: 'attach', playerId, save: null });
        break;
      default:
        return bad(`unknown command code ${code}`);
    }
  }
  if (at !== bytes.length) return bad('trailing bytes');
  return { tick, commands };
}
