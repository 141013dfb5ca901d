/**
 * Frames: 1 opcode byte, then the body (msgpack for every message but Input and Snapshot).
 * Decoding is hardened for untrusted peers: size cap, structural msgpack check
 * (msgpackGuard), msgpackr with safe options inside a catch, then the compiled
 * schema check. Decoders return a DecodeError, never throw.
 */
import { Packr, Unpackr } from 'msgpackr';
import { TypeCompiler, ValueErrorType, type TypeCheck } from '@sinclair/typebox/compiler';
import type { TSchema } from '@sinclair/typebox';
import { ByteReadError, ByteReader } from './bytes';
import { CloseCode, Limits, Opcode } from './constants';
import { DecodeError } from './decodeError';
import type { GameCodec } from './gameCodec';
import { clientCatalog, serverCatalog, type ClientMessage, type ClientMsgpackMessage, type EventsBody, type InputAckBody, type ServerMsgpackMessage } from './messages';
import { checkMsgpack } from './msgpackGuard';
import { decodeSnapshotFrame, type SnapshotFrame } from './snapshotFrame';

const msgpackOptions = {
  useRecords: false,
  structuredClone: false,
  int64AsType: 'number',
  mapsAsObjects: true,
  moreTypes: false,
} as const;
// skipValues: an optional field left `undefined` ({ name, room: opts.room }) is omitted, not
// packed as msgpackr's undefined extension (0xd4), which our own guard rejects.
const packr = new Packr({ ...msgpackOptions, skipValues: [undefined] } as ConstructorParameters<typeof Packr>[0]);
const unpackr = new Unpackr(msgpackOptions);

export type ServerMessage =
  | ServerMsgpackMessage
  | { op: typeof Opcode.Snapshot; body: SnapshotFrame }
  | { op: typeof Opcode.InputAck; body: InputAckBody };

/** Validators indexed by opcode; undefined = not an opcode for that direction. */
function compile(catalog: Record<number, TSchema>): (TypeCheck<TSchema> | undefined)[] {
  const table: (TypeCheck<TSchema> | undefined)[] = new Array(256).fill(undefined);
  for (const [op, schema] of Object.entries(catalog)) table[Number(op)] = TypeCompiler.Compile(schema);
  return table;
}
const clientValidators = compile(clientCatalog);
const serverValidators = compile(serverCatalog);

function encodeFrame(op: number, body: unknown): Uint8Array {
  const packed = packr.pack(body);
  const out = new Uint8Array(packed.length + 1);
  out[0] = op;
  out.set(packed, 1);
  return out;
}

export function encodeClientMessage(msg: ClientMsgpackMessage): Uint8Array {
  return encodeFrame(msg.op, msg.body);
}

export function encodeServerMessage(msg: ServerMsgpackMessage): Uint8Array {
  return encodeFrame(msg.op, msg.body);
}

/** Longest InputAck: opcode + a 5-byte varuint (seqs are u32, as the Snapshot's ackSeq). */
export const MAX_INPUT_ACK_BYTES = 6;

/** InputAck (0x87): the opcode, then `seq` as an unsigned LEB128 varint (3 bytes for seqs below 16,384). */
export function encodeInputAck(seq: number): Uint8Array {
  let n = 1;
  for (let v = seq; v >= 0x80; v = Math.floor(v / 0x80)) n++;
  const out = new Uint8Array(1 + n);
  out[0] = Opcode.InputAck;
  let v = seq;
  for (let i = 1; i < n; i++, v = Math.floor(v / 0x80)) out[i] = (v & 0x7f) | 0x80;
  out[n] = v;
  return out;
}

/** Decode an InputAck: exactly opcode + one varuint ≤ 2^32 − 1, nothing after it. Never throws. */
export function decodeInputAck(bytes: Uint8Array): { op: typeof Opcode.InputAck; body: InputAckBody } | DecodeError {
  if (bytes.length > MAX_INPUT_ACK_BYTES) return new DecodeError(CloseCode.DecodeFailed, 'InputAck longer than 6 bytes');
  try {
    const r = new ByteReader(bytes, 1);
    const seq = r.varuint();
    if (r.remaining !== 0) return new DecodeError(CloseCode.DecodeFailed, 'InputAck: bytes after the seq');
    return { op: Opcode.InputAck, body: { seq } };
  } catch (err) {
    if (err instanceof ByteReadError) return new DecodeError(CloseCode.DecodeFailed, `InputAck: ${err.message}`);
    throw err;
  }
}

