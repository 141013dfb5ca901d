/**
 * Which input pattern a play bot uses for a game: one frame per tick, the
 * game's input fields in schema order. A game with a pattern of its own
 * (written for its rules) has an entry here; any other game is driven by
 * SchemaPattern, built from the input schema the Welcome declares.
 */
import type { InputSchema } from '../../shared/protocol/inputSchema';
import { InputPattern } from './inputPattern';
import { SchemaPattern } from './schemaPattern';

/** A source of one input frame per simulation tick. */
export interface BotInput {
  next(): ArrayLike<number>;
}

type BotInputFactory = (seed: number, tickRate: number) => BotInput;

const factories: Readonly<Record<string, BotInputFactory>> = {
  arena: (seed, tickRate) => new InputPattern(seed, tickRate),
};

/** Games with a pattern of their own. */
export const PATTERNED_GAMES: readonly string[] = Object.keys(factories);

/** The pattern for `game`: its own, or one derived from its declared input schema. */
export function botInputFor(game: string, input: InputSchema, seed: number, tickRate: number): BotInput {
  const f = Object.hasOwn(factories, game) ? factories[game] : undefined;
  return f ? f(seed, tickRate) : new SchemaPattern(input, seed, tickRate);
}
