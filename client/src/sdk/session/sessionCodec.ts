/**
 * The wire glue of a session: which game a Welcome names (its descriptor and
 * hash), and decoding server frames with that game's codec. Before the
 * Welcome there is no codec: only the handshake messages decode; a snapshot
 * then is a protocol error.
 */
import { CloseCode, Opcode } from '../../../../shared/protocol/constants';
import { DecodeError } from '../../../../shared/protocol/decodeError';
import { EntityLayout } from '../../../../shared/protocol/entitySchema';
import { decodeServerFrame, type ServerMessage } from '../../../../shared/protocol/frameCodec';
import type { GameDescriptor } from '../../../../shared/protocol/gameDescriptor';
import type { InputSchema } from '../../../../shared/protocol/inputSchema';
import type { WelcomeBody } from '../../../../shared/protocol/messages';

/** The game a Welcome says this room plays. */
export interface WelcomeGame {
  descriptor: GameDescriptor;
  hash: string;
}

export function welcomeGame(w: WelcomeBody): WelcomeGame {
  return { descriptor: w.game, hash: w.gameHash };
}

/** What the session decodes and encodes with, built from the Welcome's descriptor. */
export interface SessionCodec {
  layout: EntityLayout;
  input: InputSchema;
}

export function sessionCodec(game: GameDescriptor): SessionCodec {
  return { layout: new EntityLayout(game.entities), input: game.input };
}

/** Decode one server frame with the session's codec (null before the Welcome). Never throws. */
export function decodeFrame(bytes: Uint8Array, codec: SessionCodec | null): ServerMessage | DecodeError {
  if (!codec && bytes[0] === Opcode.Snapshot) return new DecodeError(CloseCode.InvalidMessage, 'snapshot before the Welcome');
  return decodeServerFrame(bytes, codec ? codec.layout.schema : { kinds: [] });
}
