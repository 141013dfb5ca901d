/**
 * `--downlink-budget`: the server's per-viewer snapshot budget (bytes/s)
 * handed to the games with interest management, overriding their own
 * default. 0 keeps each game's default. Other games are returned as they are.
 */
import type { AnyGame } from '../../shared/engine/gameDefinition';

export function withDownlinkBudget(games: readonly AnyGame[], budgetBytesPerSec: number): readonly AnyGame[] {
  if (budgetBytesPerSec <= 0) return games;
  return games.map((g) => (g.interest ? { ...g, interest: { ...g.interest, budgetBytesPerSec } } : g));
}
