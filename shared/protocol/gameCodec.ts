/**
 * Everything a peer needs to speak one game's part of the protocol, built
 * from its GameDescriptor alone: the entity layout (snapshots), the input
 * coder (Input frames) and the Events validator. The server builds one per
 * hosted game; a client builds one from the Welcome, so it can decode a game
 * it has no code for.
 */
import { TypeCompiler, type TypeCheck } from '@sinclair/typebox/compiler';
import type { TSchema } from '@sinclair/typebox';
import { CloseCode } from './constants';
import { DecodeError } from './decodeError';
import { EntityLayout } from './entitySchema';
import { gameEventSchema } from './eventSchema';
import { descriptorHash, describeGame, GameDescriptorBody, gameDescriptorProblems, type GameDescriptor } from './gameDescriptor';

const descriptorShape = TypeCompiler.Compile(GameDescriptorBody);
import { InputCoder } from './inputCodec';
import { eventsBodySchema, type WelcomeBody } from './messages';

export class GameCodec {
  readonly descriptor: GameDescriptor;
  readonly hash: string;
  readonly layout: EntityLayout;
  readonly input: InputCoder;
  readonly eventsCheck: TypeCheck<TSchema>;

  /** Throws on an invalid descriptor (a game's own definition: a programming error). */
  constructor(game: GameDescriptor) {
    const problems = gameDescriptorProblems(game);
    if (problems.length > 0) throw new Error(problems.join('; '));
    this.descriptor = describeGame(game);
    this.hash = descriptorHash(this.descriptor);
    this.layout = new EntityLayout(this.descriptor.entities);
    this.input = new InputCoder(this.descriptor.input);
    this.eventsCheck = TypeCompiler.Compile(eventsBodySchema(gameEventSchema(this.descriptor.events)));
  }

  /** The codec for the game a Welcome describes, or a DecodeError (4000) if it is unusable. Never throws. */
  static fromWelcome(w: Pick<WelcomeBody, 'game' | 'gameHash'>): GameCodec | DecodeError {
    // The shape first: gameDescriptorProblems reads nested fields and would throw on a malformed one.
    if (!descriptorShape.Check(w.game)) return new DecodeError(CloseCode.InvalidMessage, 'welcome: malformed game descriptor');
    const game = w.game as GameDescriptor;
    const problems = gameDescriptorProblems(game);
    if (problems.length > 0) return new DecodeError(CloseCode.InvalidMessage, `welcome: ${problems[0]}`);
    if (descriptorHash(describeGame(game)) !== w.gameHash) return new DecodeError(CloseCode.InvalidMessage, 'welcome: game hash mismatch');
    return new GameCodec(game);
  }
}
