/**
 * A room's inputs from the outside world as an ordered command stream:
 * players joining and leaving, their per-tick inputs, chat. A room applies
 * the commands that arrived during a tick at the next tick boundary, in
 * arrival order, so (seed, command stream) → the same states and events on
 * any machine. The stream is serialisable and versioned: it is the payload
 * of a replay, of a room handed to another thread or process, of a route
 * between machines.
 *
 * Wire form (msgpack, validated like any inbound frame):
 *   [version = 1, tick, [command, …]]   command = [type, playerId, …]
 *     join:   [1, playerId, name, save | null]   a new player (event "joined")
 *     leave:  [2, playerId]                      gone for good (event "left")
 *     input:  [3, playerId, viewTick, [value, …]]  the player's input from this tick on
 *     chat:   [4, playerId, text]                (event "chat")
 *     detach: [5, playerId]                      out of the world, seat and name kept (disconnected, may resume)
 *     attach: [6, playerId, save | null]         back in the world (resumed), restored from `save`
 */
import { Type, type Static } from '@sinclair/typebox';
import { TypeCompiler } from '@sinclair/typebox/compiler';
import { Packr, Unpackr } from 'msgpackr';
import type { PlayerSave } from '../../shared/engine/gameDefinition';
import { CloseCode, Limits } from '../../shared/protocol/constants';
import { DecodeError } from '../../shared/protocol/decodeError';
import { MAX_INPUT_FIELDS } from '../../shared/protocol/inputSchema';
import { checkMsgpack } from '../../shared/protocol/msgpackGuard';

export const COMMAND_STREAM_VERSION = 1;

export type RoomCommand =
  | { type: 'join'; playerId: number; name: string; save: PlayerSave | null }
  | { type: 'leave'; playerId: number }
  | { type: 'input'; playerId: number; viewTick: number; values: number[] }
  | { type: 'chat'; playerId: number; text: string }
  | { type: 'detach'; playerId: number }
  | { type: 'attach'; playerId: number; save: PlayerSave | null };

/** The commands applied at the boundary before `tick` was simulated. */
export interface CommandBatch {
  tick: number;
  commands: RoomCommand[];
}

const CommandCode = { join: 1, leave: 2, input: 3, chat: 4, detach: 5, attach: 6 } as const;

const PlayerId = Type.Integer({ minimum: 1, maximum: Limits.maxPlayerId });
const Save = Type.Union([Type.Null(), Type.Record(Type.String({ maxLength: 32 }), Type.Union([Type.Number(), Type.String({ maxLength: 256 }), Type.Boolean()]), { maxProperties: 64 })]);
const WireCommand = Type.Union([
  Type.Tuple([Type.Literal(1), PlayerId, Type.String({ minLength: 1, maxLength: Limits.maxNameLength }), Save]),
  Type.Tuple([Type.Literal(2), PlayerId]),
  Type.Tuple([Type.Literal(3), PlayerId, Type.Integer({ minimum: 0, maximum: 0xffffffff }), Type.Array(Type.Integer({ minimum: -(2 ** 31), maximum: 2 ** 31 - 1 }), { maxItems: MAX_INPUT_FIELDS })]),
  Type.Tuple([Type.Literal(4), PlayerId, Type.String({ minLength: 1, maxLength: Limits.maxChatLength })]),
  Type.Tuple([Type.Literal(5), PlayerId]),
  Type.Tuple([Type.Literal(6), PlayerId, Save]),
]);
const WireBatch = Type.Tuple([Type.Literal(COMMAND_STREAM_VERSION), Type.Integer({ minimum: 0, maximum: 0xffffffff }), Type.Array(WireCommand, { maxItems: 4096 })]);
type WireBatch = Static<typeof WireBatch>;
const batchCheck = TypeCompiler.Compile(WireBatch);

const options = { useRecords: false, structuredClone: false, int64AsType: 'number', mapsAsObjects: true, moreTypes: false } as const;
const packr = new Packr(options as ConstructorParameters<typeof Packr>[0]);
const unpackr = new Unpackr(options as ConstructorParameters<typeof Unpackr>[0]);
/** Commands nest at most 4 deep: batch → commands → command → save / values. */
const MAX_DEPTH = 5;

export function encodeCommandBatch(batch: CommandBatch): Uint8Array {
  const commands = batch.commands.map((c) => {
    switch (c.type) {
      case 'join':
        return [CommandCode.join, c.playerId, c.name, c.save];
      case 'leave':
        return [CommandCode.leave, c.playerId];
      case 'input':
        return [CommandCode.input, c.playerId, c.viewTick, c.values];
      case 'chat':
        return [CommandCode.chat, c.playerId, c.text];
      case 'detach':
        return [CommandCode.detach, c.playerId];
      case 'attach':
        return [CommandCode.attach, c.playerId, c.save];
    }
  });
  return packr.pack([COMMAND_STREAM_VERSION, batch.tick, commands]);
}

/** Decode one batch; never throws. */
export function decodeCommandBatch(bytes: Uint8Array): CommandBatch | DecodeError {
  const problem = checkMsgpack(bytes, 0, MAX_DEPTH);
  if (problem !== null) return new DecodeError(CloseCode.DecodeFailed, `command batch: ${problem}`);
  let raw: unknown;
  try {
    raw = unpackr.unpack(bytes);
  } catch {
    return new DecodeError(CloseCode.DecodeFailed, 'command batch: msgpack decode failed');
  }
  if (Array.isArray(raw) && raw[0] !== COMMAND_STREAM_VERSION) {
    return new DecodeError(CloseCode.InvalidMessage, `command batch: unsupported version ${String(raw[0])}`);
  }
  if (!batchCheck.Check(raw)) return new DecodeError(CloseCode.InvalidMessage, 'command batch: schema mismatch');
  const [, tick, wire] = raw as WireBatch;
  const commands: RoomCommand[] = wire.map((w) => {
    switch (w[0]) {
      case 1:
        return { type: 'join', playerId: w[1], name: w[2], save: w[3] };
      case 2:
        return { type: 'leave', playerId: w[1] };
      case 3:
        return { type: 'input', playerId: w[1], viewTick: w[2], values: w[3] };
      case 4:
        return { type: 'chat', playerId: w[1], text: w[2] };
      case 5:
        return { type: 'detach', playerId: w[1] };
      case 6:
        return { type: 'attach', playerId: w[1], save: w[2] };
    }
  });
  return { tick, commands };
}
