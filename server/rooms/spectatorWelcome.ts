/**
 * The Watching frame (0x8b): a spectator's Welcome — the room, its game's
 * descriptor and who plays, without a seat (no playerId, resume, resumed).
 * Encoded per spectator join (joins are rare; the descriptor dominates).
 */
import { Opcode } from '../../shared/protocol/constants';
import { encodeServerMessage } from '../../shared/protocol/frameCodec';
import type { GameCodec } from '../../shared/protocol/gameCodec';
import type { WatchingBody } from '../../shared/protocol/messages';

export function spectatorWelcome(codec: GameCodec, room: Omit<WatchingBody, 'game' | 'gameHash'>): Uint8Array {
  return encodeServerMessage({ op: Opcode.Watching, body: { ...room, game: codec.descriptor as never, gameHash: codec.hash } });
}