function decodeBody(
  bytes: Uint8Array,
  validators: (TypeCheck<TSchema> | undefined)[],
  maxBytes: number,
  maxDepth: number,
  override?: TypeCheck<TSchema>,
): { op: number; body: unknown } | DecodeError {
  if (bytes.length === 0) return new DecodeError(CloseCode.DecodeFailed, 'empty frame');
  if (bytes.length > maxBytes) return new DecodeError(CloseCode.MessageTooBig, `frame of ${bytes.length} bytes exceeds ${maxBytes}`);
  const op = bytes[0];
  const validator = override ?? validators[op];
  if (!validator) return new DecodeError(CloseCode.DecodeFailed, `unknown opcode 0x${op.toString(16).padStart(2, '0')}`);
  const problem = checkMsgpack(bytes, 1, maxDepth);
  if (problem !== null) return new DecodeError(CloseCode.DecodeFailed, problem);
  let body: unknown;
  try {
    body = unpackr.unpack(bytes.subarray(1));
  } catch {
    // The guard should make this unreachable; whatever msgpackr throws is still only a decode failure.
    return new DecodeError(CloseCode.DecodeFailed, 'msgpack decode failed');
  }
  if (!validator.Check(body)) {
    const first = validator.Errors(body).First();
    // An unexpected property's path ends in the peer's own key: leave it out (reasons carry no payload).
    const path = first && first.type === ValueErrorType.ObjectAdditionalProperties
      ? `${first.path.slice(0, first.path.lastIndexOf('/'))}/<extra key>`
      : first?.path;
    const where = first ? `${path || '/'}: ${first.message}` : 'schema mismatch';
    return new DecodeError(CloseCode.InvalidMessage, `opcode 0x${op.toString(16)} ${where}`);
  }
  return { op, body };
}

/**
 * Decode a client→server frame. Never throws. An Input frame is returned as
 * its bytes: only the room, which holds the player's input state and the
 * game's input schema, can decode it (inputCodec.ts).
 */
export function decodeClientFrame(bytes: Uint8Array): ClientMessage | DecodeError {
  if (bytes.length > 0 && bytes[0] === Opcode.Input) {
    if (bytes.length > Limits.maxClientFrameBytes) {
      return new DecodeError(CloseCode.MessageTooBig, `frame of ${bytes.length} bytes exceeds ${Limits.maxClientFrameBytes}`);
    }
    return { op: Opcode.Input, bytes };
  }
  return decodeBody(bytes, clientValidators, Limits.maxClientFrameBytes, Limits.maxNestingDepth) as ClientMessage | DecodeError;
}

/** Largest server→client frame a client accepts (snapshots of big worlds). */
export const MAX_SERVER_FRAME_BYTES = 1 << 20;
/** Deepest msgpack nesting in a server frame: the Welcome's game descriptor (welcome › game › entities › kinds › kind › fields › field) is 7. */
export const MAX_SERVER_NESTING_DEPTH = 8;

/**
 * Decode a server→client frame (the client and bots use this). Never throws.
 * `game`: the codec of the game the Welcome named; null before the Welcome,
 * when a Snapshot or Events frame is a protocol error.
 */
export function decodeServerFrame(bytes: Uint8Array, game: GameCodec | null): ServerMessage | DecodeError {
  const op = bytes.length > 0 ? bytes[0] : -1;
  if (op === Opcode.InputAck) return decodeInputAck(bytes);
  if (op === Opcode.Snapshot || op === Opcode.Events) {
    if (!game) return new DecodeError(CloseCode.ProtocolViolation, 'game frame before the welcome');
    if (op === Opcode.Events) {
      return decodeBody(bytes, serverValidators, MAX_SERVER_FRAME_BYTES, MAX_SERVER_NESTING_DEPTH, game.eventsCheck) as
        | { op: typeof Opcode.Events; body: EventsBody }
        | DecodeError;
    }
    if (bytes.length > MAX_SERVER_FRAME_BYTES) return new DecodeError(CloseCode.MessageTooBig, 'snapshot too large');
    const frame = decodeSnapshotFrame(bytes, game.layout);
    return frame instanceof DecodeError ? frame : { op: Opcode.Snapshot, body: frame };
  }
  return decodeBody(bytes, serverValidators, MAX_SERVER_FRAME_BYTES, MAX_SERVER_NESTING_DEPTH) as ServerMessage | DecodeError;
}
