/**
 * The wire glue of a session: the codec of the game a Welcome names (built
 * from the descriptor the Welcome carries, its hash checked), and decoding
 * server frames with it. Before the Welcome there is no codec: only the
 * handshake messages decode; a Snapshot or Events frame then is a protocol error.
 */
import type { DecodeError } from '../../../../shared/protocol/decodeError';
import { decodeServerFrame, type ServerMessage } from '../../../../shared/protocol/frameCodec';
import { GameCodec } from '../../../../shared/protocol/gameCodec';
import type { WelcomeBody } from '../../../../shared/protocol/messages';

/** The codec for the Welcome's game, or a DecodeError when its descriptor is unusable. Never throws. */
export function codecFromWelcome(w: WelcomeBody): GameCodec | DecodeError {
  return GameCodec.fromWelcome(w);
}

/** Decode one server frame with the session's codec (null before the Welcome). Never throws. */
export function decodeFrame(bytes: Uint8Array, codec: GameCodec | null): ServerMessage | DecodeError {
  return decodeServerFrame(bytes, codec);
}
