/**
 * What nodes tell each other to move rooms, on `tw:inbox:<nodeId>` (JSON).
 * Another node's message is as untrusted as a client's: size cap, strict
 * schema; types this module does not know (the cluster core's) are ignored.
 *
 *   source ── {t:'mobility.take', roomId, from, reqId} ──▶ target   (checkpoint is in tw:ckpt:<roomId>)
 *   source ◀── {t:'mobility.taken', roomId, reqId, ok, error} ── target
 */
import { Type, type Static } from '@sinclair/typebox';
import { TypeCompiler } from '@sinclair/typebox/compiler';

const NodeId = Type.String({ pattern: '^[0-9A-Za-z_-]{1,64}$' });
const RoomIdField = Type.String({ pattern: '^[0-9a-z]{1,16}$' });
const ReqId = Type.String({ pattern: '^[0-9a-z]{1,32}$' });

const TakeSchema = Type.Object({ t: Type.Literal('mobility.take'), roomId: RoomIdField, from: NodeId, reqId: ReqId }, { additionalProperties: false });
const TakenSchema = Type.Object(
  { t: Type.Literal('mobility.taken'), roomId: RoomIdField, reqId: ReqId, ok: Type.Boolean(), error: Type.String({ maxLength: 200 }) },
  { additionalProperties: false },
);
export type TakeMessage = Static<typeof TakeSchema>;
export type TakenMessage = Static<typeof TakenSchema>;
export type MobilityMessage = TakeMessage | TakenMessage;

const takeCheck = TypeCompiler.Compile(TakeSchema);
const takenCheck = TypeCompiler.Compile(TakenSchema);
const MAX_MESSAGE_CHARS = 1024;

export type ParsedInboxMessage = MobilityMessage | { t: 'other' } | { t: 'invalid'; reason: string };

export function parseInboxMessage(text: string): ParsedInboxMessage {
  if (text.length > MAX_MESSAGE_CHARS) return { t: 'invalid', reason: `${text.length} chars` };
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (err) {
    return { t: 'invalid', reason: (err as Error).message };
  }
  const t = typeof value === 'object' && value !== null ? (value as { t?: unknown }).t : undefined;
  if (typeof t !== 'string' || !t.startsWith('mobility.')) return { t: 'other' };
  if (takeCheck.Check(value)) return value;
  if (takenCheck.Check(value)) return value;
  return { t: 'invalid', reason: `malformed ${t.slice(0, 40)}` };
}
