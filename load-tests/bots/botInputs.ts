/**
 * Which input pattern a play bot uses for each game it can play: one frame
 * per tick, the game's input fields in schema order. A game the bots should
 * drive gets an entry here (and a pattern file beside inputPattern.ts).
 */
import { InputPattern } from './inputPattern';

/** A source of one input frame per simulation tick. */
export interface BotInput {
  next(): ArrayLike<number>;
}

type BotInputFactory = (seed: number, tickRate: number) => BotInput;

const factories: Readonly<Record<string, BotInputFactory>> = {
  arena: (seed, tickRate) => new InputPattern(seed, tickRate),
};

/** Games the bots know how to play. */
export const BOT_GAMES: readonly string[] = Object.keys(factories);

/** The pattern for `game`, or null when the bots cannot play it. */
export function botInputFor(game: string, seed: number, tickRate: number): BotInput | null {
  const f = Object.hasOwn(factories, game) ? factories[game] : undefined;
  return f ? f(seed, tickRate) : null;
}
